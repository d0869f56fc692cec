// Runs one contract suite against every engine: in-memory PGlite always, PostgreSQL when TEST_DATABASE_URL is
// set. Each PostgreSQL run lives in a schema of its own (dropped at the end) so parallel jest workers never meet.
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { openStore, SqlStore, type Clock, type Store } from '../../store';
import type { Asset, EvaluationResult } from '../../store/model';

export interface EngineCase {
  name: 'pglite' | 'postgres';
  open: () => Promise<Store>;
  cleanup: () => Promise<void>;
}

/** `clock`: what the store's `now()` means (default the system clock). */
export function engines(clock?: Clock): EngineCase[] {
  const list: EngineCase[] = [
    { name: 'pglite', open: () => openStore({ memory: true, clock }), cleanup: async () => {} },
  ];
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const schema = `cw_test_${randomBytes(6).toString('hex')}`;
    list.push({
      name: 'postgres',
      open: () => openStore({ databaseUrl: url, schema, poolSize: 4, clock }),
      cleanup: async () => {
        const client = new Client({ connectionString: url });
        await client.connect();
        await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await client.end();
      },
    });
  }
  return list;
}

/** Every table, emptied between tests (cheaper than a new database per test). */
export async function resetStore(store: Store): Promise<void> {
  await (store as SqlStore).db.script(
    'TRUNCATE accounts, syncs, sync_service_results, assets, relationships, evaluation_results, suppressions, ' +
      'alerts, score_snapshots, api_tokens, audit_log, organizations, organization_members, organization_syncs',
  );
}

/** Opens one store per engine for the file, resets it before each test, closes and drops it after. */
export function describeEachEngine(
  title: string,
  body: (store: () => Store, engine: EngineCase['name']) => void,
  clock?: Clock,
): void {
  for (const engine of engines(clock)) {
    describe(`${title} [${engine.name}]`, () => {
      let store: Store | undefined;
      beforeAll(async () => {
        store = await engine.open();
      }, 60_000);
      beforeEach(async () => {
        await resetStore(store!);
      });
      afterAll(async () => {
        await store?.close();
        await engine.cleanup();
      });
      body(() => store!, engine.name);
    });
  }
}

let counter = 0;

export function newAccountInput(
  overrides: Partial<{ awsAccountId: string; regions: string[]; name: string }> = {},
) {
  counter += 1;
  const awsAccountId = overrides.awsAccountId ?? String(100000000000 + counter);
  return {
    name: overrides.name ?? `account ${counter}`,
    awsAccountId,
    roleArn: `arn:aws:iam::${awsAccountId}:role/CloudwardReadOnly`,
    externalIdCiphertext: 'v1:ciphertext',
    regions: overrides.regions ?? ['eu-west-1', 'us-east-1'],
  };
}

export function asset(accountId: string, id: string, overrides: Partial<Asset> = {}): Asset {
  return {
    id,
    accountId,
    region: 'eu-west-1',
    service: 'ec2',
    type: 'aws_ec2_instance',
    class: 'Host',
    name: id,
    tags: {},
    config: { InstanceId: id },
    ...overrides,
  };
}

export function result(
  accountId: string,
  controlId: string,
  assetId: string,
  status: EvaluationResult['status'],
  overrides: Partial<EvaluationResult> = {},
): EvaluationResult {
  return {
    controlId,
    accountId,
    region: 'eu-west-1',
    assetId,
    resourceType: 'aws_ec2_instance',
    status,
    severity: 'high',
    reason: `${controlId} ${status} on ${assetId}`,
    evidence: [`${assetId} evidence`],
    trace: [`config.State of ${assetId}`],
    exposed: false,
    ...overrides,
  };
}
