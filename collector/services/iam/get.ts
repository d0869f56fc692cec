// IAM reads: the bulk calls only (authorization details, credential report), never one call per principal.
import {
  GenerateCredentialReportCommand,
  GetAccountPasswordPolicyCommand,
  GetAccountSummaryCommand,
  GetCredentialReportCommand,
  type IAMClient,
  paginateGetAccountAuthorizationDetails,
  paginateListServerCertificates,
  paginateListVirtualMFADevices,
  type ServerCertificateMetadata,
  type VirtualMFADevice,
} from '@aws-sdk/client-iam';
import { errorCode, isThrottlingError } from '../../errors';
import { type OutputOutcome, readOutput } from '../../read';
import { type CredentialReportRow, parseCredentialReport } from './credential-report';

export interface ReportPolling {
  /** Wait between GenerateCredentialReport calls while AWS builds the report. */
  delayMs: number;
  /** Calls before giving up with `ReportInProgress` (AWS usually finishes within a few seconds). */
  maxPolls: number;
  signal: AbortSignal;
}

/**
 * Generates the credential report (AWS reuses one younger than 4 hours) and reads it. A throttled or
 * rate-limited generate call counts as one more poll rather than a failure. Throws the AWS error otherwise.
 */
export async function readCredentialReport(
  client: IAMClient,
  polling: ReportPolling,
): Promise<CredentialReportRow[]> {
  for (let poll = 1; ; poll += 1) {
    let complete = false;
    try {
      const generated = await client.send(new GenerateCredentialReportCommand({}));
      complete = generated.State === 'COMPLETE';
    } catch (error) {
      if (!isThrottlingError(error) || poll >= polling.maxPolls) throw error;
    }
    if (complete) break;
    if (poll >= polling.maxPolls)
      throw Object.assign(new Error('Credential report still in progress'), { name: 'ReportInProgress' });
    await sleep(polling.delayMs, polling.signal);
  }
  const report = await client.send(new GetCredentialReportCommand({}));
  return parseCredentialReport(report.Content);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export function authorizationDetailPages(client: IAMClient) {
  // No Filter: users, groups, roles, local and AWS managed policies in one paginated call.
  return paginateGetAccountAuthorizationDetails({ client, pageSize: 1000 }, {});
}

export async function readVirtualMfaDevices(
  client: IAMClient,
): Promise<{ devices: VirtualMFADevice[] } | { error: string }> {
  try {
    const devices: VirtualMFADevice[] = [];
    for await (const page of paginateListVirtualMFADevices({ client }, { AssignmentStatus: 'Assigned' })) {
      devices.push(...(page.VirtualMFADevices ?? []));
    }
    return { devices };
  } catch (error) {
    return { error: errorCode(error) };
  }
}

export function readPasswordPolicy(client: IAMClient): Promise<OutputOutcome> {
  // NoSuchEntity: the account has no custom password policy.
  return readOutput(
    () => client.send(new GetAccountPasswordPolicyCommand({})),
    ['NoSuchEntity', 'NoSuchEntityException'],
  );
}

export function readAccountSummary(client: IAMClient): Promise<OutputOutcome> {
  return readOutput(() => client.send(new GetAccountSummaryCommand({})));
}

export async function readServerCertificates(client: IAMClient): Promise<ServerCertificateMetadata[]> {
  const certificates: ServerCertificateMetadata[] = [];
  for await (const page of paginateListServerCertificates({ client }, {})) {
    certificates.push(...(page.ServerCertificateMetadataList ?? []));
  }
  return certificates;
}
