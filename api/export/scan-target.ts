// Who and where a scan reads: credentials (the account's role with its external ID, or the ambient chain), the
// AWS account id (from the role ARN, or STS GetCallerIdentity) and the regions (given, or the account's enabled
// regions from EC2 DescribeRegions). Clients take `clientConfig` so tests and the demo replay reach them too.
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { ambientCredentials, assumeAccountRole } from '../../collector/credentials';
import { parseArn } from '../../collector/arn';
import { defaultRegionFor, findRegion } from '../regions';

export interface ScanTarget {
  awsAccountId: string;
  partition: string;
  /** Endpoint region for STS, EC2 DescribeRegions and global modules. */
  homeRegion: string;
  credentials: AwsCredentialIdentityProvider;
}

export interface ResolveTargetInput {
  roleArn?: string;
  externalId?: string;
  /** Merged into the STS and EC2 clients built here (tests, demo replay). */
  clientConfig?: Record<string, unknown>;
  /** Credentials used to call STS (default: the ambient chain). */
  sourceCredentials?: AwsCredentialIdentityProvider;
  /** STS region for ambient credentials (default AWS_REGION, else us-east-1). */
  region?: string;
}

export async function resolveScanTarget(input: ResolveTargetInput): Promise<ScanTarget> {
  const source = input.sourceCredentials ?? ambientCredentials();
  if (input.roleArn) {
    // account-rules brings zod (half a second to load): only a role needs it.
    const { parseRoleArn } = require('../account-rules') as typeof import('../account-rules');
    const role = parseRoleArn(input.roleArn);
    if (!role) throw new Error(`not an IAM role ARN: ${input.roleArn}`);
    const homeRegion = defaultRegionFor(role.partition);
    const stsClient = new STSClient({ region: homeRegion, credentials: source, ...input.clientConfig });
    return {
      awsAccountId: role.accountId,
      partition: role.partition,
      homeRegion,
      credentials: assumeAccountRole({
        roleArn: input.roleArn,
        externalId: input.externalId ?? '',
        awsAccountId: role.accountId,
        region: homeRegion,
        stsClient,
      }),
    };
  }
  const sts = new STSClient({
    region: input.region ?? 'us-east-1',
    credentials: source,
    ...input.clientConfig,
  });
  try {
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    const arn = identity.Arn ? parseArn(identity.Arn) : undefined;
    if (!identity.Account) throw new Error('STS GetCallerIdentity returned no account');
    const partition = arn?.partition ?? 'aws';
    return {
      awsAccountId: identity.Account,
      partition,
      homeRegion: defaultRegionFor(partition),
      credentials: source,
    };
  } finally {
    sts.destroy();
  }
}

/** The account's enabled regions (opted in or not needing opt-in), sorted; only those Cloudward knows. */
export async function enabledRegions(
  target: ScanTarget,
  clientConfig?: Record<string, unknown>,
): Promise<string[]> {
  // The EC2 client takes a second to load: only scans without --regions need it (and the collector loads it later).
  const { DescribeRegionsCommand, EC2Client } =
    require('@aws-sdk/client-ec2') as typeof import('@aws-sdk/client-ec2');
  const ec2 = new EC2Client({ region: target.homeRegion, credentials: target.credentials, ...clientConfig });
  try {
    const output = await ec2.send(new DescribeRegionsCommand({ AllRegions: false }));
    const regions = (output.Regions ?? [])
      .filter((region) => region.RegionName && region.OptInStatus !== 'not-opted-in')
      .map((region) => region.RegionName!)
      // Only the account's own partition: an endpoint that lists every region (an emulator) must not send a
      // commercial account's reads to GovCloud or China.
      .filter((code) => findRegion(code)?.partition === target.partition);
    if (regions.length === 0) throw new Error('EC2 DescribeRegions returned no enabled region');
    return [...new Set(regions)].sort();
  } finally {
    ec2.destroy();
  }
}
