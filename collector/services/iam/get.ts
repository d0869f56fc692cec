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
import { errorCode, errorCodes, isThrottlingError } from '../../errors';
import { type OutputOutcome, readOutput } from '../../read';
import { type CredentialReportRow, parseCredentialReport } from './credential-report';

export interface ReportPolling {
  /** Wait between GenerateCredentialReport calls while AWS builds the report. */
  delayMs: number;
  /** Calls before giving up with `ReportInProgress` (AWS usually finishes within a few seconds). */
  maxPolls: number;
  signal: AbortSignal;
}

/** GetCredentialReport's answers while no report can be read yet (wire codes and SDK class names). */
const REPORT_NOT_READY = new Set([
  'ReportNotPresent',
  'ReportInProgress',
  'ReportExpired',
  'CredentialReportNotPresentException',
  'CredentialReportNotReadyException',
  'CredentialReportExpiredException',
]);

/**
 * Generates the credential report (AWS reuses one younger than 4 hours) and reads it. A throttled or
 * rate-limited generate call counts as one more poll rather than a failure. GetCredentialReport may still answer
 * that the report is absent, in progress or expired (it can expire between the two calls): that is one more poll
 * too, as is a generate answer without a State. Throws the AWS error otherwise, or the last "not ready" one.
 */
export async function readCredentialReport(
  client: IAMClient,
  polling: ReportPolling,
): Promise<CredentialReportRow[]> {
  for (let poll = 1; ; poll += 1) {
    let state: string | undefined;
    try {
      state = (await client.send(new GenerateCredentialReportCommand({}))).State;
    } catch (error) {
      if (!isThrottlingError(error) || poll >= polling.maxPolls) throw error;
      state = 'THROTTLED';
    }
    if (state === 'COMPLETE' || state === undefined) {
      try {
        const report = await client.send(new GetCredentialReportCommand({}));
        return parseCredentialReport(report.Content);
      } catch (error) {
        if (!errorCodes(error).some((code) => REPORT_NOT_READY.has(code)) || poll >= polling.maxPolls)
          throw error;
      }
    } else if (poll >= polling.maxPolls) {
      throw Object.assign(new Error('Credential report still in progress'), { name: 'ReportInProgress' });
    }
    await sleep(polling.delayMs, polling.signal);
  }
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
  // stopOnSameToken: a marker that comes back unchanged would otherwise loop for ever.
  return paginateGetAccountAuthorizationDetails({ client, pageSize: 1000, stopOnSameToken: true }, {});
}

export async function readVirtualMfaDevices(
  client: IAMClient,
): Promise<{ devices: VirtualMFADevice[] } | { error: string }> {
  try {
    const devices: VirtualMFADevice[] = [];
    for await (const page of paginateListVirtualMFADevices(
      { client, stopOnSameToken: true },
      { AssignmentStatus: 'Assigned' },
    )) {
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
  for await (const page of paginateListServerCertificates({ client, stopOnSameToken: true }, {})) {
    certificates.push(...(page.ServerCertificateMetadataList ?? []));
  }
  return certificates;
}
