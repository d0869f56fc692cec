// Organization connection end to end through the API: connect once, sync, membership changes, sync again.
// AWS answers are aws-sdk-client-mock fixtures shaped like Organizations' (NextToken pages, State + Status).
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { mockClient } from 'aws-sdk-client-mock';
import request from 'supertest';
import { registerOrganizationJobs } from '../../api/jobs/organization-jobs';
import { syncOrganization } from '../../api/organization-sync';
import {
  answerAsOrganization,
  type SimulatedMember,
  type SimulatedOrganization,
} from '../../bench/organization-fake';
import { waitFor } from '../jobs/wait';
import { expectProblem, fieldPaths, makeTestApp, type TestApp } from './helpers';

const organizations = mockClient(OrganizationsClient);
const PROD = 'ou-a1b2-prod0000';
const SANDBOX = 'ou-a1b2-sandbox1';

const simulation: SimulatedOrganization = {
  id: 'o-a1b2c3d4e5',
  managementAccountId: '111111111111',
  rootId: 'r-a1b2',
  units: [
    { id: PROD, name: 'prod', parent: 'r-a1b2' },
    { id: SANDBOX, name: 'sandbox', parent: 'r-a1b2' },
  ],
  members: [],
};

/** The organization as AWS lists it from now on (pages of two). */
function estate(members: SimulatedMember[]): void {
  simulation.members = members;
}

const CONNECTION = {
  name: 'Example Corp',
  managementAccountId: '111111111111',
  roleArn: 'arn:aws:iam::111111111111:role/CloudwardReadOnly',
  externalId: 'org-external-id-0123456789abcdef',
  memberRoleName: 'CloudwardReadOnly',
  regions: ['eu-west-1'],
  excludeOuIds: [SANDBOX],
};

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
  organizations.reset();
  answerAsOrganization(organizations, simulation, 2);
  // Organization syncs run as jobs on the app's in-process queue; member syncs stay queued (no handler).
  registerOrganizationJobs({
    store: t.store,
    queue: t.jobs,
    runOrganizationSync: (store, organization) =>
      syncOrganization(organization, { store, decrypt: (ciphertext) => t.secrets.decrypt(ciphertext) }),
  });
});
afterEach(async () => {
  await t.close();
  organizations.reset();
});

/** POST /sync (202), then the organization sync read back once it has finished. */
async function syncNow(id: string): Promise<Record<string, any>> {
  const queued = await request(t.app).post(`/api/v1/organizations/${id}/sync`).set('Authorization', t.admin);
  expect(queued.status).toBe(202);
  expect(queued.headers.location).toBe(`/api/v1/organizations/${id}/syncs/${queued.body.organizationSyncId}`);
  let body: Record<string, any> = queued.body.sync;
  await waitFor(async () => {
    const read = await request(t.app).get(queued.headers.location).set('Authorization', t.auditor);
    body = read.body;
    return body.status === 'succeeded' || body.status === 'failed';
  });
  return body;
}

async function connect(): Promise<string> {
  const response = await request(t.app)
    .post('/api/v1/organizations')
    .set('Authorization', t.admin)
    .send(CONNECTION);
  expect(response.status).toBe(201);
  return response.body.id as string;
}

