// "Test connection": assume the customer's role the way a sync does (ExternalId, session `cloudward-<account>`),
// then ask STS who we are with those credentials. AWS errors come back as data, not exceptions.
import {
  AssumeRoleCommand,
  GetCallerIdentityCommand,
  STSClient,
  type STSClientConfig,
} from '@aws-sdk/client-sts';
import { defaultRegionFor, findRegion } from './regions';
import { parseRoleArn } from './account-rules';

export type ConnectionTestResult =
  { ok: true; callerArn: string; accountId: string } | { ok: false; errorCode: string; message: string };

export type StsClientFactory = (config: STSClientConfig) => STSClient;

export const defaultStsClientFactory: StsClientFactory = (config) => new STSClient(config);

export interface ConnectionTestInput {
  awsAccountId: string;
  roleArn: string;
  externalId: string;
  regions: string[];
}

/** AWS_REGION when set (emulators), else the first of the account's regions in the role's partition. */
export function stsRegion(input: ConnectionTestInput, env: NodeJS.ProcessEnv): string {
  if (env.AWS_REGION) return env.AWS_REGION;
  const partition = parseRoleArn(input.roleArn)?.partition ?? 'aws';
  return (
    input.regions.find((code) => findRegion(code)?.partition === partition) ?? defaultRegionFor(partition)
  );
}

export function stsEndpoint(env: NodeJS.ProcessEnv): string | undefined {
  return env.AWS_ENDPOINT_URL_STS || env.AWS_ENDPOINT_URL || undefined;
}

export async function testConnection(
  input: ConnectionTestInput,
  options: { createClient?: StsClientFactory; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<ConnectionTestResult> {
  const env = options.env ?? process.env;
  const createClient = options.createClient ?? defaultStsClientFactory;
  const region = stsRegion(input, env);
  const endpoint = stsEndpoint(env);
  const abortSignal = AbortSignal.timeout(options.timeoutMs ?? 20_000);
  const base: STSClientConfig = { region, maxAttempts: 2, ...(endpoint ? { endpoint } : {}) };
  const callerClient = createClient(base);
  try {
    const assumed = await callerClient.send(
      new AssumeRoleCommand({
        RoleArn: input.roleArn,
        ExternalId: input.externalId,
        RoleSessionName: `cloudward-${input.awsAccountId}`,
        DurationSeconds: 900,
      }),
      { abortSignal },
    );
    const credentials = assumed.Credentials;
    if (!credentials?.AccessKeyId || !credentials.SecretAccessKey) {
      return { ok: false, errorCode: 'NoCredentials', message: 'AssumeRole returned no credentials' };
    }
    const roleClient = createClient({
      ...base,
      credentials: {
        accessKeyId: credentials.AccessKeyId,
        secretAccessKey: credentials.SecretAccessKey,
        sessionToken: credentials.SessionToken,
        expiration: credentials.Expiration,
      },
    });
    try {
      const identity = await roleClient.send(new GetCallerIdentityCommand({}), { abortSignal });
      if (!identity.Arn)
        return { ok: false, errorCode: 'NoCallerIdentity', message: 'GetCallerIdentity returned no ARN' };
      if (identity.Account && identity.Account !== input.awsAccountId) {
        return {
          ok: false,
          errorCode: 'AccountMismatch',
          message: `the role belongs to account ${identity.Account}, not ${input.awsAccountId}`,
        };
      }
      return { ok: true, callerArn: identity.Arn, accountId: identity.Account ?? input.awsAccountId };
    } finally {
      roleClient.destroy();
    }
  } catch (error) {
    return { ok: false, ...awsError(error) };
  } finally {
    callerClient.destroy();
  }
}

export const NO_CREDENTIALS_MESSAGE =
  'Cloudward has no AWS credentials of its own (none in its environment, profile, container or instance role), so it cannot assume customer roles. Give the server credentials (e.g. an instance profile or AWS_PROFILE) and restart it.';

/** The SDK's chain found nothing: CredentialsProviderError ("Could not load credentials from any providers"). */
export function isMissingCredentials(error: unknown): boolean {
  return error instanceof Error && error.name === 'CredentialsProviderError';
}

/** AWS refused Cloudward's own keys (not the customer's role): the fix is on the server, not in the account. */
const OWN_CREDENTIALS_REJECTED = new Set([
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'ExpiredToken',
  'ExpiredTokenException',
  'SignatureDoesNotMatch',
  'InvalidAccessKeyId',
]);

export function isOwnCredentialsRejected(errorCode: string): boolean {
  return OWN_CREDENTIALS_REJECTED.has(errorCode);
}

function awsError(error: unknown): { errorCode: string; message: string } {
  // Cloudward's own side failed before the customer's role was even asked: say so, not "check the role".
  if (isMissingCredentials(error))
    return { errorCode: 'NoCloudwardCredentials', message: NO_CREDENTIALS_MESSAGE };
  if (error instanceof Error) {
    const code = (error as { Code?: string }).Code ?? error.name ?? 'Error';
    if (isOwnCredentialsRejected(code))
      return { errorCode: code, message: `AWS rejected Cloudward's own credentials: ${error.message}` };
    return { errorCode: code, message: error.message };
  }
  return { errorCode: 'Error', message: String(error) };
}
