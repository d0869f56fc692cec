// Who Cloudward itself is in AWS: STS GetCallerIdentity with its own default credentials (the SDK's chain:
// environment, profile, container or instance role). A fresh install without CLOUDWARD_TRUSTED_PRINCIPAL uses
// the answer as the principal that customer roles trust, so the add-account wizard works without configuration.
import { GetCallerIdentityCommand, type STSClientConfig } from '@aws-sdk/client-sts';
import {
  defaultStsClientFactory,
  isMissingCredentials,
  isOwnCredentialsRejected,
  NO_CREDENTIALS_MESSAGE,
  stsEndpoint,
  type StsClientFactory,
} from './test-connection';

export type OwnIdentity =
  | {
      state: 'detected';
      arn: string;
      accountId: string;
      /** The ARN a trust policy can name (an assumed role's role ARN); null when the caller cannot be trusted. */
      trustedPrincipal: string | null;
      /** Why trustedPrincipal is null, or what to check about it. */
      note?: string;
    }
  | { state: 'no-credentials'; message: string }
  | { state: 'error'; errorCode: string; message: string };

/**
 * A GetCallerIdentity ARN -> the principal a trust policy names. `assumed-role/Name/session` -> `role/Name`
 * (the session ARN changes with each session; the path of a role with one is not in it: set
 * CLOUDWARD_TRUSTED_PRINCIPAL then). Users and root are trusted as they are; federated users cannot be.
 */
export function trustedPrincipalFromCallerArn(arn: string): { principal: string | null; note?: string } {
  const match = /^arn:(aws[a-z-]*):(sts|iam)::(\d{12}):(.+)$/.exec(arn);
  if (!match) return { principal: null, note: `"${arn}" is not an IAM or STS ARN` };
  const [, partition, service, account, resource] = match;
  if (service === 'sts' && resource.startsWith('assumed-role/')) {
    const roleName = resource.split('/')[1];
    return {
      principal: `arn:${partition}:iam::${account}:role/${roleName}`,
      note: 'If this role has a path (arn:…:role/path/name), set CLOUDWARD_TRUSTED_PRINCIPAL to its full ARN.',
    };
  }
  if (
    service === 'iam' &&
    (resource === 'root' || resource.startsWith('user/') || resource.startsWith('role/'))
  )
    return { principal: arn };
  return {
    principal: null,
    note: `${arn} is a temporary identity a role cannot trust: set CLOUDWARD_TRUSTED_PRINCIPAL to a role or user ARN.`,
  };
}

export interface DetectOptions {
  env?: NodeJS.ProcessEnv;
  createClient?: StsClientFactory;
  /** Default 5 s: the wizard waits on it. */
  timeoutMs?: number;
}

export async function detectOwnIdentity(options: DetectOptions = {}): Promise<OwnIdentity> {
  const env = options.env ?? process.env;
  const endpoint = stsEndpoint(env);
  const config: STSClientConfig = {
    region: env.AWS_REGION || env.AWS_DEFAULT_REGION || 'us-east-1',
    maxAttempts: 2,
    ...(endpoint ? { endpoint } : {}),
  };
  const client = (options.createClient ?? defaultStsClientFactory)(config);
  try {
    const answer = await client.send(new GetCallerIdentityCommand({}), {
      abortSignal: AbortSignal.timeout(options.timeoutMs ?? 5_000),
    });
    if (!answer.Arn)
      return { state: 'error', errorCode: 'NoCallerIdentity', message: 'GetCallerIdentity returned no ARN' };
    const { principal, note } = trustedPrincipalFromCallerArn(answer.Arn);
    return {
      state: 'detected',
      arn: answer.Arn,
      accountId: answer.Account ?? '',
      trustedPrincipal: principal,
      ...(note ? { note } : {}),
    };
  } catch (error) {
    if (isMissingCredentials(error)) return { state: 'no-credentials', message: NO_CREDENTIALS_MESSAGE };
    const errorCode = error instanceof Error ? error.name || 'Error' : 'Error';
    const message = error instanceof Error ? error.message : String(error);
    if (errorCode === 'TimeoutError' || errorCode === 'AbortError')
      return { state: 'error', errorCode, message: 'STS did not answer GetCallerIdentity in time' };
    if (isOwnCredentialsRejected(errorCode))
      return { state: 'error', errorCode, message: `AWS rejected Cloudward's own credentials: ${message}` };
    return { state: 'error', errorCode, message };
  } finally {
    client.destroy();
  }
}

/**
 * One detection shared by every request: a found identity is kept for `ttlMs` (default 10 min), a failure for
 * `failureTtlMs` (default 30 s) so that credentials given to a running server are picked up soon.
 */
export function cachedOwnIdentity(
  options: DetectOptions & { ttlMs?: number; failureTtlMs?: number; now?: () => number } = {},
): () => Promise<OwnIdentity> {
  const now = options.now ?? Date.now;
  let cached: { at: number; value: Promise<OwnIdentity> } | undefined;
  return () => {
    if (cached) {
      const age = now() - cached.at;
      const value = cached.value;
      const keep = value.then(
        (identity) =>
          age <
          (identity.state === 'detected' ? (options.ttlMs ?? 600_000) : (options.failureTtlMs ?? 30_000)),
      );
      return keep.then((fresh) => (fresh ? value : refresh()));
    }
    return refresh();
  };
  function refresh(): Promise<OwnIdentity> {
    cached = { at: now(), value: detectOwnIdentity(options) };
    return cached.value;
  }
}
