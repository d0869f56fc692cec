// Organization connection end to end through the API: connect once, sync, membership changes, sync again.
// AWS answers are aws-sdk-client-mock fixtures shaped like Organizations' (NextToken pages, State + Status).
import {
  ListAccountsCommand,
  ListAccountsForParentCommand,
  ListOrganizationalUnitsForParentCommand,
  ListRootsCommand,
  OrganizationsClient,
  type Account as AwsAccount,
} from '@aws-sdk/client-organizations';
import { mockClient } from 'aws-sdk-client-mock';
import request from 'supertest';
import { expectProblem, fieldPaths, makeTestApp, type TestApp } from './helpers';

const organizations = mockClient(OrganizationsClient);
const metadata = { httpStatusCode: 200, requestId: 'org-req', attempts: 1 };
const ORG = 'o-a1b2c3d4e5';
const PROD = 'ou-a1b2-prod0000';
const SANDBOX = 'ou-a1b2-sandbox1';

interface Member {
  id: string;
  name: string;
  parent: string;
  state: 'ACTIVE' | 'SUSPENDED' | 'PENDING_CLOSURE' | 'CLOSED';
}

function awsAccount(member: Member): AwsAccount {
  return {
    Id: member.id,
    Arn: `arn:aws:organizations::111111111111:account/${ORG}/${member.id}`,
    Email: `aws+${member.name}@example.com`,
    Name: member.name,
    // Status is deprecated and has no CLOSED; AWS sends both while the migration lasts.
    Status: member.state === 'CLOSED' ? 'SUSPENDED' : member.state,
    State: member.state,
    JoinedMethod: 'CREATED',
    JoinedTimestamp: new Date('2025-01-01T00:00:00.000Z'),
  };
}

/** The organization as AWS would list it: the root holds two OUs; ListAccounts answers in pages of two. */
function estate(members: Member[]): void {
  organizations.reset();
  organizations.on(ListRootsCommand).resolves({
    $metadata: metadata,
    Roots: [
      {
        Id: 'r-a1b2',
        Arn: `arn:aws:organizations::111111111111:root/${ORG}/r-a1b2`,
        Name: 'Root',
        PolicyTypes: [],
      },
    ],
  });
  organizations
    .on(ListOrganizationalUnitsForParentCommand)
    .resolves({ $metadata: metadata, OrganizationalUnits: [] });
  organizations.on(ListOrganizationalUnitsForParentCommand, { ParentId: 'r-a1b2' }).resolves({
    $metadata: metadata,
    OrganizationalUnits: [
      { Id: PROD, Arn: `arn:aws:organizations::111111111111:ou/${ORG}/${PROD}`, Name: 'prod' },
      { Id: SANDBOX, Arn: `arn:aws:organizations::111111111111:ou/${ORG}/${SANDBOX}`, Name: 'sandbox' },
    ],
  });
  for (const parent of ['r-a1b2', PROD, SANDBOX]) {
    organizations.on(ListAccountsForParentCommand, { ParentId: parent }).resolves({
      $metadata: metadata,
      Accounts: members.filter((member) => member.parent === parent).map(awsAccount),
    });
  }
  const pages: Member[][] = [];
  for (let index = 0; index < members.length; index += 2) pages.push(members.slice(index, index + 2));
  pages.forEach((page, index) => {
    const output = {
      $metadata: metadata,
      Accounts: page.map(awsAccount),
      ...(index < pages.length - 1 ? { NextToken: `accounts-${index + 1}` } : {}),
    };
    if (index === 0) organizations.on(ListAccountsCommand).resolves(output);
    else organizations.on(ListAccountsCommand, { NextToken: `accounts-${index}` }).resolves(output);
  });
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
});
afterEach(async () => {
  await t.close();
  organizations.reset();
});

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

  const first = await request(t.app).post(`/api/v1/organizations/${id}/sync`).set('Authorization', t.admin);
  expect(first.status).toBe(200);
  expect(first.body).toMatchObject({
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
  const second = await request(t.app).post(`/api/v1/organizations/${id}/sync`).set('Authorization', t.admin);
  expect(second.status).toBe(200);
  expect(second.body).toMatchObject({
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
  const third = await request(t.app).post(`/api/v1/organizations/${id}/sync`).set('Authorization', t.admin);
  expect(third.body).toMatchObject({ created: [], enabled: ['222222222222'], disabled: [] });
});

it('lists and reads connections for auditors with the external ID masked', async () => {
  const id = await connect();
  const list = await request(t.app).get('/api/v1/organizations').set('Authorization', t.auditor);
  expect(list.status).toBe(200);
  expect(list.body.items).toHaveLength(1);
  expect(list.body.items[0]).toMatchObject({ id, externalId: '********cdef', excludeOuIds: [SANDBOX] });
  expect(JSON.stringify(list.body)).not.toContain(CONNECTION.externalId);
  const one = await request(t.app).get(`/api/v1/organizations/${id}`).set('Authorization', t.auditor);
  expect(one.body.memberRoleName).toBe('CloudwardReadOnly');
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
  await request(t.app).post(`/api/v1/organizations/${id}/sync`).set('Authorization', t.admin).expect(200);
  estate([
    { id: '111111111111', name: 'management', parent: 'r-a1b2', state: 'ACTIVE' },
    { id: '444444444444', name: 'sandbox', parent: SANDBOX, state: 'CLOSED' },
  ]);
  const second = await request(t.app).post(`/api/v1/organizations/${id}/sync`).set('Authorization', t.admin);
  expect(second.body.disabled).toEqual([]);
  expect(await t.store.getAccount(manual.id)).toMatchObject({
    status: 'enabled',
    roleArn: 'arn:aws:iam::444444444444:role/OtherRole',
  });
  const member = second.body.members.find((m: { awsAccountId: string }) => m.awsAccountId === '444444444444');
  expect(member).toMatchObject({ accountId: null, managed: false, reason: 'account state is CLOSED' });
});
