// The small estate the event-mode tests share (SQS pull and HTTPS push): S3 and EC2 answers shaped like AWS's,
// before and after the recorded CloudTrail calls (cloudtrail-events.ts), and an account synced and evaluated on it.
import {
  GetBucketAclCommand,
  GetBucketEncryptionCommand,
  GetBucketLoggingCommand,
  GetBucketOwnershipControlsCommand,
  GetBucketPolicyCommand,
  GetBucketPolicyStatusCommand,
  GetBucketTaggingCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
  ListBucketsCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import {
  GetPublicAccessBlockCommand as GetAccountPublicAccessBlockCommand,
  S3ControlClient,
} from '@aws-sdk/client-s3-control';
import { DescribeSecurityGroupsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { s3Collector } from '../../collector/services/s3';
import { ec2Collector } from '../../collector/services/ec2';
import { syncAccount } from '../../collector/sync';
import { evaluateForServe } from '../../api/integrations';
import type { Store } from '../../store/store';
import type { Account } from '../../store/model';
import { awsError } from '../collector/services/iam/aws-error';
import { privateAcl, s3Encryption } from '../collector/services/s3/fixtures';
import { securityGroupsPage2 } from '../collector/services/ec2/fixtures';
import { ACCOUNT, PUBLIC_POLICY } from './cloudtrail-events';

export const s3 = mockClient(S3Client);
export const s3control = mockClient(S3ControlClient);
export const ec2 = mockClient(EC2Client);
export const $metadata = { httpStatusCode: 200, requestId: 'req-1' };
export const credentials = async () => ({ accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' });
export const modules = [s3Collector, ec2Collector];

/** The estate before the changes: app-data without a policy, sg-0db without ingress rules. */
export function quietEstate(): void {
  s3.reset();
  s3control.reset();
  ec2.reset();
  s3.on(ListBucketsCommand).resolves({
    $metadata,
    Buckets: [
      { Name: 'app-data', CreationDate: new Date('2024-03-01T10:00:00Z'), BucketRegion: 'eu-west-1' },
    ],
    Owner: { DisplayName: 'owner', ID: '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be' },
  });
  s3.on(GetBucketEncryptionCommand).resolves(s3Encryption);
  s3.on(GetPublicAccessBlockCommand).rejects(
    awsError(
      'NoSuchPublicAccessBlockConfiguration',
      404,
      'The public access block configuration was not found',
    ),
  );
  s3.on(GetBucketVersioningCommand).resolves({ $metadata });
  s3.on(GetBucketLoggingCommand).resolves({ $metadata });
  s3.on(GetBucketPolicyCommand).rejects(
    awsError('NoSuchBucketPolicy', 404, 'The bucket policy does not exist'),
  );
  s3.on(GetBucketPolicyStatusCommand).rejects(awsError('NoSuchBucketPolicy', 404));
  s3.on(GetBucketAclCommand).resolves(privateAcl);
  s3.on(GetBucketOwnershipControlsCommand).rejects(awsError('OwnershipControlsNotFoundError', 404));
  s3.on(GetBucketTaggingCommand).rejects(awsError('NoSuchTagSet', 404, 'The TagSet does not exist'));
  s3control
    .on(GetAccountPublicAccessBlockCommand)
    .rejects(awsError('NoSuchPublicAccessBlockConfiguration', 404));
  // Every other EC2 read answers an empty estate; the security groups are the ones that matter here.
  ec2.onAnyCommand().resolves({ $metadata });
  ec2.on(DescribeSecurityGroupsCommand).resolves(securityGroupsPage2);
}

/** What the calls in the events did. */
export function changedEstate(): void {
  s3.on(GetBucketPolicyCommand, { Bucket: 'app-data' }).resolves({ $metadata, Policy: PUBLIC_POLICY });
  s3.on(GetBucketPolicyStatusCommand, { Bucket: 'app-data' }).resolves({
    $metadata,
    PolicyStatus: { IsPublic: true },
  });
  const [db] = securityGroupsPage2.SecurityGroups!;
  ec2.on(DescribeSecurityGroupsCommand).resolves({
    $metadata,
    SecurityGroups: [
      {
        ...db,
        IpPermissions: [
          {
            IpProtocol: 'tcp',
            FromPort: 22,
            ToPort: 22,
            IpRanges: [{ CidrIp: '0.0.0.0/0' }],
            Ipv6Ranges: [],
            UserIdGroupPairs: [],
            PrefixListIds: [],
          },
        ],
      },
    ],
  });
}

/** The account of the recorded events, fully synced and evaluated on the quiet estate. */
export async function syncedAccount(store: Store): Promise<Account> {
  const account = await store.createAccount({
    name: 'events',
    awsAccountId: ACCOUNT,
    roleArn: `arn:aws:iam::${ACCOUNT}:role/CloudwardReadOnly`,
    externalIdCiphertext: 'v1:x:y:z',
    regions: ['eu-west-1'],
  });
  quietEstate();
  const sync = await store.createSync(account.id, 'manual');
  await store.markSyncRunning(sync.id);
  const outcome = await syncAccount(store, account, sync, { credentials, modules });
  await store.finishSync(sync.id, outcome.status);
  await evaluateForServe(store, account.id);
  return account;
}

/** Open alerts of the two controls the recorded calls break, as "control asset". */
export async function openEventAlerts(store: Store, account: Account): Promise<string[]> {
  const page = await store.listAlerts({ accountId: account.id, status: ['open'] }, { limit: 500 });
  return page.items
    .filter((alert) =>
      ['s3_bucket_policy_not_public', 'ec2_security_group_no_public_ssh_ingress'].includes(alert.controlId),
    )
    .map((alert) => `${alert.controlId} ${alert.assetId}`)
    .sort();
}
