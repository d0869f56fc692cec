import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  InvalidInputError,
  NotFoundError,
  SqlStore,
  type Queryable,
  type SqlClient,
  type Store,
} from '../../store';
import type { Account, Sync } from '../../store/model';
import { loadMigrations } from '../../store/migrate';
import { asset, describeEachEngine, newAccountInput, result } from './engines';

async function accountWithSync(store: Store): Promise<{ account: Account; sync: Sync }> {
  const account = await store.createAccount(newAccountInput());
  const sync = await store.createSync(account.id, 'manual');
  await store.markSyncRunning(sync.id);
  return { account, sync };
}

/** Finishes the sync and starts the next one, as the job system does between runs. */
async function nextSync(store: Store, account: Account, previous: Sync): Promise<Sync> {
  await store.finishSync(previous.id, 'succeeded');
  const sync = await store.createSync(account.id, 'schedule');
  await store.markSyncRunning(sync.id);
  return sync;
}

describeEachEngine('assets', (store) => {
  test('inserts, then updates by (account, id) keeping first-seen and facts', async () => {
    const { account, sync } = await accountWithSync(store());
    await store().upsertAssets(sync.id, [
      asset(account.id, 'i-1', { tags: { env: 'prod' }, readErrors: { UserData: 'AccessDenied' } }),
    ]);
    const first = (await store().getAssetById(account.id, 'i-1'))!;
    expect(first).toMatchObject({
      accountId: account.id,
      tags: { env: 'prod' },
      readErrors: { UserData: 'AccessDenied' },
      facts: {},
      deletedAt: null,
    });
    await store().setAssetFacts(account.id, new Map([['i-1', { exposure: { verdict: 'exposed' } }]]));

    const second = await nextSync(store(), account, sync);
    await store().upsertAssets(second.id, [
      asset(account.id, 'i-1', { name: 'renamed', config: { InstanceId: 'i-1', State: 'running' } }),
    ]);

    const updated = (await store().getAsset(first.key))!;
    expect(updated).toMatchObject({
      key: first.key,
      name: 'renamed',
      config: { State: 'running' },
      firstSeenAt: first.firstSeenAt,
    });
    expect(updated.facts).toEqual({ exposure: { verdict: 'exposed' } });
    expect(updated).not.toHaveProperty('readErrors');
    expect(Date.parse(updated.lastSeenAt)).toBeGreaterThanOrEqual(Date.parse(first.lastSeenAt));
  });

  test('writes a large batch in chunks, keeping the last copy of a duplicated id', async () => {
    const { account, sync } = await accountWithSync(store());
    const assets = Array.from({ length: 1203 }, (_, i) => asset(account.id, `i-${i}`));
    assets.push(asset(account.id, 'i-7', { name: 'last copy wins' }));
    await store().upsertAssets(sync.id, assets);
    expect(await store().countAssets({ accountId: account.id })).toBe(1203);
    expect((await store().getAssetById(account.id, 'i-7'))!.name).toBe('last copy wins');
  });

  test('writes each batch of 500 as one multi-row INSERT ... ON CONFLICT', async () => {
    const { account, sync } = await accountWithSync(store());
    const statements: string[] = [];
    const db = (store() as SqlStore).db;
    const counting = (target: Queryable): Queryable => ({
      query: (text, params) => (statements.push(text), target.query(text, params)),
      execute: (text, params) => (statements.push(text), target.execute(text, params)),
      script: (text) => (statements.push(text), target.script(text)),
    });
    const spy: SqlClient = {
      ...db,
      ...counting(db),
      transaction: (fn) => db.transaction((tx) => fn(counting(tx))),
    };
    await new SqlStore(spy).upsertAssets(
      sync.id,
      Array.from({ length: 1100 }, (_, i) => asset(account.id, `i-${i}`)),
    );
    const inserts = statements.filter((text) => text.includes('INSERT INTO assets'));
    expect(inserts).toHaveLength(3);
    expect(inserts.every((text) => text.includes('ON CONFLICT (account_id, id) DO UPDATE'))).toBe(true);
    expect(await store().countAssets({ accountId: account.id })).toBe(1100);
  });

  test('accepts the AWS account id on items but refuses another account, writing nothing', async () => {
    const { account, sync } = await accountWithSync(store());
    await store().upsertAssets(sync.id, [asset(account.awsAccountId, 'i-aws')]);
    expect((await store().getAssetById(account.id, 'i-aws'))!.accountId).toBe(account.id);
    await expect(
      store().upsertAssets(sync.id, [asset(account.id, 'i-ok'), asset('999999999999', 'i-bad')]),
    ).rejects.toBeInstanceOf(InvalidInputError);
    expect(await store().getAssetById(account.id, 'i-ok')).toBeNull();
    await expect(
      store().upsertAssets('00000000-0000-4000-8000-000000000000', [asset(account.id, 'x')]),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  test('keeps global and regional assets apart', async () => {
    const { account, sync } = await accountWithSync(store());
    await store().upsertAssets(sync.id, [
      asset(account.id, 'arn:aws:iam::1:role/a', {
        region: 'global',
        service: 'iam',
        type: 'aws_iam_role',
        class: 'AccessRole',
      }),
      asset(account.id, 'i-eu', { region: 'eu-west-1' }),
      asset(account.id, 'i-us', { region: 'us-east-1' }),
    ]);
    const ids = async (filter: Parameters<Store['listAssets']>[0]) =>
      (await store().listAssets(filter)).items.map((a) => a.id).sort();
    expect(await ids({ scope: 'global' })).toEqual(['arn:aws:iam::1:role/a']);
    expect(await ids({ scope: 'regional' })).toEqual(['i-eu', 'i-us']);
    expect(await ids({ scope: 'regional', region: 'us-east-1' })).toEqual(['i-us']);
    expect(await store().countAssets({ accountId: account.id, scope: 'global' })).toBe(1);
  });

  test('global and regional listings can use their own indexes', async () => {
    const db = (store() as SqlStore).db;
    const plan = async (scope: 'global' | 'regional') =>
      db.transaction(async (tx) => {
        await tx.execute('SET LOCAL enable_seqscan = off');
        const rows = await tx.query<{ 'QUERY PLAN': string }>(
          `EXPLAIN SELECT * FROM assets WHERE account_id = '00000000-0000-4000-8000-000000000000'
           AND ${scope === 'global' ? `region = 'global'` : `region <> 'global'`} AND type = 'aws_iam_role'`,
        );
        return rows.map((row) => row['QUERY PLAN']).join('\n');
      });
    expect(await plan('global')).toContain('assets_global_idx');
    expect(await plan('regional')).toContain('assets_regional_idx');
  });

  test('filters by type, class, tag and search, and pages without repeats', async () => {
    const { account, sync } = await accountWithSync(store());
    await store().upsertAssets(sync.id, [
      asset(account.id, 'i-1', { name: 'web-1', tags: { team: 'payments' } }),
      asset(account.id, 'i-2', { name: 'web-2', tags: { team: 'search' } }),
      asset(account.id, 'vol-1', { name: 'data', type: 'aws_ec2_volume', class: 'Disk' }),
      asset(account.id, 'odd_%', { name: 'literal percent' }),
    ]);
    const ids = async (filter: Parameters<Store['listAssets']>[0]) =>
      (await store().listAssets(filter)).items.map((a) => a.id).sort();
    expect(await ids({ type: 'aws_ec2_volume' })).toEqual(['vol-1']);
    expect(await ids({ class: 'Host' })).toEqual(['i-1', 'i-2', 'odd_%']);
    expect(await ids({ tag: { key: 'team' } })).toEqual(['i-1', 'i-2']);
    expect(await ids({ tag: { key: 'team', value: 'search' } })).toEqual(['i-2']);
    expect(await ids({ search: 'WEB' })).toEqual(['i-1', 'i-2']);
    expect(await ids({ search: 'payments' })).toEqual(['i-1']);
    expect(await ids({ search: '%' })).toEqual(['odd_%']);

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await store().listAssets({ accountId: account.id }, { limit: 1, cursor });
      seen.push(...page.items.map((a) => a.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen.sort()).toEqual(['i-1', 'i-2', 'odd_%', 'vol-1']);
  });

  test('streams every live asset in bounded batches', async () => {
    const { account, sync } = await accountWithSync(store());
    await store().upsertAssets(
      sync.id,
      Array.from({ length: 25 }, (_, i) => asset(account.id, `i-${String(i).padStart(2, '0')}`)),
    );
    const sizes: number[] = [];
    const ids: string[] = [];
    for await (const batch of store().streamAssets(account.id, 10)) {
      sizes.push(batch.length);
      ids.push(...batch.map((a) => a.id));
    }
    expect(sizes).toEqual([10, 10, 5]);
    expect(new Set(ids).size).toBe(25);
  });

  test('replaces facts for the whole account', async () => {
    const { account, sync } = await accountWithSync(store());
    await store().upsertAssets(sync.id, [asset(account.id, 'i-1'), asset(account.id, 'i-2')]);
    await store().setAssetFacts(
      account.id,
      new Map([
        ['i-1', { exposed: true }],
        ['i-2', { exposed: true }],
      ]),
    );
    await store().setAssetFacts(account.id, new Map([['i-2', { exposed: false }]]));
    expect((await store().getAssetById(account.id, 'i-1'))!.facts).toEqual({});
    expect((await store().getAssetById(account.id, 'i-2'))!.facts).toEqual({ exposed: false });
  });
});

describeEachEngine('relationships and scoped deletion', (store) => {
  const edge = (accountId: string, fromId: string, toId: string, service = 'ec2', region = 'eu-west-1') => ({
    accountId,
    fromId,
    verb: 'PROTECTS' as const,
    toId,
    service,
    region,
  });

  test('lists edges touching an asset, once each', async () => {
    const { account, sync } = await accountWithSync(store());
    await store().upsertRelationships(sync.id, [
      edge(account.id, 'sg-1', 'i-1'),
      edge(account.id, 'sg-1', 'i-1', 'elb'),
      edge(account.id, 'sg-2', 'i-2'),
    ]);
    expect(await store().listRelationships(account.id, 'i-1')).toEqual([
      expect.objectContaining({ fromId: 'sg-1', toId: 'i-1', verb: 'PROTECTS' }),
    ]);
    expect(await store().listRelationships(account.id)).toHaveLength(2);
  });

  test('marks deleted only unseen assets of the listed types in that service and region', async () => {
    const { account, sync } = await accountWithSync(store());
    await store().upsertAssets(sync.id, [
      asset(account.id, 'i-gone'),
      asset(account.id, 'i-kept'),
      asset(account.id, 'vol-unlisted-type', { type: 'aws_ec2_volume', class: 'Disk' }),
      asset(account.id, 'i-other-region', { region: 'us-east-1' }),
      asset(account.id, 'fn-other-service', { service: 'lambda', type: 'aws_ec2_instance' }),
    ]);
    await store().applyResults(account.id, ['c1'], [result(account.id, 'c1', 'i-gone', 'fail')]);
    const second = await nextSync(store(), account, sync);
    await store().upsertAssets(second.id, [asset(account.id, 'i-kept')]);

    const count = await store().markUnseenDeleted({
      accountId: account.id,
      region: 'eu-west-1',
      service: 'ec2',
      types: ['aws_ec2_instance'],
      relationshipsComplete: false,
      syncId: second.id,
    });

    expect(count).toBe(1);
    expect((await store().getAssetById(account.id, 'i-gone'))!.deletedAt).not.toBeNull();
    const live = (await store().listAssets({ accountId: account.id })).items.map((a) => a.id).sort();
    expect(live).toEqual(['fn-other-service', 'i-kept', 'i-other-region', 'vol-unlisted-type']);
    expect(await store().countAssets({ accountId: account.id, includeDeleted: true })).toBe(5);
    const alert = (await store().listAlerts({ assetId: 'i-gone' })).items[0];
    expect(alert.status).toBe('resolved');
    expect(alert.history.map((h) => h.event)).toEqual(['opened', 'asset_deleted']);
    expect(await store().resultCounts({ accountId: account.id })).toEqual([]);
  });

  test('an asset seen again comes back to life', async () => {
    const { account, sync } = await accountWithSync(store());
    await store().upsertAssets(sync.id, [asset(account.id, 'i-1')]);
    const second = await nextSync(store(), account, sync);
    const scope = {
      accountId: account.id,
      region: 'eu-west-1',
      service: 'ec2',
      types: ['aws_ec2_instance'],
      relationshipsComplete: false,
      syncId: second.id,
    };
    expect(await store().markUnseenDeleted(scope)).toBe(1);
    const third = await nextSync(store(), account, second);
    await store().upsertAssets(third.id, [asset(account.id, 'i-1')]);
    expect((await store().getAssetById(account.id, 'i-1'))!.deletedAt).toBeNull();
    expect(await store().markUnseenDeleted({ ...scope, syncId: third.id })).toBe(0);
  });

  test("replaces the scope's edges only when they were read completely", async () => {
    const { account, sync } = await accountWithSync(store());
    await store().upsertRelationships(sync.id, [
      edge(account.id, 'sg-1', 'i-1'),
      edge(account.id, 'sg-9', 'i-9', 'ec2', 'us-east-1'),
    ]);
    const second = await nextSync(store(), account, sync);
    await store().upsertRelationships(second.id, [edge(account.id, 'sg-2', 'i-1')]);
    const scope = {
      accountId: account.id,
      region: 'eu-west-1',
      service: 'ec2',
      types: [],
      syncId: second.id,
    };

    await store().markUnseenDeleted({ ...scope, relationshipsComplete: false });
    expect((await store().listRelationships(account.id)).map((e) => e.fromId).sort()).toEqual([
      'sg-1',
      'sg-2',
      'sg-9',
    ]);

    await store().markUnseenDeleted({ ...scope, relationshipsComplete: true });
    expect((await store().listRelationships(account.id)).map((e) => e.fromId).sort()).toEqual([
      'sg-2',
      'sg-9',
    ]);
  });

  test('a deletion scope naming another account is refused', async () => {
    const { account, sync } = await accountWithSync(store());
    await store().upsertAssets(sync.id, [asset(account.id, 'i-1')]);
    const other = await store().createAccount(newAccountInput());
    const second = await nextSync(store(), account, sync);
    await expect(
      store().markUnseenDeleted({
        accountId: other.id,
        region: 'eu-west-1',
        service: 'ec2',
        types: ['aws_ec2_instance'],
        relationshipsComplete: true,
        syncId: second.id,
      }),
    ).rejects.toBeInstanceOf(InvalidInputError);
    expect((await store().getAssetById(account.id, 'i-1'))!.deletedAt).toBeNull();
  });
});

describeEachEngine('migrations', (store) => {
  test('are recorded and idempotent, also when several start at once', async () => {
    await Promise.all([store().migrate(), store().migrate(), store().migrate()]);
    const rows = await (store() as SqlStore).db.query<{ version: number }>(
      'SELECT version FROM schema_migrations ORDER BY version',
    );
    // Every migration file exactly once (none skipped, none applied twice by the concurrent starts).
    const files = loadMigrations().map((migration) => migration.version);
    expect(files.length).toBeGreaterThanOrEqual(4);
    expect(rows.map((row) => Number(row.version))).toEqual(files);
  });
});

describe('loadMigrations', () => {
  test('refuses two files with one version number (the second would be skipped silently)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cw-migrations-'));
    try {
      writeFileSync(path.join(dir, '001_first.sql'), 'SELECT 1;');
      writeFileSync(path.join(dir, '002_second.sql'), 'SELECT 2;');
      writeFileSync(path.join(dir, '002_other.sql'), 'SELECT 3;');
      expect(() => loadMigrations(dir)).toThrow('share version 2');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
