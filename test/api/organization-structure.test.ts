// GET /organizations/:id/structure and PATCH /organizations/:id/scope: the Organizations page's reads and edits.
// The structure comes from the management account's organization assets, made here by the collector's own
// transforms from Organizations-shaped answers, and from the members the organization sync recorded.
import type { Account as AwsAccount } from '@aws-sdk/client-organizations';
import request from 'supertest';
import {
  transformAccount,
  transformOrganization,
  transformRoot,
  transformUnit,
} from '../../collector/services/organizations/transform';
import type { Account } from '../../store/model';
import { expectProblem, fieldPaths, makeTestApp, seedAssets, type TestApp } from './helpers';

const ORG = 'o-a1b2c3d4e5';
const ROOT = 'r-a1b2';
const WORKLOADS = 'ou-a1b2-workload';
const PROD = 'ou-a1b2-prod0000';
const arn = (kind: string, id: string) => `arn:aws:organizations::111111111111:${kind}/${ORG}/${id}`;

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(async () => {
  await t.close();
});

async function connect(): Promise<string> {
  const organization = await t.store.createOrganization({
    name: 'Example Corp',
    managementAccountId: '111111111111',
    roleArn: 'arn:aws:iam::111111111111:role/CloudwardReadOnly',
    externalIdCiphertext: t.secrets.encrypt('org-external-id-0123456789abcdef'),
    memberRoleName: 'CloudwardReadOnly',
    regions: ['eu-west-1'],
    includeOuIds: [],
    excludeOuIds: [],
    includeAccountIds: [],
    excludeAccountIds: [],
  });
  return organization.id;
}

async function account(awsAccountId: string, name: string): Promise<Account> {
  return t.store.createAccount({
    name,
    awsAccountId,
    roleArn: `arn:aws:iam::${awsAccountId}:role/CloudwardReadOnly`,
    externalIdCiphertext: t.secrets.encrypt('org-external-id-0123456789abcdef'),
    regions: ['eu-west-1'],
  });
}

/** What the collector stores after reading the organization from its management account. */
async function seedManagementRead(management: Account): Promise<void> {
  const where = {
    partition: 'aws',
    accountId: management.id,
    region: 'us-east-1',
    assetRegion: 'global',
    service: 'organizations',
  };
  const prodAccount: AwsAccount = {
    Id: '222222222222',
    Arn: arn('account', '222222222222'),
    Name: 'prod',
    Email: 'aws+prod@example.com',
    State: 'ACTIVE',
    Status: 'ACTIVE',
  };
  await seedAssets(t.store, management.id, [
    transformOrganization(
      where,
      {
        Id: ORG,
        Arn: `arn:aws:organizations::111111111111:organization/${ORG}`,
        MasterAccountId: '111111111111',
        FeatureSet: 'ALL',
      },
      {
        roots: [{ Id: ROOT, Arn: arn('root', ROOT), Name: 'Root' }],
        policies: [
          {
            policy: {
              PolicySummary: {
                Id: 'p-denyleave1',
                Arn: arn('policy', 'service_control_policy/p-denyleave1'),
                Name: 'DenyLeaveOrganization',
                AwsManaged: false,
                Type: 'SERVICE_CONTROL_POLICY',
              },
              Content: '{"Version":"2012-10-17","Statement":[]}',
            },
            targets: [
              {
                TargetId: WORKLOADS,
                Arn: arn('ou', WORKLOADS),
                Name: 'Workloads',
                Type: 'ORGANIZATIONAL_UNIT',
              },
            ],
          },
        ],
        delegatedAdministrators: [
          {
            Id: '222222222222',
            Name: 'prod',
            Email: 'aws+prod@example.com',
            Status: 'ACTIVE',
            DelegationEnabledDate: new Date('2025-03-01T00:00:00.000Z'),
          },
        ],
      },
    ),
    transformRoot(where, { Id: ROOT, Arn: arn('root', ROOT), Name: 'Root' }),
    transformUnit(where, {
      unit: { Id: WORKLOADS, Arn: arn('ou', WORKLOADS), Name: 'Workloads' },
      parentId: ROOT,
    }),
    transformUnit(where, { unit: { Id: PROD, Arn: arn('ou', PROD), Name: 'Prod' }, parentId: WORKLOADS }),
    transformAccount(where, prodAccount, PROD),
  ]);
}

async function recordMembers(id: string, prod: Account): Promise<void> {
  await t.store.recordOrganizationMembers(id, [
    {
      awsAccountId: '222222222222',
      accountId: prod.id,
      name: 'prod',
      state: 'ACTIVE',
      parentPath: [ROOT, WORKLOADS, PROD],
      managed: true,
      reason: 'in the organization',
    },
    {
      awsAccountId: '333333333333',
      accountId: null,
      name: 'old',
      state: 'SUSPENDED',
      parentPath: [ROOT, WORKLOADS, PROD],
      managed: false,
      reason: 'account state is SUSPENDED',
    },
  ]);
}