it('connects once and follows membership changes across two syncs, disabling (never deleting) accounts', async () => {
  const id = await connect();
  estate([
    { id: '111111111111', name: 'management', parent: 'r-a1b2', state: 'ACTIVE' },
    { id: '222222222222', name: 'prod-a', parent: PROD, state: 'ACTIVE' },
    { id: '333333333333', name: 'prod-b', parent: PROD, state: 'ACTIVE' },
    { id: '444444444444', name: 'sandbox', parent: SANDBOX, state: 'ACTIVE' },
  ]);

  const first = await syncNow(id);
  expect(first.status).toBe('succeeded');
  expect(first.result).toMatchObject({
    created: ['111111111111', '222222222222', '333333333333'],
    enabled: [],
    disabled: [],
  });
  let accounts = (await t.store.listAccounts()).items;
  expect(accounts.map((account) => [account.awsAccountId, account.roleArn, account.status])).toEqual([
    ['111111111111', 'arn:aws:iam::111111111111:role/CloudwardReadOnly', 'enabled'],
    ['222222222222', 'arn:aws:iam::222222222222:role/CloudwardReadOnly', 'enabled'],
    ['333333333333', 'arn:aws:iam::333333333333:role/CloudwardReadOnly', 'enabled'],
  ]);
  // Each new member account got its first sync queued (member syncs are ordinary account syncs, /syncs/{id}).
  for (const account of accounts) {
    const running = await t.store.getRunningSync(account.id);
    expect(running).toMatchObject({ status: 'queued', trigger: 'create' });
    expect(first.result.queuedSyncs).toContainEqual({
      awsAccountId: account.awsAccountId,
      accountId: account.id,
      syncId: running!.id,
    });
  }
  // The same external ID in every member account, encrypted like any account's.
  for (const account of accounts) {
    expect(account.externalIdCiphertext).not.toContain(CONNECTION.externalId);
    expect(t.secrets.decrypt(account.externalIdCiphertext)).toBe(CONNECTION.externalId);
  }

  // Between the syncs: 333 is closed, 222 leaves the organization, 555 joins prod; sandbox stays excluded.
  estate([
    { id: '111111111111', name: 'management', parent: 'r-a1b2', state: 'ACTIVE' },
    { id: '333333333333', name: 'prod-b', parent: PROD, state: 'CLOSED' },
    { id: '444444444444', name: 'sandbox', parent: SANDBOX, state: 'ACTIVE' },
    { id: '555555555555', name: 'prod-c', parent: PROD, state: 'ACTIVE' },
  ]);
  const second = await syncNow(id);
  expect(second.result).toMatchObject({
    created: ['555555555555'],
    enabled: [],
    disabled: ['333333333333', '222222222222'],
  });

  accounts = (await t.store.listAccounts()).items;
  expect(accounts.map((account) => [account.awsAccountId, account.status])).toEqual([
    ['111111111111', 'enabled'],
    ['222222222222', 'disabled'],
    ['333333333333', 'disabled'],
    ['555555555555', 'enabled'],
  ]);

  const members = await request(t.app)
    .get(`/api/v1/organizations/${id}/members`)
    .set('Authorization', t.auditor);
  expect(members.status).toBe(200);
  expect(
    members.body.items.map((member: Record<string, unknown>) => [
      member.awsAccountId,
      member.state,
      member.managed,
      member.reason,
    ]),
  ).toEqual([
    ['111111111111', 'ACTIVE', true, 'in the organization'],
    ['222222222222', 'LEFT', false, 'no longer in the organization'],
    ['333333333333', 'CLOSED', false, 'account state is CLOSED'],
    ['444444444444', 'ACTIVE', false, `excluded by OU ${SANDBOX}`],
    ['555555555555', 'ACTIVE', true, 'in the organization'],
  ]);
  expect(members.body.items[4].parentPath).toEqual(['r-a1b2', PROD]);

  // Back to ACTIVE and listed again: the disabled account is enabled, not created twice.
  estate([
    { id: '111111111111', name: 'management', parent: 'r-a1b2', state: 'ACTIVE' },
    { id: '222222222222', name: 'prod-a', parent: PROD, state: 'ACTIVE' },
    { id: '555555555555', name: 'prod-c', parent: PROD, state: 'ACTIVE' },
  ]);
  const third = await syncNow(id);
  expect(third.result).toMatchObject({ created: [], enabled: ['222222222222'], disabled: [] });
});

it('lists the syncs newest first, refuses a second one while one is in flight, and queues the first on connect when asked', async () => {
  estate([{ id: '111111111111', name: 'management', parent: 'r-a1b2', state: 'ACTIVE' }]);
  const created = await request(t.app)
    .post('/api/v1/organizations')
    .set('Authorization', t.admin)
    .send({ ...CONNECTION, sync: true });
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  const firstId = created.headers['x-organization-sync-id'];
  expect(firstId).toEqual(expect.any(String));
  await waitFor(async () => (await t.store.getOrganizationSync(firstId))?.status === 'succeeded');
  const second = await syncNow(id);
  const list = await request(t.app).get(`/api/v1/organizations/${id}/syncs`).set('Authorization', t.auditor);
  expect(list.status).toBe(200);
  expect(list.body.items.map((sync: { id: string; trigger: string }) => [sync.id, sync.trigger])).toEqual([
    [second.id, 'manual'],
    [firstId, 'create'],
  ]);
  expect(list.body.items[1].progress).toEqual({ done: 2, total: 2 });

  // A sync held in flight: the next request is refused with the running sync's id.
  const held = await t.store.createOrganizationSync(id, 'manual');
  const refused = await request(t.app).post(`/api/v1/organizations/${id}/sync`).set('Authorization', t.admin);
  expectProblem(refused, 409);
  expect(refused.body.organizationSyncId).toBe(held.id);
  const other = await request(t.app)
    .get(`/api/v1/organizations/${id}/syncs/00000000-0000-4000-8000-000000000000`)
    .set('Authorization', t.auditor);
  expectProblem(other, 404);
});

