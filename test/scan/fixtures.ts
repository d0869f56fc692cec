// A small AWS account recorded as SDK output shapes, replayed through the real SDK clients (demo/replay.ts):
// one unencrypted bucket, one security group open to the world on SSH, and nothing else (unrecorded calls answer
// as an empty account would), plus STS and EC2 DescribeRegions for the scan's own identity and region calls.
import type { DescribeRegionsCommandOutput, DescribeSecurityGroupsCommandOutput } from '@aws-sdk/client-ec2';
import type { ListBucketsCommandOutput } from '@aws-sdk/client-s3';
import type { AssumeRoleCommandOutput, GetCallerIdentityCommandOutput } from '@aws-sdk/client-sts';
import { ANY_REGION, Recording } from '../../demo/recording';
import { replayClientConfig, type ReplayStats } from '../../demo/replay';

export const ACCOUNT = '123456789012';
export const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/CloudwardReadOnly`;
export const BUCKET = 'acme-logs';
export const SSH_GROUP = 'sg-0123456789abcdef0';

type Output<T> = Omit<T, '$metadata'>;

const identity: Output<GetCallerIdentityCommandOutput> = {
  Account: ACCOUNT,
  Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/ci-deployer/github-actions`,
  UserId: 'AROAEXAMPLEID:github-actions',
};

const assumed: Output<AssumeRoleCommandOutput> = {
  Credentials: {
    AccessKeyId: 'ASIAEXAMPLEKEY000001',
    SecretAccessKey: 'secret',
    SessionToken: 'token',
    Expiration: new Date('2099-01-01T00:00:00Z'),
  },
  AssumedRoleUser: {
    Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/CloudwardReadOnly/cloudward-${ACCOUNT}`,
    AssumedRoleId: 'AROAEXAMPLEID:cloudward',
  },
};

const regions: Output<DescribeRegionsCommandOutput> = {
  Regions: [
    { RegionName: 'eu-west-1', Endpoint: 'ec2.eu-west-1.amazonaws.com', OptInStatus: 'opt-in-not-required' },
    { RegionName: 'us-east-1', Endpoint: 'ec2.us-east-1.amazonaws.com', OptInStatus: 'opt-in-not-required' },
  ],
};

const buckets: Output<ListBucketsCommandOutput> = {
  Buckets: [{ Name: BUCKET, CreationDate: new Date('2024-03-01T10:00:00Z') }],
  Owner: { ID: 'owner-canonical-id' },
};

const securityGroups: Output<DescribeSecurityGroupsCommandOutput> = {
  SecurityGroups: [
    {
      GroupId: SSH_GROUP,
      GroupName: 'bastion',
      Description: 'bastion host',
      OwnerId: ACCOUNT,
      VpcId: 'vpc-0a1b2c3d',
      IpPermissions: [
        {
          IpProtocol: 'tcp',
          FromPort: 22,
          ToPort: 22,
          IpRanges: [{ CidrIp: '0.0.0.0/0' }],
          Ipv6Ranges: [],
          PrefixListIds: [],
          UserIdGroupPairs: [],
        },
      ],
      IpPermissionsEgress: [],
    },
  ],
};

// AWS's credential report columns; the root user has MFA and no access keys.
const CREDENTIAL_REPORT = [
  'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated',
  `<root_account>,arn:aws:iam::${ACCOUNT}:root,2020-01-01T00:00:00+00:00,not_supported,2024-01-01T00:00:00+00:00,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`,
].join('\n');

export function accountRecording(): Recording {
  return new Recording()
    .output('IAM', 'GenerateCredentialReport', ANY_REGION, {}, { State: 'COMPLETE' })
    .output(
      'IAM',
      'GetCredentialReport',
      ANY_REGION,
      {},
      {
        Content: new TextEncoder().encode(CREDENTIAL_REPORT),
        ReportFormat: 'text/csv',
        GeneratedTime: new Date('2026-11-22T09:00:00Z'),
      },
    )
    .output('STS', 'GetCallerIdentity', ANY_REGION, {}, identity)
    .output('STS', 'AssumeRole', ANY_REGION, { RoleArn: ROLE_ARN, ExternalId: 'ci-external-id' }, assumed)
    .error(
      'STS',
      'AssumeRole',
      ANY_REGION,
      {},
      {
        name: 'AccessDenied',
        status: 403,
        message: 'User is not authorized to perform: sts:AssumeRole',
      },
    )
    .output('EC2', 'DescribeRegions', ANY_REGION, {}, regions)
    .output('S3', 'ListBuckets', ANY_REGION, {}, buckets)
    .output('S3', 'GetBucketLocation', ANY_REGION, { Bucket: BUCKET }, { LocationConstraint: 'eu-west-1' })
    .error(
      'S3',
      'GetBucketEncryption',
      ANY_REGION,
      { Bucket: BUCKET },
      {
        name: 'ServerSideEncryptionConfigurationNotFoundError',
        status: 404,
        message: 'The server side encryption configuration was not found',
      },
    )
    .output('EC2', 'DescribeSecurityGroups', 'eu-west-1', {}, securityGroups);
}

export const staticCredentials = async () => ({ accessKeyId: 'AKIAEXAMPLE000000001', secretAccessKey: 'x' });

export function replay(recording = accountRecording()) {
  const stats: ReplayStats = { calls: 0, misses: [] };
  return { clientConfig: replayClientConfig(recording, stats), stats };
}