describe('GET /organizations/:id/structure', () => {
  it('names the OUs, attaches SCPs and delegated admins, and gives each member its account state', async () => {
    const id = await connect();
    const management = await account('111111111111', 'management');
    const prod = await account('222222222222', 'prod');
    await seedManagementRead(management);
    await recordMembers(id, prod);

    const response = await request(t.app)
      .get(`/api/v1/organizations/${id}/structure`)
      .set('Authorization', t.auditor);
    expect(response.status).toBe(200);
    expect(response.body.source).toMatchObject({ accountId: management.id, note: null });
    expect(response.body.source.readAt).toEqual(expect.any(String));
    expect(response.body.units).toEqual(
      expect.arrayContaining([
        { id: ROOT, name: 'Root', parentId: null },
        { id: WORKLOADS, name: 'Workloads', parentId: ROOT },
        { id: PROD, name: 'Prod', parentId: WORKLOADS },
      ]),
    );
    expect(response.body.units).toHaveLength(3);
    expect(response.body.policies).toEqual([
      {
        id: 'p-denyleave1',
        name: 'DenyLeaveOrganization',
        awsManaged: false,
        targets: [{ id: WORKLOADS, type: 'ORGANIZATIONAL_UNIT', name: 'Workloads' }],
      },
    ]);
    expect(response.body.delegatedAdministrators).toEqual([
      {
        awsAccountId: '222222222222',
        name: 'prod',
        email: 'aws+prod@example.com',
        status: 'ACTIVE',
        delegationEnabledDate: '2025-03-01T00:00:00.000Z',
      },
    ]);
    const members = response.body.members as { awsAccountId: string; account: unknown; reason: string }[];
    expect(members.find((member) => member.awsAccountId === '222222222222')).toMatchObject({
      managed: true,
      account: { id: prod.id, name: 'prod', status: 'enabled', openAlerts: 0, lastSyncAt: null },
    });
    expect(members.find((member) => member.awsAccountId === '333333333333')).toMatchObject({
      managed: false,
      state: 'SUSPENDED',
      reason: 'account state is SUSPENDED',
      account: null,
    });
  });

  it('before the management account is read, shows the tree by OU id and says why names are missing', async () => {
    const id = await connect();
    const prod = await account('222222222222', 'prod');
    await recordMembers(id, prod);
    const response = await request(t.app)
      .get(`/api/v1/organizations/${id}/structure`)
      .set('Authorization', t.auditor);
    expect(response.status).toBe(200);
    expect(response.body.source.note).toMatch(/management account 111111111111 is not a Cloudward account/);
    expect(response.body.units).toEqual([
      { id: ROOT, name: ROOT, parentId: null },
      { id: WORKLOADS, name: WORKLOADS, parentId: ROOT },
      { id: PROD, name: PROD, parentId: WORKLOADS },
    ]);
    // Not read is not "none": null, never an empty list.
    expect(response.body.policies).toBeNull();
    expect(response.body.delegatedAdministrators).toBeNull();
  });

  it('answers 404 for an unknown organization', async () => {
    const response = await request(t.app)
      .get('/api/v1/organizations/00000000-0000-4000-8000-000000000000/structure')
      .set('Authorization', t.auditor);
    expectProblem(response, 404);
  });
});

describe('PATCH /organizations/:id/scope', () => {
  it('lets an admin replace the include/exclude lists it names, keeping the others, and audits it', async () => {
    const id = await connect();
    const response = await request(t.app)
      .patch(`/api/v1/organizations/${id}/scope`)
      .set('Authorization', t.admin)
      .send({ excludeOuIds: [PROD, PROD], excludeAccountIds: ['333333333333'] });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      includeOuIds: [],
      excludeOuIds: [PROD],
      includeAccountIds: [],
      excludeAccountIds: ['333333333333'],
    });
    expect(await t.store.getOrganization(id)).toMatchObject({
      excludeOuIds: [PROD],
      excludeAccountIds: ['333333333333'],
    });
    const audit = await request(t.app).get('/api/v1/audit-log').set('Authorization', t.admin);
    expect(JSON.stringify(audit.body)).toContain('organization.scope');
  });

  it('refuses a bad OU or account id with a 400 naming the field, and changes nothing', async () => {
    const id = await connect();
    const response = await request(t.app)
      .patch(`/api/v1/organizations/${id}/scope`)
      .set('Authorization', t.admin)
      .send({ includeOuIds: ['prod'], excludeAccountIds: ['12345'] });
    expectProblem(response, 400);
    expect(fieldPaths(response)).toEqual(
      expect.arrayContaining(['body.includeOuIds.0', 'body.excludeAccountIds.0']),
    );
    expect(await t.store.getOrganization(id)).toMatchObject({ includeOuIds: [], excludeAccountIds: [] });
  });

  it('is for admins only: an auditor gets 403 and nothing changes', async () => {
    const id = await connect();
    const response = await request(t.app)
      .patch(`/api/v1/organizations/${id}/scope`)
      .set('Authorization', t.auditor)
      .send({ excludeOuIds: [PROD] });
    expectProblem(response, 403);
    expect((await t.store.getOrganization(id))?.excludeOuIds).toEqual([]);
  });
});