it('lists and reads connections for auditors with the external ID masked', async () => {
  const id = await connect();
  const list = await request(t.app).get('/api/v1/organizations').set('Authorization', t.auditor);
  expect(list.status).toBe(200);
  expect(list.body.items).toHaveLength(1);
  expect(list.body.items[0]).toMatchObject({ id, externalId: '********cdef', excludeOuIds: [SANDBOX] });
  expect(JSON.stringify(list.body)).not.toContain(CONNECTION.externalId);
  const one = await request(t.app).get(`/api/v1/organizations/${id}`).set('Authorization', t.auditor);
  expect(one.body).toMatchObject({
    memberRoleName: 'CloudwardReadOnly',
    externalId: '********cdef',
    externalIdMasked: true,
  });
  // Admins read it in full on a single read (the StackSet's ExternalId parameter), as for accounts.
  const admin = await request(t.app).get(`/api/v1/organizations/${id}`).set('Authorization', t.admin);
  expect(admin.body).toMatchObject({ externalId: CONNECTION.externalId, externalIdMasked: false });
});

it('refuses bad input with field details and changes nothing', async () => {
  const response = await request(t.app)
    .post('/api/v1/organizations')
    .set('Authorization', t.admin)
    .send({
      ...CONNECTION,
      excludeOuIds: ['sandbox'],
      memberRoleName: 'bad role name',
      includeAccountIds: ['12'],
    });
  expectProblem(response, 400);
  expect(fieldPaths(response)).toEqual(
    expect.arrayContaining(['body.memberRoleName', 'body.excludeOuIds.0', 'body.includeAccountIds.0']),
  );
  const wrongAccount = await request(t.app)
    .post('/api/v1/organizations')
    .set('Authorization', t.admin)
    .send({ ...CONNECTION, roleArn: 'arn:aws:iam::999999999999:role/CloudwardReadOnly' });
  expectProblem(wrongAccount, 400);
  expect(await t.store.listOrganizations()).toEqual([]);
});

it('lets only admins connect or sync, and answers 409 for a second connection of one organization', async () => {
  const denied = await request(t.app)
    .post('/api/v1/organizations')
    .set('Authorization', t.auditor)
    .send(CONNECTION);
  expect(denied.status).toBe(403);
  const id = await connect();
  const sync = await request(t.app).post(`/api/v1/organizations/${id}/sync`).set('Authorization', t.auditor);
  expect(sync.status).toBe(403);
  const again = await request(t.app)
    .post('/api/v1/organizations')
    .set('Authorization', t.admin)
    .send(CONNECTION);
  expectProblem(again, 409);
});

it('adopts a hand-connected account as it is and never disables it when its member goes out of scope', async () => {
  const manual = await t.store.createAccount({
    name: 'hand-connected',
    awsAccountId: '444444444444',
    roleArn: 'arn:aws:iam::444444444444:role/OtherRole',
    externalIdCiphertext: t.secrets.encrypt('another-external-id-0123456789'),
    regions: ['us-east-1'],
  });
  const id = await connect();
  // 444 sits in the excluded sandbox OU: recorded as out of scope, its account untouched and not linked.
  estate([
    { id: '111111111111', name: 'management', parent: 'r-a1b2', state: 'ACTIVE' },
    { id: '444444444444', name: 'sandbox', parent: SANDBOX, state: 'ACTIVE' },
  ]);
  await syncNow(id);
  estate([
    { id: '111111111111', name: 'management', parent: 'r-a1b2', state: 'ACTIVE' },
    { id: '444444444444', name: 'sandbox', parent: SANDBOX, state: 'CLOSED' },
  ]);
  const second = await syncNow(id);
  expect(second.result.disabled).toEqual([]);
  expect(await t.store.getAccount(manual.id)).toMatchObject({
    status: 'enabled',
    roleArn: 'arn:aws:iam::444444444444:role/OtherRole',
  });
  const members = await t.store.listOrganizationMembers(id);
  const member = members.find((m) => m.awsAccountId === '444444444444');
  expect(member).toMatchObject({ accountId: null, managed: false, reason: 'account state is CLOSED' });
});
