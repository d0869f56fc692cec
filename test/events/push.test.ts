// Event mode's HTTPS push end to end: recorded CloudTrail events, exactly as an EventBridge API destination POSTs
// them (the "AWS API Call via CloudTrail" event as its JSON body, the connection's API key header), to
// POST /api/v1/events/cloudtrail on the real app. They feed the same re-read and per-control evaluation as the SQS
// consumer; duplicates, unread services, bad bodies and wrong tokens change nothing.
import { randomBytes } from 'node:crypto';
import { ListBucketsCommand } from '@aws-sdk/client-s3';
import request from 'supertest';
import type { Express } from 'express';
import { createApp } from '../../api/app';
import { generateToken, hashToken } from '../../api/auth';
import { evaluateNow } from '../../api/events/consumer';
import { PushedEventIngest } from '../../api/events/push';
import { evaluateForServe } from '../../api/integrations';
import { InProcessJobQueue } from '../../api/jobs/in-process';
import { createSecretBox } from '../../api/secrets';
import { openStore } from '../../store';
import { clockStartingAt } from '../../store/clock';
import type { Account } from '../../store/model';
import type { Store } from '../../store/store';
import { authorizeSsh, putBucketPolicy, unknownEvent } from './cloudtrail-events';
import { changedEstate, credentials, modules, openEventAlerts, s3, syncedAccount } from './estate';

const PATH = '/api/v1/events/cloudtrail';
let store: Store;
let account: Account;
let ingest: PushedEventIngest;
let app: Express;
let ingestToken: string;
let adminToken: string;
const logged: string[] = [];

async function tokenOf(role: 'admin' | 'auditor' | 'event-ingest'): Promise<string> {
  const token = generateToken();
  await store.createToken({ name: `test ${role}`, role, tokenHash: hashToken(token) });
  return token;
}

/** What EventBridge sends: POST, JSON body, the connection's API key as a header. */
const deliver = (event: unknown, token = ingestToken) =>
  request(app)
    .post(PATH)
    .set('Content-Type', 'application/json; charset=utf-8')
    .set('X-Cloudward-Token', token)
    .send(JSON.stringify(event));

beforeEach(async () => {
  // A running clock: an evaluation that touched a result would move its evaluation time.
  store = await openStore({ memory: true, clock: clockStartingAt('2026-03-02T10:01:00Z') });
  account = await syncedAccount(store);
  ingest = new PushedEventIngest({
    store,
    credentialsFor: () => credentials,
    evaluate: evaluateNow(store, evaluateForServe),
    modules,
    log: { info: (line) => logged.push(line), warn: (line) => logged.push(line) },
    retryMs: 20,
  });
  app = createApp({
    store,
    secrets: createSecretBox(randomBytes(32)),
    jobs: new InProcessJobQueue(),
    webDir: null,
    env: {},
    eventIngest: ingest,
  });
  ingestToken = await tokenOf('event-ingest');
  adminToken = await tokenOf('admin');
});

afterEach(async () => {
  await ingest.stop();
  await store.close();
});

it('accepts pushed events and opens the alerts they caused', async () => {
  changedEstate();
  const bucket = await deliver(putBucketPolicy);
  const group = await deliver(authorizeSsh);

  expect(bucket.status).toBe(202);
  expect(bucket.body).toEqual({
    status: 'accepted',
    eventId: '5d8e0c5e-6a1b-4d3a-9c59-0f3c0b1e2a11',
    accountId: account.id,
  });
  expect(group.status).toBe(202);
  await ingest.idle();
  expect(await openEventAlerts(store, account)).toEqual([
    'ec2_security_group_no_public_ssh_ingress arn:aws:ec2:eu-west-1:123456789012:security-group/sg-0db',
    's3_bucket_policy_not_public arn:aws:s3:::app-data',
  ]);
  const syncs = (await store.listSyncs(account.id)).items;
  expect(syncs.filter((sync) => sync.trigger === 'event').length).toBeGreaterThanOrEqual(1);
});

it('re-evaluates only the controls reading the re-read types: an EC2 control keeps its results and times', async () => {
  const ec2Results = async () =>
    (
      await store.listResults({
        accountId: account.id,
        controlId: 'ec2_security_group_no_public_ssh_ingress',
      })
    ).items;
  const s3Results = async () =>
    (await store.listResults({ accountId: account.id, controlId: 's3_bucket_policy_not_public' })).items;
  const ec2Before = await ec2Results();
  expect(ec2Before.length).toBeGreaterThan(0);
  expect((await s3Results()).map((row) => row.status)).toEqual(['pass']);

  changedEstate(); // the group is open now too, but no event said so: it waits for its own event or the next sync
  expect((await deliver(putBucketPolicy)).status).toBe(202);
  await ingest.idle();

  const s3After = await s3Results();
  expect(s3After.map((row) => row.status)).toEqual(['fail']);
  expect(Date.parse(s3After[0].evaluatedAt)).toBeGreaterThan(Date.parse(ec2Before[0].evaluatedAt));
  expect(await ec2Results()).toEqual(ec2Before);
});

