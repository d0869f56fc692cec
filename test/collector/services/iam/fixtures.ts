// Trimmed, anonymised IAM responses, typed against the SDK so the compiler catches drift.
import type {
  GetAccountAuthorizationDetailsCommandOutput,
  GetAccountPasswordPolicyCommandOutput,
  GetAccountSummaryCommandOutput,
  GetCredentialReportCommandOutput,
  ListServerCertificatesCommandOutput,
  ListVirtualMFADevicesCommandOutput,
} from '@aws-sdk/client-iam';

export const ACCOUNT = '123456789012';
const metadata = { httpStatusCode: 200, requestId: 'req-1' };
/** IAM returns policy documents URL-encoded. */
export const encoded = (document: object): string => encodeURIComponent(JSON.stringify(document));

export const adminDocument = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
};

export const ec2TrustDocument = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
};

export const crossAccountTrustDocument = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { AWS: ['arn:aws:iam::999988887777:root', '123456789012'] },
      Action: 'sts:AssumeRole',
      Condition: { StringEquals: { 'sts:ExternalId': 'abc' } },
    },
    { Effect: 'Deny', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' },
    { Effect: 'Allow', Principal: '*', Action: ['sts:Assume*'] },
    { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::555566667777:role/other' }, Action: 'sts:TagSession' },
  ],
};

