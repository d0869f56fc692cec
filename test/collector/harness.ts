// A CollectContext for unit tests: real SDK clients (so aws-sdk-client-mock intercepts them), emitted
// batches kept in memory, and every command checked against the module's declared operations.
import { ClientFactory } from '../../collector/clients';
import { runUnit } from '../../collector/unit';
import type { Asset, Relationship, SyncServiceResult } from '../../store/model';
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
    shared: (_key, read) => read(),
    async mapLimit(items, fn) {
      return Promise.all(items.map(fn));
    },
    signal: new AbortController().signal,
    log: () => undefined,
  };
  return run;
}

/**
 * Runs a module as a sync does (the unit runner over real SDK clients from a ClientFactory), keeping what it wrote:
 * for tests about a unit's result (status, complete types, calls) rather than its transforms.
 */
export async function runModuleUnit(
  module: CollectorModule,
  options: { region?: string; accountId?: string; factory?: ClientFactory; timeoutMs?: number } = {},
): Promise<{ result: SyncServiceResult; assets: Asset[]; relationships: Relationship[] }> {
  const assets: Asset[] = [];
  const relationships: Relationship[] = [];
  const credentials = async () => ({ accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' });
  const result = await runUnit({
    module,
    region: options.region ?? 'us-east-1',
    accountId: options.accountId ?? '123456789012',
    partition: 'aws',
    factory: options.factory ?? new ClientFactory({ credentials }),
    sink: {
      writeAssets: async (batch) => void assets.push(...batch),
      writeRelationships: async (batch) => void relationships.push(...batch),
    },
    batchSize: 100,
    timeoutMs: options.timeoutMs ?? 10_000,
    log: () => undefined,
  });
  return { result, assets, relationships };
}
