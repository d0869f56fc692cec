// The runner with small in-test modules: units, progress, partial failures, deletion scoping, buffering, limits.
import { DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import type { Asset, Relationship, SyncProgress, SyncServiceResult } from '../../store/model';
import { collectAccount, planUnits } from '../../collector/runner';
import type { CollectOptions } from '../../collector/runner';
import type { CollectSink } from '../../collector/unit';
import type { CollectContext, CollectorModule } from '../../collector/types';
import { ec2AccessDenied } from './aws-errors';

const ACCOUNT = '123456789012';
const credentials = async () => ({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' });

function recordingSink(options: { writeDelayMs?: number } = {}) {
  const sink = {
    assets: [] as Asset[],
    relationships: [] as Relationship[],
    assetWrites: [] as number[],
    finished: [] as { result: SyncServiceResult; relationshipsComplete: boolean }[],
    async writeAssets(assets: Asset[]) {
      if (options.writeDelayMs) await new Promise((resolve) => setTimeout(resolve, options.writeDelayMs));
      sink.assetWrites.push(assets.length);
      sink.assets.push(...assets);
    },
    async writeRelationships(relationships: Relationship[]) {
      sink.relationships.push(...relationships);
    },
    async unitFinished(result: SyncServiceResult, deletion: { relationshipsComplete: boolean }) {
      sink.finished.push({ result, relationshipsComplete: deletion.relationshipsComplete });
    },
  } satisfies CollectSink & Record<string, unknown>;
  return sink;
}

function asset(ctx: CollectContext, service: string, type: string, name: string): Asset {
  return {
    id: `arn:aws:${service}:${ctx.region}:${ctx.accountId}:${type}/${name}`,
    accountId: ctx.accountId,
    region: ctx.assetRegion,
    service,
    type,
    class: 'Configuration',
    name,
    tags: {},
    config: {},
  };
}

function fakeModule(
  service: string,
  scope: 'global' | 'regional',
  collect: (ctx: CollectContext) => Promise<void>,
  extra: Partial<CollectorModule> = {},
): CollectorModule {
  return {
    service,
    scope,
    resourceTypes: [
      { type: `${service}_thing`, class: 'Configuration', listOperation: 'X.List', idSource: 'test' },
      { type: `${service}_other`, class: 'Configuration', listOperation: 'X.List', idSource: 'test' },
    ],
    operations: [{ api: 'EC2.DescribeVpcs', actions: ['ec2:DescribeVpcs'] }],
    collect,
    ...extra,
  };
}

const emitOne = (service: string) => async (ctx: CollectContext) => {
  await ctx.emit({ assets: [asset(ctx, service, `${service}_thing`, 'a')] });
};

const options = (modules: CollectorModule[], extra: Partial<CollectOptions> = {}): CollectOptions => ({
  awsAccountId: ACCOUNT,
  regions: ['us-east-1', 'eu-west-1'],
  credentials,
  modules,
  concurrency: 4,
  ...extra,
});

const ec2 = mockClient(EC2Client);
beforeEach(() => ec2.reset());

describe('collectAccount', () => {
  test('global modules run once, regional ones in every region; account assets, progress and results', async () => {
    const sink = recordingSink();
    const progress: SyncProgress[] = [];
    const outcome = await collectAccount(
      options(
        [fakeModule('glob', 'global', emitOne('glob')), fakeModule('reg', 'regional', emitOne('reg'))],
        {
          onProgress: (p) => {
            progress.push(p);
          },
        },
      ),
      sink,
    );
    expect(outcome.status).toBe('succeeded');
    expect(
      outcome.services.map((result) => `${result.service} ${result.region} ${result.status}`).sort(),
    ).toEqual(['glob global ok', 'reg eu-west-1 ok', 'reg us-east-1 ok']);
    const byType = (type: string) =>
      sink.assets
        .filter((a) => a.type === type)
        .map((a) => a.region)
        .sort();
    expect(byType('glob_thing')).toEqual(['global']);
    expect(byType('reg_thing')).toEqual(['eu-west-1', 'us-east-1']);
    expect(byType('aws_account')).toEqual(['global']);
    expect(byType('aws_account_region')).toEqual(['eu-west-1', 'us-east-1']);
    expect(sink.assets.find((a) => a.type === 'aws_account')).toMatchObject({
      id: `arn:aws:iam::${ACCOUNT}:root`,
      config: { AccountId: ACCOUNT, Partition: 'aws', Regions: ['us-east-1', 'eu-west-1'] },
    });
    expect(sink.assets.find((a) => a.type === 'aws_account_region' && a.region === 'eu-west-1')?.id).toBe(
      `arn:aws:ec2:eu-west-1:${ACCOUNT}:region`,
    );
    expect(progress[0]).toMatchObject({ done: 0, total: 3 });
    expect(progress.map((p) => p.done)).toEqual([0, 1, 2, 3]);
    expect(progress.at(-2)?.current).toMatch(/^(glob|reg) /);
    // Nothing is running once every unit has finished.
    expect(progress.at(-1)?.current).toBeUndefined();
    // Every unit (and the runner's own assets) reports its complete types for deletion.
    const glob = sink.finished.find((f) => f.result.service === 'glob')!;
    expect(glob).toMatchObject({
      result: { completeTypes: ['glob_thing', 'glob_other'], assetCount: 1 },
      relationshipsComplete: true,
    });
    expect(
      sink.finished
        .filter((f) => f.result.service === 'account')
        .map((f) => f.result.region)
        .sort(),
    ).toEqual(['eu-west-1', 'global', 'us-east-1']);
  });

  test('a failing unit is recorded with AWS error code, deletes nothing, and the sync is partial', async () => {
    const sink = recordingSink();
    const failing = fakeModule('reg', 'regional', async (ctx) => {
      await ctx.emit({ assets: [asset(ctx, 'reg', 'reg_thing', 'before-failure')] });
      if (ctx.region === 'eu-west-1') throw ec2AccessDenied();
    });
    const outcome = await collectAccount(
      options([fakeModule('glob', 'global', emitOne('glob')), failing]),
      sink,
    );
    expect(outcome.status).toBe('partial');
    const failed = outcome.services.find((r) => r.region === 'eu-west-1')!;
    expect(failed).toMatchObject({ status: 'failed', errorCode: 'UnauthorizedOperation', completeTypes: [] });
    expect(failed.errorMessage).toMatch(/not authorized/);
    expect(
      sink.finished.find((f) => f.result.region === 'eu-west-1' && f.result.service === 'reg')
        ?.relationshipsComplete,
    ).toBe(false);
    // What was read before the failure is kept (upserted), just not used for deletions.
    expect(sink.assets.filter((a) => a.region === 'eu-west-1' && a.type === 'reg_thing')).toHaveLength(1);
  });

  test('a type whose list failed is left out of completeTypes; the unit is failed with that code', async () => {
    const sink = recordingSink();
    const module = fakeModule('reg', 'regional', async (ctx) => {
      await ctx.emit({ assets: [asset(ctx, 'reg', 'reg_thing', 'a')] });
      ctx.typeFailed('reg_other', ec2AccessDenied());
    });
    const outcome = await collectAccount(options([module], { regions: ['us-east-1'] }), sink);
    expect(outcome.status).toBe('failed');
    expect(outcome.services[0]).toMatchObject({
      status: 'failed',
      errorCode: 'UnauthorizedOperation',
      completeTypes: ['reg_thing'],
    });
    expect(outcome.services[0].errorMessage).toMatch(/^reg_other: UnauthorizedOperation/);
    expect(sink.finished.find((f) => f.result.service === 'reg')?.relationshipsComplete).toBe(false);
  });

  test('credentials that cannot be obtained fail the whole sync before any unit runs', async () => {
    const sink = recordingSink();
    const collect = jest.fn(async () => undefined);
    const outcome = await collectAccount(
      options([fakeModule('reg', 'regional', collect)], {
        credentials: async () => {
          throw Object.assign(new Error('not authorized to perform: sts:AssumeRole'), {
            name: 'AccessDenied',
          });
        },
      }),
      sink,
    );
    expect(outcome).toMatchObject({
      status: 'failed',
      error: 'AccessDenied: not authorized to perform: sts:AssumeRole',
      services: [],
    });
    expect(collect).not.toHaveBeenCalled();
    expect(sink.assets).toEqual([]);
  });

  test('calls are counted per unit by operation', async () => {
    ec2.on(DescribeVpcsCommand).resolves({ $metadata: { httpStatusCode: 200 }, Vpcs: [] });
    const module = fakeModule('reg', 'regional', async (ctx) => {
      const client = ctx.client(EC2Client);
      await client.send(new DescribeVpcsCommand({}));
      if (ctx.region === 'us-east-1') await client.send(new DescribeVpcsCommand({}));
    });
    const outcome = await collectAccount(options([module]), recordingSink());
    const calls = Object.fromEntries(outcome.services.map((r) => [r.region, r.calls]));
    expect(calls).toEqual({ 'us-east-1': { 'EC2.DescribeVpcs': 2 }, 'eu-west-1': { 'EC2.DescribeVpcs': 1 } });
  });

  test('emitted assets are written in bounded batches, and emit waits for the sink', async () => {
    const sink = recordingSink({ writeDelayMs: 5 });
    let maxAhead = 0;
    const module = fakeModule('reg', 'regional', async (ctx) => {
      for (let batch = 0; batch < 10; batch += 1) {
        const assets = Array.from({ length: 100 }, (_, i) => asset(ctx, 'reg', 'reg_thing', `${batch}-${i}`));
        await ctx.emit({ assets });
        const written = sink.assets.filter((a) => a.region === ctx.region && a.type === 'reg_thing').length;
        maxAhead = Math.max(maxAhead, (batch + 1) * 100 - written);
      }
    });
    await collectAccount(options([module], { regions: ['us-east-1'], batchSize: 250 }), sink);
    expect(sink.assetWrites.slice(1)).toEqual([300, 300, 300, 100]);
    expect(maxAhead).toBeLessThan(300);
  });

  test('an asset stamped with the wrong region fails its unit', async () => {
    const module = fakeModule('reg', 'regional', async (ctx) => {
      await ctx.emit({ assets: [{ ...asset(ctx, 'reg', 'reg_thing', 'a'), region: 'global' }] });
    });
    const outcome = await collectAccount(options([module], { regions: ['us-east-1'] }), recordingSink());
    expect(outcome.services[0]).toMatchObject({
      status: 'failed',
      errorMessage: expect.stringMatching(/service\/account\/region/),
    });
  });

  test('a unit that outlives its timeout fails with TimeoutError', async () => {
    const module = fakeModule('slow', 'regional', () => new Promise<void>(() => undefined));
    const outcome = await collectAccount(
      options([module], { regions: ['us-east-1'], unitTimeoutMs: 30 }),
      recordingSink(),
    );
    expect(outcome.services[0]).toMatchObject({ status: 'failed', errorCode: 'TimeoutError' });
  });

  test('units run in parallel up to the cap, and dependsOn waits for the dependency in the same region', async () => {
    let running = 0;
    let peak = 0;
    const finishedAt = new Map<string, number>();
    const startedAt = new Map<string, number>();
    let clock = 0;
    const timed = (service: string) => async (ctx: CollectContext) => {
      startedAt.set(`${service} ${ctx.region}`, clock++);
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, 10));
      running -= 1;
      finishedAt.set(`${service} ${ctx.region}`, clock++);
    };
    const regions = ['r-1', 'r-2', 'r-3', 'r-4', 'r-5'].map((r) => `us-${r.replace('r-', 'west-')}`);
    const modules = [
      fakeModule('a', 'regional', timed('a')),
      fakeModule('b', 'regional', timed('b'), { dependsOn: ['a'] }),
    ];
    await collectAccount(options(modules, { regions, concurrency: 3 }), recordingSink());
    expect(peak).toBe(3);
    for (const region of regions)
      expect(startedAt.get(`b ${region}`)!).toBeGreaterThan(finishedAt.get(`a ${region}`)!);
  });

  test('planUnits orders global modules first, then each regional module across regions', () => {
    const units = planUnits(
      [fakeModule('r', 'regional', emitOne('r')), fakeModule('g', 'global', emitOne('g'))],
      ['us-east-1', 'eu-west-1'],
      'us-east-1',
    );
    expect(units.map((unit) => unit.label)).toEqual(['g global', 'r us-east-1', 'r eu-west-1']);
  });
});
