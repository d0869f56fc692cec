// A full syncAccount into a real in-memory store: assets, the global/regional split, relationships, deletions on
// a second sync, and that a failed service deletes nothing.
import * as EC2 from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { ec2Collector } from '../../collector/services/ec2';
import { syncAccount } from '../../collector/sync';
import type { CollectContext, CollectorModule } from '../../collector/types';
import { openStore } from '../../store';
import type { Account, SyncProgress } from '../../store/model';
import type { Store } from '../../store/store';
import { ec2AccessDenied, ec2OptInRequired } from './aws-errors';
import * as fx from './services/ec2/fixtures';

const ec2 = mockClient(EC2.EC2Client);
const credentials = async () => ({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' });
const arn = (resource: string) => `arn:aws:ec2:us-east-1:${fx.ACCOUNT}:${resource}`;

/** A small global module standing in for IAM: two users, one MEMBER_OF edge. */
let globalUsers = ['alice', 'bob'];
const directory: CollectorModule = {
  service: 'directory',
  scope: 'global',
  resourceTypes: [{ type: 'aws_iam_user', class: 'User', listOperation: 'IAM.ListUsers', idSource: 'Arn' }],
  operations: [],
  async collect(ctx: CollectContext) {
    await ctx.emit({
      assets: globalUsers.map((name) => ({
        id: `arn:aws:iam::${ctx.accountId}:user/${name}`,
        accountId: ctx.accountId,
        region: ctx.assetRegion,
        service: 'directory',
        type: 'aws_iam_user',
        class: 'User' as const,
        name,
        tags: {},
        config: { UserName: name },
      })),
    });
  },
};

type Answer = (input: Record<string, unknown>) => unknown;

/** Every EC2 command answers from the fixtures in us-east-1; eu-west-1 is a region the account has not enabled. */
function mockEc2(overrides: Partial<Record<string, Answer>> = {}): void {
  const answers: Record<string, Answer> = {
    DescribeInstancesCommand: (input) => (input.NextToken ? fx.instancesPage2 : fx.instancesPage1),
    DescribeVolumesCommand: () => fx.volumes,
    DescribeSnapshotsCommand: (input) => (input.RestorableByUserIds ? fx.publicSnapshots : fx.ownedSnapshots),
    DescribeImagesCommand: () => fx.images,
    DescribeSecurityGroupsCommand: (input) =>
      input.NextToken ? fx.securityGroupsPage2 : fx.securityGroupsPage1,
    DescribeVpcsCommand: () => fx.vpcs,
    DescribeSubnetsCommand: () => fx.subnets,
    DescribeRouteTablesCommand: () => fx.routeTables,
    DescribeInternetGatewaysCommand: () => fx.internetGateways,
    DescribeNatGatewaysCommand: () => fx.natGateways,
    DescribeNetworkAclsCommand: () => fx.networkAcls,
    DescribeNetworkInterfacesCommand: () => fx.networkInterfaces,
    DescribeAddressesCommand: () => fx.addresses,
    DescribeFlowLogsCommand: () => fx.flowLogs,
    DescribeVpcEndpointsCommand: () => fx.vpcEndpoints,
    DescribeVpcPeeringConnectionsCommand: () => fx.peerings,
    GetEbsEncryptionByDefaultCommand: () => fx.ebsDefault,
    ...overrides,
  };
  for (const [name, answer] of Object.entries(answers)) {
    const command = (EC2 as unknown as Record<string, new (input: object) => EC2.ServiceInputTypes>)[name];
    ec2
      .on(command as never)
      .callsFake(async (input: Record<string, unknown>, getClient: () => EC2.EC2Client) => {
        if ((await getClient().config.region()) !== 'us-east-1') throw ec2OptInRequired();
        return answer!(input);
      });
  }
}

let store: Store;
let account: Account;

async function runSync(modules: CollectorModule[] = [directory, ec2Collector]) {
  const sync = await store.createSync(account.id, 'manual');
  await store.markSyncRunning(sync.id);
  const progress: SyncProgress[] = [];
  const outcome = await syncAccount(store, account, sync, {
    credentials,
    modules,
    concurrency: 8,
    onProgress: (p) => {
      progress.push(p);
    },
  });
  await store.finishSync(sync.id, outcome.status, outcome.error);
  return { outcome, progress, record: (await store.getSync(sync.id))! };
}

const live = async (type: string) =>
  (await store.listAssets({ accountId: account.id, type }, { limit: 500 })).items
    .map((asset) => asset.id)
    .sort();

beforeAll(async () => {
  store = await openStore({ memory: true });
});
afterAll(async () => {
  await store?.close();
});

beforeEach(async () => {
  ec2.reset();
  globalUsers = ['alice', 'bob'];
  account = await store.createAccount({
    name: `test ${Math.random()}`,
    awsAccountId: fx.ACCOUNT,
    roleArn: `arn:aws:iam::${fx.ACCOUNT}:role/CloudwardReadOnly`,
    externalIdCiphertext: 'ciphertext',
    regions: ['us-east-1', 'eu-west-1'],
  });
});
afterEach(async () => {
  await store.deleteAccount(account.id);
});

describe('syncAccount into the store', () => {
  test('first sync: assets by region and scope, relationships, per-service results, progress', async () => {
    mockEc2();
    const { outcome, progress, record } = await runSync();

    // eu-west-1 is not enabled: that unit fails, everything else stands.
    expect(outcome.status).toBe('partial');
    expect(
      record.services.map((s) => `${s.service} ${s.region} ${s.status} ${s.errorCode ?? ''}`.trim()).sort(),
    ).toEqual(['directory global ok', 'ec2 eu-west-1 failed OptInRequired', 'ec2 us-east-1 ok']);
    const usEast = record.services.find((s) => s.region === 'us-east-1')!;
    expect(usEast.calls['EC2.DescribeInstances']).toBe(2);
    expect(usEast.assetCount).toBe(25);
    expect(progress.at(-1)).toMatchObject({ done: 3, total: 3 });
    expect(record.progress).toMatchObject({ done: 3, total: 3 });

    expect(await store.countAssets({ accountId: account.id, scope: 'global' })).toBe(3); // 2 users + the account
    expect(await store.countAssets({ accountId: account.id, scope: 'regional', region: 'us-east-1' })).toBe(
      26,
    ); // + region anchor
    expect(await store.countAssets({ accountId: account.id, region: 'eu-west-1' })).toBe(1); // only the region anchor
    expect(await live('aws_ec2_instance')).toEqual([
      arn('instance/i-0001'),
      arn('instance/i-0002'),
      arn('instance/i-0003'),
    ]);

    const instance = (await store.getAssetById(account.id, arn('instance/i-0001')))!;
    expect(instance).toMatchObject({
      region: 'us-east-1',
      service: 'ec2',
      class: 'Host',
      tags: { env: 'prod' },
    });
    const edges = (await store.listRelationships(account.id, arn('instance/i-0001'))).map(
      (e) => `${e.fromId} ${e.verb} ${e.toId}`,
    );
    expect(edges).toEqual(
      expect.arrayContaining([
        `${arn('security-group/sg-0web')} PROTECTS ${arn('instance/i-0001')}`,
        `${arn('instance/i-0001')} USES ${arn('volume/vol-0root')}`,
        `${arn('instance/i-0001')} IN ${arn('subnet/subnet-0a1b2c3d')}`,
        `${arn('network-interface/eni-0a1b')} ATTACHED_TO ${arn('instance/i-0001')}`,
      ]),
    );
  });

  test('second sync: unseen assets of completely read types are deleted, a failed type keeps its assets', async () => {
    mockEc2();
    await runSync();

    // i-0003 and bob disappear; security groups cannot be listed this time (sg-0db vanished too, but unknowable).
    globalUsers = ['alice'];
    ec2.reset();
    mockEc2({
      DescribeInstancesCommand: () => ({ ...fx.instancesPage1, NextToken: undefined }),
      DescribeSecurityGroupsCommand: () => {
        throw ec2AccessDenied();
      },
    });
    const { outcome, record } = await runSync();
    expect(outcome.status).toBe('partial');
    const usEast = record.services.find((s) => s.service === 'ec2' && s.region === 'us-east-1')!;
    expect(usEast).toMatchObject({ status: 'failed', errorCode: 'UnauthorizedOperation' });
    expect(usEast.completeTypes).not.toContain('aws_ec2_security_group');
    expect(usEast.completeTypes).toContain('aws_ec2_instance');

    expect(await live('aws_ec2_instance')).toEqual([arn('instance/i-0001'), arn('instance/i-0002')]);
    expect((await store.getAssetById(account.id, arn('instance/i-0003')))?.deletedAt).not.toBeNull();
    expect(await live('aws_iam_user')).toEqual([`arn:aws:iam::${fx.ACCOUNT}:user/alice`]);
    expect(await live('aws_ec2_security_group')).toEqual([
      arn('security-group/sg-0db'),
      arn('security-group/sg-0web'),
    ]);
    // Edges of the deleted instance are gone with it.
    expect(await store.listRelationships(account.id, arn('instance/i-0003'))).toEqual([]);
  });

  test('a service that fails entirely deletes nothing', async () => {
    mockEc2();
    await runSync();
    const before = await store.countAssets({ accountId: account.id, region: 'us-east-1' });

    ec2.reset();
    ec2.onAnyCommand().rejects(ec2AccessDenied());
    const { outcome, record } = await runSync();
    expect(outcome.status).toBe('partial');
    expect(record.services.find((s) => s.service === 'ec2' && s.region === 'us-east-1')).toMatchObject({
      status: 'failed',
      errorCode: 'UnauthorizedOperation',
      completeTypes: [],
    });
    expect(await store.countAssets({ accountId: account.id, region: 'us-east-1' })).toBe(before);
    expect(await live('aws_ec2_instance')).toHaveLength(3);
    expect((await store.listRelationships(account.id, arn('instance/i-0001'))).length).toBeGreaterThan(0);
  });
});
