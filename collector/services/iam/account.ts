// Pure transforms for IAM's account-level assets: root user, password policy, account summary, server
// certificates. Their ids are the synthetic ones in CATALOG.md.
import type { ServerCertificateMetadata, VirtualMFADevice } from '@aws-sdk/client-iam';
import type { Asset } from '../../../store/model';
import { type OutputOutcome, mergeDetails } from '../../read';
import { type Where, makeAsset, plainConfig } from '../../shape';
import { type CredentialReportResult, rootRow } from './credential-report';

/** Root MFA devices without their seeds (AWS only returns those at creation, but never keep a secret). */
export function rootVirtualMfaDevices(
  devices: VirtualMFADevice[],
  partition: string,
  accountId: string,
): unknown[] {
  const rootArn = `arn:${partition}:iam::${accountId}:root`;
  return devices
    .filter((device) => device.User?.Arn === rootArn)
    .map(({ Base32StringSeed: _seed, QRCodePNG: _qr, ...device }) => plainConfig(device));
}

/** The account summary's two facts about the root user (1 or 0), as GetAccountSummary reports them. */
const ROOT_SUMMARY_KEYS = ['AccountMFAEnabled', 'AccountAccessKeysPresent'] as const;

export function rootUserAsset(
  scope: Where,
  partition: string,
  report: CredentialReportResult,
  virtualMfa: { devices: VirtualMFADevice[] } | { error: string },
  summary: OutputOutcome,
): Asset {
  const details: Record<string, OutputOutcome> = {};
  // AWS states root MFA and root access keys in the account summary too (CIS's own audit reads them there), so
  // those controls do not depend on the credential report, whose root row an endpoint may leave out.
  if (!summary.ok) details.AccountSummary = summary;
  else {
    const map = (summary.value?.SummaryMap ?? {}) as Record<string, unknown>;
    details.AccountSummary = {
      ok: true,
      value: Object.fromEntries(ROOT_SUMMARY_KEYS.filter((key) => key in map).map((key) => [key, map[key]])),
    };
  }
  if ('error' in report) details.CredentialReport = { ok: false, code: report.error };
  else {
    const row = rootRow(report.rowsByArn);
    details.CredentialReport = row
      ? { ok: true, value: row }
      : { ok: false, code: 'RootNotInCredentialReport' };
  }
  details.VirtualMFADevices =
    'error' in virtualMfa
      ? { ok: false, code: virtualMfa.error }
      : { ok: true, value: rootVirtualMfaDevices(virtualMfa.devices, partition, scope.accountId) as never };
  const { config, readErrors } = mergeDetails({}, details);
  return makeAsset(scope, {
    id: `arn:${partition}:iam::${scope.accountId}:root-user`,
    type: 'aws_iam_root_user',
    class: 'User',
    name: 'root',
    config,
    readErrors,
  });
}

/** `{ PasswordPolicy }` from GetAccountPasswordPolicy's output (null: no policy set). */
export function passwordPolicyAsset(scope: Where, partition: string, result: OutputOutcome): Asset {
  const details: Record<string, OutputOutcome> = {
    PasswordPolicy: result.ok ? { ok: true, value: (result.value?.PasswordPolicy ?? null) as never } : result,
  };
  const { config, readErrors } = mergeDetails({}, details);
  return makeAsset(scope, {
    id: `arn:${partition}:iam::${scope.accountId}:account-password-policy`,
    type: 'aws_iam_password_policy',
    class: 'Configuration',
    name: 'account-password-policy',
    config,
    readErrors,
  });
}

export function accountSummaryAsset(scope: Where, partition: string, result: OutputOutcome): Asset {
  const details: Record<string, OutputOutcome> = {
    SummaryMap: result.ok ? { ok: true, value: (result.value?.SummaryMap ?? {}) as never } : result,
  };
  const { config, readErrors } = mergeDetails({}, details);
  return makeAsset(scope, {
    id: `arn:${partition}:iam::${scope.accountId}:account-summary`,
    type: 'aws_iam_account_summary',
    class: 'Configuration',
    name: 'account-summary',
    config,
    readErrors,
  });
}

/**
 * Server certificates from ListServerCertificates. `expirations` (the notAfter of each certificate body, by ARN)
 * replaces the listed Expiration where known; a listed value that differs is kept as ListedExpiration.
 */
export function serverCertificateAssets(
  scope: Where,
  certificates: ServerCertificateMetadata[],
  expirations: Map<string, string> = new Map(),
): Asset[] {
  return certificates.map((certificate) => {
    const config = plainConfig(certificate);
    const notAfter = expirations.get(certificate.Arn as string);
    if (notAfter !== undefined) {
      const listed = config.Expiration;
      config.Expiration = notAfter;
      if (listed !== undefined && new Date(String(listed)).getTime() !== new Date(notAfter).getTime())
        config.ListedExpiration = listed;
    }
    return makeAsset(scope, {
      id: certificate.Arn as string,
      type: 'aws_iam_server_certificate',
      class: 'Certificate',
      name: certificate.ServerCertificateName as string,
      config,
    });
  });
}
