// The organization sync as a queued job, under the in-process runner and under BullMQ (TEST_REDIS_URL): two syncs of
// an organization whose membership changes in between, with Organizations answering like AWS (NextToken pages).
import { randomBytes, randomUUID } from 'node:crypto';
import { AccessDeniedException, ListRootsCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { mockClient } from 'aws-sdk-client-mock';
import { openStore } from '../../store';
import type { Store } from '../../store/store';
import type { Organization } from '../../store/organizations';
import type { OrganizationSync } from '../../store/organization-syncs';
import { registerAccountJobs, JOB_KINDS } from '../../api/jobs/account-jobs';
import { BullMqJobQueue } from '../../api/jobs/bullmq';
import { InProcessJobQueue } from '../../api/jobs/in-process';
import {
  handleScheduledOrganizationSync,
  ORGANIZATION_JOB_KINDS,
  registerOrganizationJobs,
  requestOrganizationSync,
  requeueUnfinishedOrganizationSyncs,
} from '../../api/jobs/organization-jobs';
import type { JobQueue } from '../../api/jobs/queue';
import { syncOrganization } from '../../api/organization-sync';
import { createSecretBox } from '../../api/secrets';
import { answerAsOrganization, type SimulatedOrganization } from '../../bench/organization-fake';
import { waitFor } from './wait';

const redisUrl = process.env.TEST_REDIS_URL;
const prefix = `cworg-${randomUUID().slice(0, 8)}`;
const KINDS = [...Object.values(JOB_KINDS), ...Object.values(ORGANIZATION_JOB_KINDS)];

const runners: { name: string; make(): JobQueue; cleanup?(): Promise<void> }[] = [
  { name: 'in-process', make: () => new InProcessJobQueue() },
];
if (redisUrl)
  runners.push({
    name: 'bullmq',
    make: () => new BullMqJobQueue({ redisUrl, prefix }),
    cleanup: async () => {
      const cleaner = new BullMqJobQueue({ redisUrl, prefix });
      await cleaner.obliterate(KINDS);
      await cleaner.close({ graceMs: 100 });
    },
  });

const organizations = mockClient(OrganizationsClient);
const secrets = createSecretBox(randomBytes(32));
const EXTERNAL_ID = 'org-external-id-0123456789abcdef';
const PROD = 'ou-a1b2-prod0000';
const TEAMS = 'ou-a1b2-teams000';
const SANDBOX = 'ou-a1b2-sandbox1';

function simulated(): SimulatedOrganization {
  return {
    id: 'o-a1b2c3d4e5',
    managementAccountId: '111111111111',
    rootId: 'r-a1b2',
    units: [
      { id: PROD, name: 'prod', parent: 'r-a1b2' },
      { id: SANDBOX, name: 'sandbox', parent: 'r-a1b2' },
      // Nested: prod/teams, so the member's OU path is root -> prod -> teams.
      { id: TEAMS, name: 'teams', parent: PROD },
    ],
    members: [
      { id: '111111111111', name: 'management', parent: 'r-a1b2', state: 'ACTIVE' },
      { id: '222222222222', name: 'prod-a', parent: PROD, state: 'ACTIVE' },
      { id: '333333333333', name: 'prod-b', parent: TEAMS, state: 'ACTIVE' },
      { id: '444444444444', name: 'sandbox', parent: SANDBOX, state: 'ACTIVE' },
    ],
  };
}

describe.each(runners)('organization sync job: $name', (runner) => {
  let store: Store;
  let queue: JobQueue;
  let organization: Organization;
  let org: SimulatedOrganization;
  let memberSyncs: { awsAccountId: string; trigger: string }[];

  beforeEach(async () => {
    store = await openStore({ memory: true });
    queue = runner.make();
    memberSyncs = [];
    org = simulated();
    organizations.reset();
    answerAsOrganization(organizations, org, 2);
    organization = await store.createOrganization({
      name: 'Example Corp',
      managementAccountId: '111111111111',
      roleArn: 'arn:aws:iam::111111111111:role/CloudwardReadOnly',
      externalIdCiphertext: secrets.encrypt(EXTERNAL_ID),
      memberRoleName: 'CloudwardMember',
      regions: ['eu-west-1', 'us-east-1'],
      includeOuIds: [],
      excludeOuIds: [SANDBOX],
      includeAccountIds: [],
      excludeAccountIds: [],
    });
    registerAccountJobs(
      {
        store,
        queue,
        runSync: async (_store, account, sync) => {
          memberSyncs.push({ awsAccountId: account.awsAccountId, trigger: sync.trigger });
          return 'succeeded';
        },
        runEvaluation: async () => undefined,
      },
      { syncConcurrency: 2 },
    );
    registerOrganizationJobs({
      store,
      queue,
      runOrganizationSync: (syncStore, connection) =>
        syncOrganization(connection, {
          store: syncStore,
          decrypt: (ciphertext) => secrets.decrypt(ciphertext),
          client: new OrganizationsClient({
            region: 'us-east-1',
            credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' },
          }),
        }),
    });
  });

  afterEach(async () => {
    await queue.close({ graceMs: 2000 });
    await runner.cleanup?.();
    await store.close();
  });

  async function finished(id: string): Promise<OrganizationSync> {
    let sync: OrganizationSync | null = null;
    await waitFor(
      async () => {
        sync = await store.getOrganizationSync(id);
        return sync !== null && sync.status !== 'queued' && sync.status !== 'running';
      },
      15_000,
      `organization sync ${id}`,
    );
    return sync as unknown as OrganizationSync;
  }

  async function accountsByAwsId(): Promise<Map<string, { id: string; status: string; roleArn: string }>> {
    return new Map((await store.listAccounts()).items.map((account) => [account.awsAccountId, account]));
  }

  const allMemberSyncsDone = async () => (await store.listUnfinishedSyncs()).length === 0;

  test('follows a membership change across two syncs: a new member gets its first sync, a gone or suspended one is disabled with the reason and keeps its alerts', async () => {
    const first = await finished((await requestOrganizationSync(store, queue, organization, 'manual')).id);
    expect(first.status).toBe('succeeded');
    expect(first.result).toMatchObject({
      created: ['111111111111', '222222222222', '333333333333'],
      enabled: [],
      disabled: [],
      notQueued: [],
    });
    expect(first.progress).toEqual({ done: 4, total: 4 });
    let accounts = await accountsByAwsId();
    // Members are reached through the StackSet's role name with the connection's external ID.
    expect(accounts.get('333333333333')?.roleArn).toBe('arn:aws:iam::333333333333:role/CloudwardMember');
    expect(accounts.get('111111111111')?.roleArn).toBe('arn:aws:iam::111111111111:role/CloudwardReadOnly');
    expect(accounts.has('444444444444')).toBe(false);
    expect(first.result?.queuedSyncs.map((queued) => queued.awsAccountId).sort()).toEqual([
      '111111111111',
      '222222222222',
      '333333333333',
    ]);
    await waitFor(allMemberSyncsDone, 15_000, 'member syncs');
    expect(memberSyncs.map((sync) => sync.awsAccountId).sort()).toEqual([
      '111111111111',
      '222222222222',
      '333333333333',
    ]);
    expect(new Set(memberSyncs.map((sync) => sync.trigger))).toEqual(new Set(['create']));

    // prod-b has an open alert before it is suspended.
    const prodB = accounts.get('333333333333')!;
    await store.applyResults(
      prodB.id,
      ['iam_root_mfa_enabled'],
      [
        {
          controlId: 'iam_root_mfa_enabled',
          accountId: prodB.id,
          region: 'global',
          assetId: 'arn:aws:iam::333333333333:root',
          resourceType: 'aws_iam_root',
          status: 'fail',
          severity: 'critical',
          reason: 'The root user of account 333333333333 has no MFA device.',
          evidence: ['The root user of account 333333333333 has no MFA device.'],
          exposed: false,
        },
      ],
    );

    // Between the syncs: prod-a leaves, prod-b is suspended, prod-c joins prod/teams.
    org.members = [
      { id: '111111111111', name: 'management', parent: 'r-a1b2', state: 'ACTIVE' },
      { id: '333333333333', name: 'prod-b', parent: TEAMS, state: 'SUSPENDED' },
      { id: '444444444444', name: 'sandbox', parent: SANDBOX, state: 'ACTIVE' },
      { id: '555555555555', name: 'prod-c', parent: TEAMS, state: 'ACTIVE' },
    ];
    memberSyncs = [];
    const second = await finished((await requestOrganizationSync(store, queue, organization, 'schedule')).id);
    expect(second).toMatchObject({ status: 'succeeded', trigger: 'schedule' });
    expect(second.result).toMatchObject({ created: ['555555555555'], enabled: [] });
    expect([...second.result!.disabled].sort()).toEqual(['222222222222', '333333333333']);
    expect(second.result?.queuedSyncs.map((queued) => queued.awsAccountId)).toEqual(['555555555555']);
    await waitFor(allMemberSyncsDone, 15_000, 'member syncs');
    expect(memberSyncs).toEqual([{ awsAccountId: '555555555555', trigger: 'create' }]);

    accounts = await accountsByAwsId();
    expect([...accounts.entries()].map(([awsId, account]) => [awsId, account.status])).toEqual([
      ['111111111111', 'enabled'],
      ['222222222222', 'disabled'],
      ['333333333333', 'disabled'],
      ['555555555555', 'enabled'],
    ]);
    const members = await store.listOrganizationMembers(organization.id);
    expect(
      members.map((member) => [member.awsAccountId, member.state, member.managed, member.reason]),
    ).toEqual([
      ['111111111111', 'ACTIVE', true, 'in the organization'],
      ['222222222222', 'LEFT', false, 'no longer in the organization'],
      ['333333333333', 'SUSPENDED', false, 'account state is SUSPENDED'],
      ['444444444444', 'ACTIVE', false, `excluded by OU ${SANDBOX}`],
      ['555555555555', 'ACTIVE', true, 'in the organization'],
    ]);
    expect(members.find((member) => member.awsAccountId === '555555555555')?.parentPath).toEqual([
      'r-a1b2',
      PROD,
      TEAMS,
    ]);
    // Disabled, never deleted: the suspended account keeps its open alert.
    expect(await store.countAlerts({ accountId: prodB.id, status: ['open'] })).toBe(1);
  }, 60_000);

  test('records a listing AWS refuses as failed with its reason at once (no retry helps) and changes no account', async () => {
    organizations.reset();
    organizations.rejects(
      new AccessDeniedException({
        message: 'You are not authorized to perform: organizations:ListRoots',
        Message: 'You are not authorized to perform: organizations:ListRoots',
        $metadata: { httpStatusCode: 403, requestId: 'denied-1' },
      }),
    );
    const sync = await finished((await requestOrganizationSync(store, queue, organization, 'manual')).id);
    expect(sync.status).toBe('failed');
    expect(sync.error).toBe(
      'cannot list the organization through arn:aws:iam::111111111111:role/CloudwardReadOnly: ' +
        'AccessDeniedException: You are not authorized to perform: organizations:ListRoots',
    );
    expect(organizations.commandCalls(ListRootsCommand)).toHaveLength(1);
    expect((await store.listAccounts()).items).toEqual([]);
  }, 30_000);

  test('refuses a second sync while one is queued, and the schedule skips it', async () => {
    // A queue with no handler (and no Redis shared with the live one): the sync stays queued.
    const idle = new InProcessJobQueue();
    try {
      const first = await requestOrganizationSync(store, idle, organization, 'manual');
      await expect(requestOrganizationSync(store, idle, organization, 'manual')).rejects.toThrow(
        /already queued or running/,
      );
      expect(
        await handleScheduledOrganizationSync({ store, queue: idle, runOrganizationSync: jest.fn() }),
      ).toEqual({ queued: 0, skipped: 1 });
      expect((await store.getRunningOrganizationSync(organization.id))?.id).toBe(first.id);
      // Restarted empty: the unfinished sync is queued again on the live queue and runs.
      expect(await requeueUnfinishedOrganizationSyncs(store, queue)).toBe(1);
      expect((await finished(first.id)).status).toBe('succeeded');
    } finally {
      await idle.close({ graceMs: 100 });
    }
  }, 30_000);
});
