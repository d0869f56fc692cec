// The replay answers commands sent through real SDK clients built by the collector's ClientFactory.
import { DescribeVpcsCommand, EC2Client, paginateDescribeVpcs, type Vpc } from '@aws-sdk/client-ec2';
import { GetBucketPolicyCommand, S3Client } from '@aws-sdk/client-s3';
import { ClientFactory, newCallStats } from '../../collector/clients';
import type { CollectorModule } from '../../collector/types';
import { Recording } from '../../demo/recording';
import { replayClientConfig, type ReplayStats } from '../../demo/replay';

const credentials = async () => ({ accessKeyId: 'AKIDDEMO', secretAccessKey: 'demo' });
const testModule: CollectorModule = {
  service: 'test',
  scope: 'regional',
  resourceTypes: [],
  operations: [
    { api: 'EC2.DescribeVpcs', actions: ['ec2:DescribeVpcs'] },
    { api: 'S3.GetBucketPolicy', actions: ['s3:GetBucketPolicy'] },
  ],
  collect: async () => undefined,
};

function clients(recording: Recording, stats: ReplayStats) {
  const factory = new ClientFactory({ credentials, clientConfig: replayClientConfig(recording, stats) });
  const calls = newCallStats();
  return { client: factory.accessor(testModule, 'eu-west-1', calls), calls };
}

const vpcs: Vpc[] = Array.from({ length: 5 }, (_, index) => ({
  VpcId: `vpc-${index}`,
  CidrBlock: '10.0.0.0/16',
}));

describe('replayClientConfig', () => {
  it('pages through a recorded list with the SDK paginator, by region', async () => {
    const recording = new Recording().paged('EC2', 'DescribeVpcs', 'eu-west-1', {
      items: vpcs,
      itemsKey: 'Vpcs',
      pageSize: 2,
      tokenIn: 'NextToken',
      tokenOut: 'NextToken',
    });
    const stats: ReplayStats = { calls: 0, misses: [] };
    const { client, calls } = clients(recording, stats);
    const seen: string[] = [];
    for await (const page of paginateDescribeVpcs({ client: client(EC2Client), pageSize: 2 }, {}))
      seen.push(...(page.Vpcs ?? []).map((vpc) => vpc.VpcId!));
    expect(seen).toEqual(['vpc-0', 'vpc-1', 'vpc-2', 'vpc-3', 'vpc-4']);
    expect(calls.calls['EC2.DescribeVpcs']).toBe(3);
    expect(stats).toEqual({ calls: 3, misses: [] });
  });

  it('answers an unrecorded call with an empty output and lists it as a miss', async () => {
    const stats: ReplayStats = { calls: 0, misses: [] };
    const { client } = clients(new Recording(), stats);
    const output = await client(EC2Client, { region: 'eu-central-1' }).send(new DescribeVpcsCommand({}));
    expect(output.Vpcs).toBeUndefined();
    expect(stats.misses).toEqual(['EC2.DescribeVpcs eu-central-1 {}']);
  });

  it('throws recorded AWS errors with their name and HTTP status, keyed by input members', async () => {
    const recording = new Recording()
      .error(
        'S3',
        'GetBucketPolicy',
        '*',
        { Bucket: 'private' },
        {
          name: 'NoSuchBucketPolicy',
          status: 404,
          message: 'The bucket policy does not exist',
        },
      )
      .output('S3', 'GetBucketPolicy', '*', { Bucket: 'public' }, { Policy: '{"Statement":[]}' });
    const { client } = clients(recording, { calls: 0, misses: [] });
    const s3 = client(S3Client);
    await expect(s3.send(new GetBucketPolicyCommand({ Bucket: 'private' }))).rejects.toMatchObject({
      name: 'NoSuchBucketPolicy',
      $metadata: { httpStatusCode: 404 },
    });
    await expect(s3.send(new GetBucketPolicyCommand({ Bucket: 'public' }))).resolves.toMatchObject({
      Policy: '{"Statement":[]}',
    });
  });
});
