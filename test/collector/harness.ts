// A CollectContext for unit tests: real SDK clients (so aws-sdk-client-mock intercepts them), emitted
// batches kept in memory, and every command checked against the module's declared operations.
import type { Asset, Relationship } from '../../store/model';
import { GLOBAL_REGION } from '../../store/model';
import type { CollectContext, CollectorModule } from '../../collector/types';

export interface TestRun {
  ctx: CollectContext;
  assets: Asset[];
  relationships: Relationship[];
  failures: { type: string; error: unknown }[];
  /** `Client.Command` names actually sent, in order. */
  calls: string[];
}

export function testContext(
  module: CollectorModule,
  options: { accountId?: string; region?: string; partition?: string } = {},
): TestRun {
  const accountId = options.accountId ?? '123456789012';
  const region = options.region ?? 'us-east-1';
  const declared = new Set(module.operations.map((operation) => operation.api));
  const run: TestRun = { assets: [], relationships: [], failures: [], calls: [], ctx: undefined as never };
  const clients = new Map<unknown, unknown>();
  run.ctx = {
    accountId,
    partition: options.partition ?? 'aws',
    region,
    assetRegion: module.scope === 'global' ? GLOBAL_REGION : region,
    client(ctor, clientOptions) {
      const key = `${ctor.name}:${clientOptions?.region ?? region}`;
      if (!clients.has(key)) {
        const client: any = new ctor({
          region: clientOptions?.region ?? region,
          credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' },
          maxAttempts: 1,
        });
        const send = client.send.bind(client);
        const clientName = ctor.name.replace(/Client$/, '');
        client.send = (command: { constructor: { name: string } }, ...rest: unknown[]) => {
          const api = `${clientName}.${command.constructor.name.replace(/Command$/, '')}`;
          if (!declared.has(api)) throw new Error(`${module.service} calls undeclared operation ${api}`);
          run.calls.push(api);
          return send(command, ...rest);
        };
        clients.set(key, client);
      }
      return clients.get(key) as never;
    },
    async emit(batch) {
      run.assets.push(...(batch.assets ?? []));
      run.relationships.push(...(batch.relationships ?? []));
    },
    typeFailed(type, error) {
      run.failures.push({ type, error });
    },
    async mapLimit(items, fn) {
      return Promise.all(items.map(fn));
    },
    signal: new AbortController().signal,
    log: () => undefined,
  };
  return run;
}
