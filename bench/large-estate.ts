// A large estate seeded through the store, shared by the overview and web benchmarks: 5 accounts of EC2 instances
// (default 50,000 assets), about 6 control results per asset (a quarter failing), alerts for failing ones
// (default 44,000) and 30 score snapshots per framework and account.
import { defaultControlSet } from '../evaluator';
import type { SqlStore } from '../store';
import type { Asset } from '../store/model';
import { createBenchAccounts } from './bench-setup';

export interface LargeEstateOptions {
  assets: number;
  alerts: number;
  /** Called inside each account's sync before it finishes: more assets and relationships for that sync. */
  duringSync?: (store: SqlStore, account: { index: number; id: string; syncId: string }) => Promise<void>;
}

export const ACCOUNTS = 5;

export function instanceAsset(accountId: string, i: number): Asset {
  const id = instanceId(i);
  return {
    id: instanceArn(i),
    accountId,
    region: 'eu-west-1',
    service: 'ec2',
    type: 'aws_ec2_instance',
    class: 'Host',
    name: `web-${i}`,
    tags: { Name: `web-${i}`, env: i % 2 ? 'prod' : 'dev' },
    config: { InstanceId: id, State: { Name: 'running' }, SubnetId: `subnet-${i % 20}` },
  };
}

export function instanceId(i: number): string {
  return `i-${i.toString(16).padStart(17, '0')}`;
}

export function instanceArn(i: number): string {
  return `arn:aws:ec2:eu-west-1:123456789012:instance/${instanceId(i)}`;
}

/** Returns the account ids (store ids, not AWS ids), in order. */
export async function seedLargeEstate(store: SqlStore, options: LargeEstateOptions): Promise<string[]> {
  const accountIds = await createBenchAccounts(store, ACCOUNTS);
  const share = Math.ceil(options.assets / ACCOUNTS);
  for (const [a, accountId] of accountIds.entries()) {
    const sync = await store.createSync(accountId, 'manual');
    await store.markSyncRunning(sync.id);
    const assets = Array.from({ length: share }, (_, i) => instanceAsset(accountId, a * share + i));
    for (let i = 0; i < assets.length; i += 500) await store.upsertAssets(sync.id, assets.slice(i, i + 500));
    await options.duringSync?.(store, { index: a, id: accountId, syncId: sync.id });
    await store.finishSync(sync.id, 'succeeded');
  }
  const controlIds = defaultControlSet().controls.map((control) => control.id);
  await store.db.execute(
    `INSERT INTO evaluation_results (account_id, control_id, asset_id, region, resource_type, status, severity,
       reason, evidence, exposed)
     SELECT ($1::uuid[])[1 + (i / $3::int) % 5], ($2::text[])[1 + (i * 7 + i / $4::int) % array_length($2::text[], 1)],
       'arn:aws:ec2:eu-west-1:123456789012:instance/i-' || lpad(to_hex(i % $4::int), 17, '0'), 'eu-west-1',
       'aws_ec2_instance',
       (ARRAY['pass', 'pass', 'fail', 'pass', 'not_applicable', 'pass', 'error', 'fail'])[1 + i % 8],
       (ARRAY['critical', 'high', 'medium', 'low', 'info'])[1 + i % 5], 'bench', '[]'::jsonb, i % 17 = 0
     FROM generate_series(0, $4::int * 6 - 1) AS i
     ON CONFLICT DO NOTHING`,
    [accountIds, controlIds, share * 6, options.assets],
  );
  await store.db.execute(
    `INSERT INTO alerts (account_id, control_id, asset_id, region, resource_type, status, severity, reason, evidence,
       exposed, history)
     SELECT account_id, control_id, asset_id, region, resource_type,
       CASE WHEN row_number() OVER () % 10 = 0 THEN 'suppressed' WHEN row_number() OVER () % 10 = 1 THEN 'resolved'
            ELSE 'open' END,
       severity, reason, evidence, exposed, '[{"at": "2026-01-01T00:00:00.000Z", "event": "opened"}]'::jsonb
     FROM evaluation_results WHERE status = 'fail' LIMIT $1`,
    [options.alerts],
  );
  const frameworks = defaultControlSet().frameworks.map((framework) => framework.id);
  for (let point = 0; point < 30; point++)
    for (const accountId of accountIds)
      await store.recordScoreSnapshot(
        accountId,
        Object.fromEntries(frameworks.map((id) => [id, { passed: 500 + point * 10, evaluated: 1000 }])),
      );
  await store.db.script('ANALYZE');
  return accountIds;
}