it('answers a redelivered event as a duplicate without reading AWS again', async () => {
  changedEstate();
  await deliver(putBucketPolicy);
  await ingest.idle();
  const listed = s3.commandCalls(ListBucketsCommand).length;

  const again = await deliver(putBucketPolicy);

  expect(again.status).toBe(200);
  expect(again.body).toEqual({ status: 'duplicate', eventId: '5d8e0c5e-6a1b-4d3a-9c59-0f3c0b1e2a11' });
  await ingest.idle();
  expect(s3.commandCalls(ListBucketsCommand)).toHaveLength(listed);
});

it('ignores, with a reason, a service Cloudward does not read and an account it does not know', async () => {
  const unread = await deliver(unknownEvent);
  const otherAccount = structuredClone(putBucketPolicy) as Record<string, Record<string, unknown>>;
  otherAccount.account = '210987654321' as never;
  otherAccount.detail.recipientAccountId = '210987654321';
  otherAccount.detail.eventID = 'f00dfeed-0000-4000-8000-000000000099';
  const stranger = await deliver(otherAccount);

  expect(unread.status).toBe(200);
  expect(unread.body).toMatchObject({
    status: 'ignored',
    reason: 'Cloudward does not read transcribe.amazonaws.com',
  });
  expect(stranger.body).toMatchObject({
    status: 'ignored',
    reason: 'no enabled account has AWS account id 210987654321',
  });
  await ingest.idle();
  expect((await store.listSyncs(account.id)).items.some((sync) => sync.trigger === 'event')).toBe(false);
});

it('waits for a sync in flight, then re-reads', async () => {
  changedEstate();
  const running = await store.createSync(account.id, 'schedule');
  expect((await deliver(putBucketPolicy)).status).toBe(202);
  await ingest.idle();
  expect(await openEventAlerts(store, account)).toEqual([]);

  await store.finishSync(running.id, 'failed', 'test: interrupted');
  for (let tries = 0; tries < 100 && (await openEventAlerts(store, account)).length === 0; tries += 1) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    await ingest.idle();
  }
  expect(await openEventAlerts(store, account)).toEqual([
    's3_bucket_policy_not_public arn:aws:s3:::app-data',
  ]);
});

describe('refusals change nothing', () => {
  afterEach(async () => {
    await ingest.idle();
    expect((await store.listSyncs(account.id)).items.some((sync) => sync.trigger === 'event')).toBe(false);
  });

  it('answers a body missing a field with a problem naming it', async () => {
    const broken = structuredClone(putBucketPolicy) as Record<string, Record<string, unknown>>;
    delete broken.detail.eventID;
    const response = await deliver(broken);
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.errors).toEqual([expect.objectContaining({ path: 'body.detail.eventID' })]);
  });

  it('refuses an event that is not a CloudTrail API call', async () => {
    const response = await deliver({
      ...putBucketPolicy,
      'detail-type': 'EC2 Instance State-change Notification',
    });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([
      { path: 'body.detail-type', message: 'must be "AWS API Call via CloudTrail"' },
    ]);
  });

  it("refuses a body over EventBridge's 256 KB event limit", async () => {
    const huge = structuredClone(putBucketPolicy) as Record<string, Record<string, unknown>>;
    huge.detail.requestParameters = { padding: 'x'.repeat(300 * 1024) };
    const response = await deliver(huge);
    expect(response.status).toBe(413);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('needs a token, and one of the event-ingest role', async () => {
    const anonymous = await request(app).post(PATH).send(putBucketPolicy);
    const admin = await deliver(putBucketPolicy, adminToken);
    const revoked = await deliver(putBucketPolicy, 'cw_not-a-token');
    expect(anonymous.status).toBe(401);
    expect(revoked.status).toBe(401);
    expect(admin.status).toBe(403);
    expect(admin.body.detail).toBe(
      'Events are delivered with a token of the event-ingest role; this one has admin.',
    );
  });

  it('gives an event-ingest token nothing else to read', async () => {
    const accounts = await request(app).get('/api/v1/accounts').set('Authorization', `Bearer ${ingestToken}`);
    expect(accounts.status).toBe(403);
  });
});

it('answers 503 when serve runs without event mode', async () => {
  const off = createApp({
    store,
    secrets: createSecretBox(randomBytes(32)),
    jobs: new InProcessJobQueue(),
    webDir: null,
    env: {},
  });
  const response = await request(off).post(PATH).set('X-Cloudward-Token', ingestToken).send(putBucketPolicy);
  expect(response.status).toBe(503);
  expect(response.body.detail).toMatch(/CLOUDWARD_EVENTS=true/);
});
