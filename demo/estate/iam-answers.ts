// IAM answer builders shared by the workload accounts (record-identity) and the landing-zone accounts
// (record-landing-zone), so both answer in the one shape the collector reads.
import type { PasswordPolicy, VirtualMFADevice } from '@aws-sdk/client-iam';
import type { Recording } from '../recording';

/** IAM is global: the collector reads it through this region. */
export const IAM_HOME = 'us-east-1';

/** AWS returns IAM policy documents URL-encoded. */
export const policyDocument = (policy: object) =>
  encodeURIComponent(JSON.stringify({ Version: '2012-10-17', ...policy }));

/** A role trust policy letting `principal` assume the role (under `condition` when given). */
export const trustPolicy = (principal: object, condition?: object) =>
  policyDocument({
    Statement: [
      {
        Effect: 'Allow',
        Principal: principal,
        Action: 'sts:AssumeRole',
        ...(condition ? { Condition: condition } : {}),
      },
    ],
  });

/** The password policy CIS asks for. */
export const STRONG_PASSWORD_POLICY: PasswordPolicy = {
  MinimumPasswordLength: 14,
  RequireSymbols: true,
  RequireNumbers: true,
  RequireUppercaseCharacters: true,
  RequireLowercaseCharacters: true,
  AllowUsersToChangePassword: true,
  ExpirePasswords: false,
  PasswordReusePrevention: 24,
  HardExpiry: false,
};

/** GetAccountPasswordPolicy: the policy, or AWS's NoSuchEntity when the account has none. */
export function recordPasswordPolicy(
  recording: Recording,
  owner: string,
  policy: PasswordPolicy | undefined,
) {
  if (policy) recording.output('IAM', 'GetAccountPasswordPolicy', IAM_HOME, {}, { PasswordPolicy: policy });
  else
    recording.error(
      'IAM',
      'GetAccountPasswordPolicy',
      IAM_HOME,
      {},
      {
        name: 'NoSuchEntity',
        status: 404,
        message: `The Password Policy with domain name ${owner} cannot be found.`,
      },
    );
}

/** The root user's virtual MFA device, as ListVirtualMFADevices lists it. */
export function rootMfaDevice(owner: string, enabled: Date, rootCreated: Date): VirtualMFADevice {
  return {
    SerialNumber: `arn:aws:iam::${owner}:mfa/root-account-mfa-device`,
    EnableDate: enabled,
    User: {
      UserName: '',
      UserId: owner,
      Arn: `arn:aws:iam::${owner}:root`,
      Path: '/',
      CreateDate: rootCreated,
    },
  };
}

/** The credential report's dates: ISO seconds with a +00:00 offset, as AWS writes them. */
export const reportDate = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, '+00:00');

/** One credential report row; second access key and certificates are never set in the demo. */
export interface CredentialReportRow {
  user: string;
  arn: string;
  created: string;
  /** `not_supported` for the root user. */
  password: boolean | 'not_supported';
  passwordLastUsed: string;
  passwordLastChanged: string;
  passwordNextRotation: string;
  mfa: boolean;
  /** The first access key (none: the user has no key). */
  key?: { rotated: string; lastUsed?: { date: string; region: string; service: string } };
}

/** The root user's row: root has no password rotation columns. */
export function rootReportRow(
  owner: string,
  row: Pick<CredentialReportRow, 'created' | 'passwordLastUsed' | 'mfa' | 'key'>,
): CredentialReportRow {
  return {
    user: '<root_account>',
    arn: `arn:aws:iam::${owner}:root`,
    password: 'not_supported',
    passwordLastChanged: 'not_supported',
    passwordNextRotation: 'not_supported',
    ...row,
  };
}

const REPORT_COLUMNS =
  'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,' +
  'access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,' +
  'access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,' +
  'cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated';

function reportLine(row: CredentialReportRow): string {
  const { key } = row;
  const used = key?.lastUsed;
  return [
    row.user,
    row.arn,
    row.created,
    String(row.password),
    row.passwordLastUsed,
    row.passwordLastChanged,
    row.passwordNextRotation,
    String(row.mfa),
    String(key !== undefined),
    key?.rotated ?? 'N/A',
    used?.date ?? 'N/A',
    used?.region ?? 'N/A',
    used?.service ?? 'N/A',
    ...['false', 'N/A', 'N/A', 'N/A', 'N/A'],
    ...['false', 'N/A', 'false', 'N/A'],
  ].join(',');
}

/** GenerateCredentialReport (complete at once) and GetCredentialReport with `rows` as CSV. */
export function recordCredentialReport(recording: Recording, rows: CredentialReportRow[], now: Date): void {
  recording.output(
    'IAM',
    'GenerateCredentialReport',
    IAM_HOME,
    {},
    { State: 'COMPLETE', Description: 'Report generated' },
  );
  recording.output(
    'IAM',
    'GetCredentialReport',
    IAM_HOME,
    {},
    {
      Content: new TextEncoder().encode([REPORT_COLUMNS, ...rows.map(reportLine)].join('\n')),
      ReportFormat: 'text/csv',
      GeneratedTime: now,
    },
  );
}
