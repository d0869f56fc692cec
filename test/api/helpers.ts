// A real app over an in-memory PGlite store, with an admin and an auditor token.
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import type { Express } from 'express';
import { openStore } from '../../store';
import type { Store } from '../../store/store';
import type { Account, Asset } from '../../store/model';
import { createApp, type AppDeps } from '../../api/app';
import { generateToken, hashToken } from '../../api/auth';
import { defaultIntegrations } from '../../api/integrations';
import { InProcessJobQueue } from '../../api/jobs/in-process';
import { createSecretBox, type SecretBox } from '../../api/secrets';

export interface TestApp {
  app: Express;
  store: Store;
  secrets: SecretBox;
  jobs: InProcessJobQueue;
  adminToken: string;
  auditorToken: string;
  admin: string;
  auditor: string;
  close(): Promise<void>;
}

const testDatabaseUrl = process.env.TEST_DATABASE_URL;

/**
 * In-memory PGlite by default; with TEST_DATABASE_URL (CI) the same tests run on PostgreSQL, each app in a
 * schema of its own that is dropped on close.
 */
async function openTestStore(): Promise<{ store: Store; drop: () => Promise<void> }> {
  if (!testDatabaseUrl) return { store: await openStore({ memory: true }), drop: async () => {} };
  const schema = `cw_api_${randomBytes(6).toString('hex')}`;
  const store = await openStore({ databaseUrl: testDatabaseUrl, schema, poolSize: 4 });
  return {
    store,
    drop: async () => {
      const { Client } = require('pg') as typeof import('pg');
      const client = new Client({ connectionString: testDatabaseUrl });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

/**
 * The app as `cloudward serve` mounts it on a test app's store, secrets and queue: the core routers plus the
 * integrations' (onboarding, controls/frameworks, web support) and their control checks.
 */
export function serveApp(t: TestApp): Express {
  const integrations = defaultIntegrations({ store: t.store, secrets: t.secrets, jobs: t.jobs, env: {} });
  return createApp({
    store: t.store,
    secrets: t.secrets,
    jobs: t.jobs,
    webDir: null,
    env: {},
    resolveControlIds: integrations.resolveControlIds,
    isKnownControl: integrations.isKnownControl,
    extraRouters: integrations.extraRouters,
  });
}

export async function makeTestApp(overrides: Partial<AppDeps> = {}): Promise<TestApp> {
  const { store, drop } = await openTestStore();
  const secrets = createSecretBox(randomBytes(32));
  // No handlers registered: queued syncs stay queued, which is what the conflict tests need.
  const jobs = new InProcessJobQueue();
  const adminToken = generateToken();
  const auditorToken = generateToken();
  await store.createToken({ name: 'test admin', role: 'admin', tokenHash: hashToken(adminToken) });
  await store.createToken({ name: 'test auditor', role: 'auditor', tokenHash: hashToken(auditorToken) });
  const app = createApp({ store, secrets, jobs, webDir: null, env: {}, ...overrides });
  return {
    app,
    store,
    secrets,
    jobs,
    adminToken,
    auditorToken,
    admin: `Bearer ${adminToken}`,
    auditor: `Bearer ${auditorToken}`,
    async close() {
      await jobs.close({ graceMs: 1000 });
      await store.close();
      await drop();
    },
  };
}

export const VALID_ACCOUNT = {
  name: 'Production',
  awsAccountId: '123456789012',
  roleArn: 'arn:aws:iam::123456789012:role/CloudwardReadOnly',
  regions: ['eu-west-1', 'us-east-1'],
};

export async function createAccountViaApi(
  t: TestApp,
  body: Record<string, unknown> = {},
): Promise<Record<string, unknown> & { id: string; externalId: string }> {
  const response = await request(t.app)
    .post('/api/v1/accounts')
    .set('Authorization', t.admin)
    .send({ ...VALID_ACCOUNT, ...body });
  if (response.status !== 201)
    throw new Error(`account creation failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

export function asset(account: Pick<Account, 'id'>, overrides: Partial<Asset> & { id: string }): Asset {
  return {
    accountId: account.id,
    region: 'eu-west-1',
    service: 'ec2',
    type: 'aws_ec2_instance',
    class: 'Host',
    name: overrides.id,
    tags: {},
    config: {},
    ...overrides,
  };
}

/** Writes assets through a finished sync, the way the collector would. */
export async function seedAssets(store: Store, accountId: string, assets: Asset[]): Promise<void> {
  const sync = await store.createSync(accountId, 'manual');
  await store.markSyncRunning(sync.id);
  await store.upsertAssets(sync.id, assets);
  await store.finishSync(sync.id, 'succeeded');
}

export function expectProblem(response: request.Response, status: number): void {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.body).toMatchObject({ status, title: expect.any(String), type: expect.any(String) });
}

export function fieldPaths(response: request.Response): string[] {
  return ((response.body.errors ?? []) as { path: string }[]).map((error) => error.path);
}

let nextAccountNumber = 100000000000;
/** A valid create body with a fresh 12-digit account id, so tests sharing a store do not collide. */
export function uniqueAccount(
  overrides: Record<string, unknown> = {},
): Record<string, unknown> & { awsAccountId: string } {
  const awsAccountId = String(nextAccountNumber++);
  return {
    ...VALID_ACCOUNT,
    name: `acct ${awsAccountId}`,
    awsAccountId,
    roleArn: `arn:aws:iam::${awsAccountId}:role/CloudwardReadOnly`,
    ...overrides,
  };
}
