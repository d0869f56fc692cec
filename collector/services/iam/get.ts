// IAM reads: the bulk calls only (authorization details, credential report), never one call per principal.
import {
  GenerateCredentialReportCommand,
  GetAccountAuthorizationDetailsCommand,
  type GetAccountAuthorizationDetailsCommandOutput,
  GetAccountPasswordPolicyCommand,
  GetAccountSummaryCommand,
  GetCredentialReportCommand,
  GetServerCertificateCommand,
  type IAMClient,
  ListServerCertificatesCommand,
  ListVirtualMFADevicesCommand,
  type ServerCertificateMetadata,
  type VirtualMFADevice,
} from '@aws-sdk/client-iam';
import { X509Certificate } from 'node:crypto';
import { errorCode, errorCodes, isThrottlingError } from '../../errors';
import { markerPages, type OutputOutcome, readOutput } from '../../read';
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

/**
 * Pages of an IAM list call. IAM documents `Marker` as the next page's start only while `IsTruncated` is true, so
 * paging stops on `IsTruncated: false` even if a marker came along; without IsTruncated the marker decides.
 */
export function iamPages<P extends { IsTruncated?: boolean; Marker?: string }>(
  fetch: (marker: string | undefined) => Promise<P>,
): AsyncGenerator<P> {
  return markerPages(fetch, (page) => (page.IsTruncated === false ? undefined : page.Marker));
}

export function authorizationDetailPages(
  client: IAMClient,
): AsyncGenerator<GetAccountAuthorizationDetailsCommandOutput> {
  // No Filter: users, groups, roles, local and AWS managed policies in one paginated call.
  return iamPages((Marker) =>
    client.send(new GetAccountAuthorizationDetailsCommand({ MaxItems: 1000, Marker })),
  );
}

export async function readVirtualMfaDevices(
  client: IAMClient,
): Promise<{ devices: VirtualMFADevice[] } | { error: string }> {
  try {
    const devices: VirtualMFADevice[] = [];
    const pages = iamPages((Marker) =>
      client.send(new ListVirtualMFADevicesCommand({ AssignmentStatus: 'Assigned', Marker })),
    );
    for await (const page of pages) {
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
  for await (const page of iamPages((Marker) => client.send(new ListServerCertificatesCommand({ Marker })))) {
    certificates.push(...(page.ServerCertificateMetadataList ?? []));
  }
  return certificates;
}

/**
 * notAfter of each certificate's own body (GetServerCertificate), by ARN: the date the certificate really expires,
 * which AWS also reports as Expiration. A body that cannot be read or parsed leaves the listed Expiration alone.
 */
export async function readCertificateExpirations(
  client: IAMClient,
  certificates: ServerCertificateMetadata[],
): Promise<{ expirations: Map<string, string>; failures: string[] }> {
  const expirations = new Map<string, string>();
  const failures: string[] = [];
  for (const { Arn, ServerCertificateName } of certificates) {
    if (!Arn || !ServerCertificateName) continue;
    try {
      const output = await client.send(new GetServerCertificateCommand({ ServerCertificateName }));
      const body = output?.ServerCertificate?.CertificateBody;
      if (!body) continue;
      const notAfter = new Date(new X509Certificate(body).validTo);
      if (!Number.isNaN(notAfter.getTime())) expirations.set(Arn, notAfter.toISOString());
    } catch (error) {
      failures.push(`${ServerCertificateName}: ${errorCode(error)}`);
    }
  }
  return { expirations, failures };
}
