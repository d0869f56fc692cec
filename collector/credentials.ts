// How the collector gets AWS credentials: the account's cross-account role (AssumeRole + ExternalId), or the
// ambient chain for `scan`. Credentials live only in memory, are shared by every client of a sync and are
// refreshed a few minutes before they expire.
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';

export interface AssumeAccountRoleInput {
  roleArn: string;
  externalId: string;
  awsAccountId: string;
  /** Region of the STS endpoint (regional endpoints work for every enabled region). */
  region: string;
  /** Credentials used to call STS; default: the ambient chain (env, AWS_PROFILE, instance role). */
  sourceCredentials?: AwsCredentialIdentityProvider;
  /** Injected STS client (tests, custom endpoints). */
  stsClient?: STSClient;
  /** Requested lifetime; AWS allows 900 s up to the role's MaxSessionDuration. */
  durationSeconds?: number;
  /** Refresh when fewer than this many ms remain (default 5 minutes). */
  refreshMarginMs?: number;
  now?: () => number;
}

export const DEFAULT_REFRESH_MARGIN_MS = 5 * 60 * 1000;

export function roleSessionName(awsAccountId: string): string {
  return `cloudward-${awsAccountId}`;
}

/**
 * A credential provider that assumes the account's role on first use, caches the credentials and assumes again
 * only when they are about to expire. Concurrent callers share one in-flight AssumeRole.
 */
export function assumeAccountRole(input: AssumeAccountRoleInput): AwsCredentialIdentityProvider {
  const now = input.now ?? Date.now;
  const margin = input.refreshMarginMs ?? DEFAULT_REFRESH_MARGIN_MS;
  const sts =
    input.stsClient ??
    new STSClient({ region: input.region, credentials: input.sourceCredentials ?? fromNodeProviderChain() });
  let cached: AwsCredentialIdentity | undefined;
  let pending: Promise<AwsCredentialIdentity> | undefined;

  const fresh = (credentials: AwsCredentialIdentity | undefined): credentials is AwsCredentialIdentity =>
    !!credentials && (!credentials.expiration || credentials.expiration.getTime() - now() > margin);

  const assume = async (): Promise<AwsCredentialIdentity> => {
    const output = await sts.send(
      new AssumeRoleCommand({
        RoleArn: input.roleArn,
        ExternalId: input.externalId,
        RoleSessionName: roleSessionName(input.awsAccountId),
        DurationSeconds: input.durationSeconds ?? 3600,
      }),
    );
    const credentials = output.Credentials;
    if (!credentials?.AccessKeyId || !credentials.SecretAccessKey) {
      throw new Error(`AssumeRole on ${input.roleArn} returned no credentials`);
    }
    return {
      accessKeyId: credentials.AccessKeyId,
      secretAccessKey: credentials.SecretAccessKey,
      sessionToken: credentials.SessionToken,
      expiration: credentials.Expiration ? new Date(credentials.Expiration) : undefined,
    };
  };

  return async () => {
    if (fresh(cached)) return cached;
    if (!pending) {
      pending = assume()
        .then((credentials) => {
          cached = credentials;
          return credentials;
        })
        .finally(() => {
          pending = undefined;
        });
    }
    return pending;
  };
}

/** Ambient credentials for `scan`: env vars, AWS_PROFILE / SSO / shared files, then container or instance role. */
export function ambientCredentials(): AwsCredentialIdentityProvider {
  return fromNodeProviderChain();
}

/**
 * The endpoint override configured for the service (AWS_ENDPOINT_URL_<SERVICE_ID>, else AWS_ENDPOINT_URL), if any.
 * The SDK reads these variables itself, so client configs pass no `endpoint`; we only need to know so S3 can switch
 * to path-style addressing and S3 Control can drop its account-id host prefix, which emulators require.
 */
export function customEndpointUrl(
  serviceId: string,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  const suffix = serviceId
    .split(' ')
    .map((word) => word.toUpperCase())
    .join('_');
  return env[`AWS_ENDPOINT_URL_${suffix}`] || env.AWS_ENDPOINT_URL || undefined;
}

export function customEndpointConfigured(serviceId: string, env: NodeJS.ProcessEnv = process.env): boolean {
  return customEndpointUrl(serviceId, env) !== undefined;
}

/**
 * Who the credentials belong to (`scan` with ambient credentials has no account id until it asks):
 * the 12-digit account, the caller ARN and the partition taken from it.
 */
export async function callerIdentity(
  credentials: AwsCredentialIdentityProvider,
  region: string,
  stsClient: STSClient = new STSClient({ region, credentials }),
): Promise<{ accountId: string; arn: string; partition: string }> {
  const output = await stsClient.send(new GetCallerIdentityCommand({}));
  if (!output.Account || !output.Arn) throw new Error('GetCallerIdentity returned no account');
  return { accountId: output.Account, arn: output.Arn, partition: output.Arn.split(':')[1] || 'aws' };
}