/** Page 1 of 2: a user in a group that only appears on page 2, an inline policy and a managed attachment. */
export const authorizationPage1: GetAccountAuthorizationDetailsCommandOutput = {
  $metadata: metadata,
  IsTruncated: true,
  Marker: 'marker-page-2',
  UserDetailList: [
    {
      Path: '/',
      UserName: 'alice',
      UserId: 'AIDAEXAMPLEALICE0001',
      Arn: 'arn:aws:iam::123456789012:user/alice',
      CreateDate: new Date('2023-01-02T03:04:05Z'),
      UserPolicyList: [{ PolicyName: 'inline-admin', PolicyDocument: encoded(adminDocument) }],
      GroupList: ['admins'],
      AttachedManagedPolicies: [
        { PolicyName: 'AdministratorAccess', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' },
      ],
      Tags: [{ Key: 'team', Value: 'security' }],
    },
    {
      Path: '/',
      UserName: 'newcomer',
      UserId: 'AIDAEXAMPLENEW000002',
      Arn: 'arn:aws:iam::123456789012:user/newcomer',
      CreateDate: new Date('2026-11-22T18:00:00Z'),
      UserPolicyList: [],
      GroupList: [],
      AttachedManagedPolicies: [],
      Tags: [],
    },
  ],
  GroupDetailList: [],
  RoleDetailList: [
    {
      Path: '/',
      RoleName: 'web',
      RoleId: 'AROAEXAMPLEWEB000001',
      Arn: 'arn:aws:iam::123456789012:role/web',
      CreateDate: new Date('2023-02-01T00:00:00Z'),
      AssumeRolePolicyDocument: encoded(ec2TrustDocument),
      InstanceProfileList: [
        {
          Path: '/',
          InstanceProfileName: 'web-profile',
          InstanceProfileId: 'AIPAEXAMPLEWEB000001',
          Arn: 'arn:aws:iam::123456789012:instance-profile/web-profile',
          CreateDate: new Date('2023-02-01T00:00:00Z'),
          Roles: [
            {
              Path: '/',
              RoleName: 'web',
              RoleId: 'AROAEXAMPLEWEB000001',
              Arn: 'arn:aws:iam::123456789012:role/web',
              CreateDate: new Date('2023-02-01T00:00:00Z'),
              AssumeRolePolicyDocument: encoded(ec2TrustDocument),
            },
          ],
        },
      ],
      RolePolicyList: [],
      AttachedManagedPolicies: [
        { PolicyName: 'app-read', PolicyArn: 'arn:aws:iam::123456789012:policy/app-read' },
      ],
      Tags: [],
      RoleLastUsed: { LastUsedDate: new Date('2026-11-01T00:00:00Z'), Region: 'eu-west-1' },
    },
  ],
  Policies: [
    {
      PolicyName: 'AdministratorAccess',
      PolicyId: 'ANPAIWMBCKSKIEE64ZLYK',
      Arn: 'arn:aws:iam::aws:policy/AdministratorAccess',
      Path: '/',
      DefaultVersionId: 'v1',
      AttachmentCount: 1,
      PermissionsBoundaryUsageCount: 0,
      IsAttachable: true,
      CreateDate: new Date('2015-02-06T18:39:46Z'),
      UpdateDate: new Date('2015-02-06T18:39:46Z'),
      PolicyVersionList: [
        {
          Document: encoded(adminDocument),
          VersionId: 'v1',
          IsDefaultVersion: true,
          CreateDate: new Date('2015-02-06T18:39:46Z'),
        },
      ],
    },
    {
      PolicyName: 'ReadOnlyAccess',
      PolicyId: 'ANPAILL3HVNFSB6DCOWYQ',
      Arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
      Path: '/',
      DefaultVersionId: 'v120',
      AttachmentCount: 0,
      PermissionsBoundaryUsageCount: 0,
      IsAttachable: true,
      CreateDate: new Date('2015-02-06T18:39:48Z'),
      UpdateDate: new Date('2025-01-01T00:00:00Z'),
      PolicyVersionList: [],
    },
  ],
};

export const appReadDocument = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::app/*' }],
};

/** Page 2 of 2: the group, a cross-account role and a customer-managed policy with two versions. */
export const authorizationPage2: GetAccountAuthorizationDetailsCommandOutput = {
  $metadata: metadata,
  IsTruncated: false,
  UserDetailList: [],
  GroupDetailList: [
    {
      Path: '/teams/',
      GroupName: 'admins',
      GroupId: 'AGPAEXAMPLEADMINS001',
      Arn: 'arn:aws:iam::123456789012:group/teams/admins',
      CreateDate: new Date('2023-01-01T00:00:00Z'),
      GroupPolicyList: [
        { PolicyName: 'deny-billing', PolicyDocument: encoded({ Version: '2012-10-17', Statement: [] }) },
      ],
      AttachedManagedPolicies: [],
    },
  ],
  RoleDetailList: [
    {
      Path: '/',
      RoleName: 'auditor',
      RoleId: 'AROAEXAMPLEAUDIT0001',
      Arn: 'arn:aws:iam::123456789012:role/auditor',
      CreateDate: new Date('2024-01-01T00:00:00Z'),
      AssumeRolePolicyDocument: encoded(crossAccountTrustDocument),
      InstanceProfileList: [],
      RolePolicyList: [{ PolicyName: 'extra', PolicyDocument: encoded(appReadDocument) }],
      AttachedManagedPolicies: [],
      Tags: [{ Key: 'owner', Value: 'audit' }],
    },
  ],
  Policies: [
    {
      PolicyName: 'app-read',
      PolicyId: 'ANPAEXAMPLEAPPREAD01',
      Arn: 'arn:aws:iam::123456789012:policy/app-read',
      Path: '/',
      DefaultVersionId: 'v2',
      AttachmentCount: 1,
      PermissionsBoundaryUsageCount: 0,
      IsAttachable: true,
      CreateDate: new Date('2024-01-01T00:00:00Z'),
      UpdateDate: new Date('2024-02-01T00:00:00Z'),
      PolicyVersionList: [
        {
          Document: encoded(adminDocument),
          VersionId: 'v1',
          IsDefaultVersion: false,
          CreateDate: new Date('2024-01-01T00:00:00Z'),
        },
        {
          Document: encoded(appReadDocument),
          VersionId: 'v2',
          IsDefaultVersion: true,
          CreateDate: new Date('2024-02-01T00:00:00Z'),
        },
      ],
    },
  ],
};

const REPORT_HEADER =
  'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated';

export const credentialReportCsv = [
  REPORT_HEADER,
  '<root_account>,arn:aws:iam::123456789012:root,2020-01-01T00:00:00+00:00,not_supported,2026-10-01T10:00:00+00:00,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A',
  'alice,arn:aws:iam::123456789012:user/alice,2023-01-02T03:04:05+00:00,true,2026-11-20T09:00:00+00:00,2023-01-02T03:10:00+00:00,N/A,false,true,2023-01-02T03:20:00+00:00,2026-11-21T12:00:00+00:00,eu-west-1,s3,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A',
].join('\n');

/** The SDK has already decoded the base64 body into bytes. */
export const credentialReport: GetCredentialReportCommandOutput = {
  $metadata: metadata,
  Content: new TextEncoder().encode(credentialReportCsv),
  ReportFormat: 'text/csv',
  GeneratedTime: new Date('2026-11-22T18:00:00Z'),
};

export const virtualMfaDevices: ListVirtualMFADevicesCommandOutput = {
  $metadata: metadata,
  IsTruncated: false,
  VirtualMFADevices: [
    {
      SerialNumber: 'arn:aws:iam::123456789012:mfa/root-account-mfa-device',
      User: {
        Path: '/',
        UserName: '',
        UserId: '123456789012',
        Arn: 'arn:aws:iam::123456789012:root',
        CreateDate: new Date('2020-01-01T00:00:00Z'),
      },
      EnableDate: new Date('2020-01-02T00:00:00Z'),
    },
    {
      SerialNumber: 'arn:aws:iam::123456789012:mfa/alice',
      User: {
        Path: '/',
        UserName: 'alice',
        UserId: 'AIDAEXAMPLEALICE0001',
        Arn: 'arn:aws:iam::123456789012:user/alice',
        CreateDate: new Date('2023-01-02T03:04:05Z'),
      },
      EnableDate: new Date('2023-01-03T00:00:00Z'),
    },
  ],
};

export const accountSummary: GetAccountSummaryCommandOutput = {
  $metadata: metadata,
  SummaryMap: { AccountMFAEnabled: 1, AccountAccessKeysPresent: 0, Users: 2, Roles: 2 },
};

export const passwordPolicy: GetAccountPasswordPolicyCommandOutput = {
  $metadata: metadata,
  PasswordPolicy: {
    MinimumPasswordLength: 14,
    RequireSymbols: true,
    RequireNumbers: true,
    RequireUppercaseCharacters: true,
    RequireLowercaseCharacters: true,
    AllowUsersToChangePassword: true,
    ExpirePasswords: false,
    PasswordReusePrevention: 24,
    HardExpiry: false,
  },
};

export const serverCertificatesPage1: ListServerCertificatesCommandOutput = {
  $metadata: metadata,
  IsTruncated: true,
  Marker: 'cert-page-2',
  ServerCertificateMetadataList: [
    {
      Path: '/',
      ServerCertificateName: 'old-site',
      ServerCertificateId: 'ASCAEXAMPLEOLDSITE01',
      Arn: 'arn:aws:iam::123456789012:server-certificate/old-site',
      UploadDate: new Date('2019-01-01T00:00:00Z'),
      Expiration: new Date('2020-01-01T00:00:00Z'),
    },
  ],
};

export const serverCertificatesPage2: ListServerCertificatesCommandOutput = {
  $metadata: metadata,
  IsTruncated: false,
  ServerCertificateMetadataList: [],
};
