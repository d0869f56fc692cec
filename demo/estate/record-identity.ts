// Records IAM answers for a demo account (collector/services/iam): users, groups, roles, managed and inline
// policies through GetAccountAuthorizationDetails (two pages), the credential report, root MFA, password policy,
// account summary and server certificates.
import type {
  GetAccountAuthorizationDetailsResponse,
  GroupDetail,
  ManagedPolicyDetail,
  PasswordPolicy,
  RoleDetail,
  ServerCertificateMetadata,
  UserDetail,
} from '@aws-sdk/client-iam';
import type { Recording } from '../recording';
import { type EstateContext, daysAgo, stableHex } from './profile';
import { ORDERS_TASK_ROLE } from './containers';
import {
  type CredentialReportRow,
  IAM_HOME,
  policyDocument,
  recordCredentialReport,
  recordPasswordPolicy,
  reportDate,
  rootMfaDevice,
  rootReportRow,
  STRONG_PASSWORD_POLICY,
  trustPolicy,
} from './iam-answers';

/** GetAccountAuthorizationDetails answers in pages of this many principals and policies. */
export const IAM_DETAILS_PER_PAGE = 8;

interface UserPlan {
  name: string;
  console: boolean;
  mfa: boolean;
  /** Days since the first access key was rotated (undefined: no key). */
  keyAgeDays?: number;
  /** Days since the key or password was last used (undefined: never used). */
  lastUsedDays?: number;
  groups: string[];
  attached?: string[];
}

export function recordIdentity(recording: Recording, ctx: EstateContext): void {
  const owner = ctx.account.awsAccountId;
  const staging = ctx.account.kind === 'staging';
  const arn = (kind: string, name: string) => `arn:aws:iam::${owner}:${kind}/${name}`;
  const awsPolicy = (name: string) => `arn:aws:iam::aws:policy/${name}`;
  const idOf = (prefix: string, name: string) => `${prefix}${stableHex([owner, name], 17).toUpperCase()}`;
  const created = (days: number) => daysAgo(ctx.now, days);

  const users: UserPlan[] = staging
    ? [
        {
          name: 'dev-maria',
          console: true,
          mfa: false,
          keyAgeDays: 40,
          lastUsedDays: 1,
          groups: ['developers'],
        },
        {
          name: 'dev-tom',
          console: true,
          mfa: true,
          keyAgeDays: 130,
          lastUsedDays: 2,
          groups: ['developers'],
        },
        { name: 'old-contractor', console: true, mfa: false, keyAgeDays: 400, groups: ['developers'] },
        {
          name: 'load-test',
          console: false,
          mfa: false,
          keyAgeDays: 20,
          lastUsedDays: 3,
          groups: [],
          attached: ['kms-decrypt-anything'],
        },
      ]
    : [
        { name: 'alice', console: true, mfa: true, keyAgeDays: 25, lastUsedDays: 0, groups: ['admins'] },
        { name: 'bob', console: true, mfa: false, lastUsedDays: 4, groups: ['auditors'] },
        {
          name: 'ci-deploy',
          console: false,
          mfa: false,
          keyAgeDays: 210,
          lastUsedDays: 0,
          groups: [],
          attached: ['ci-deploy'],
        },
        {
          name: 'reporting-svc',
          console: false,
          mfa: false,
          keyAgeDays: 60,
          lastUsedDays: 120,
          groups: ['auditors'],
        },
      ];

  const managed: ManagedPolicyDetail[] = [];
  const addPolicy = (name: string, arnValue: string, statement: object[], attachments: number) => {
    managed.push({
      PolicyName: name,
      PolicyId: idOf('ANPA', name),
      Arn: arnValue,
      Path: '/',
      DefaultVersionId: 'v1',
      AttachmentCount: attachments,
      PermissionsBoundaryUsageCount: 0,
      IsAttachable: true,
      CreateDate: created(500),
      UpdateDate: created(90),
      PolicyVersionList: [
        {
          VersionId: 'v1',
          IsDefaultVersion: true,
          CreateDate: created(90),
          Document: policyDocument({ Statement: statement }),
        },
      ],
    });
  };
  addPolicy(
    'AdministratorAccess',
    awsPolicy('AdministratorAccess'),
    [{ Effect: 'Allow', Action: '*', Resource: '*' }],
    // Production: the admins group and the ops-maintenance role.
    staging ? 1 : 2,
  );
  addPolicy(
    'SecurityAudit',
    awsPolicy('SecurityAudit'),
    [{ Effect: 'Allow', Action: ['iam:Get*', 'iam:List*', 'ec2:Describe*'], Resource: '*' }],
    2,
  );
  if (staging) {
    addPolicy(
      'AWSCloudShellFullAccess',
      awsPolicy('AWSCloudShellFullAccess'),
      [{ Effect: 'Allow', Action: ['cloudshell:*'], Resource: '*' }],
      1,
    );
    // Admin-equivalent customer policy written "to unblock a release".
    addPolicy(
      'release-unblock',
      arn('policy', 'release-unblock'),
      [{ Effect: 'Allow', Action: '*', Resource: '*' }],
      1,
    );
    addPolicy(
      'kms-decrypt-anything',
      arn('policy', 'kms-decrypt-anything'),
      [{ Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: '*' }],
      1,
    );
  } else {
    addPolicy(
      'AWSSupportAccess',
      awsPolicy('AWSSupportAccess'),
      [{ Effect: 'Allow', Action: ['support:*'], Resource: '*' }],
      1,
    );
    addPolicy(
      'ci-deploy',
      arn('policy', 'ci-deploy'),
      [
        {
          Effect: 'Allow',
          Action: ['s3:*'],
          Resource: [
            `arn:aws:s3:::production-artifacts-${owner}`,
            `arn:aws:s3:::production-artifacts-${owner}/*`,
          ],
        },
        { Effect: 'Allow', Action: ['ecs:UpdateService', 'ecr:PutImage'], Resource: '*' },
      ],
      1,
    );
    // Admin-equivalent by accident: every action of every service through NotAction.
    addPolicy(
      'legacy-ops-admin',
      arn('policy', 'legacy-ops-admin'),
      [{ Effect: 'Allow', NotAction: ['iam:CreateUser'], Resource: '*' }],
      1,
    );
  }

  const groups: GroupDetail[] = (staging ? ['developers'] : ['admins', 'auditors']).map((name) => ({
    GroupName: name,
    GroupId: idOf('AGPA', name),
    Arn: arn('group', name),
    Path: '/',
    CreateDate: created(600),
    GroupPolicyList:
      name === 'developers'
        ? [
            {
              PolicyName: 'developer-extras',
              PolicyDocument: policyDocument({
                Statement: [{ Effect: 'Allow', Action: ['ec2:*', 'lambda:*'], Resource: '*' }],
              }),
            },
          ]
        : [],
    AttachedManagedPolicies:
      name === 'admins'
        ? [{ PolicyName: 'AdministratorAccess', PolicyArn: awsPolicy('AdministratorAccess') }]
        : name === 'auditors'
          ? [{ PolicyName: 'SecurityAudit', PolicyArn: awsPolicy('SecurityAudit') }]
          : [
              { PolicyName: 'AWSCloudShellFullAccess', PolicyArn: awsPolicy('AWSCloudShellFullAccess') },
              { PolicyName: 'SecurityAudit', PolicyArn: awsPolicy('SecurityAudit') },
            ],
  }));

  const userDetails: UserDetail[] = users.map((user) => ({
    UserName: user.name,
    UserId: idOf('AIDA', user.name),
    Arn: arn('user', user.name),
    Path: '/',
    CreateDate: created(500),
    GroupList: user.groups,
    AttachedManagedPolicies: (user.attached ?? []).map((name) => ({
      PolicyName: name,
      PolicyArn: arn('policy', name),
    })),
    UserPolicyList: [],
    Tags: [],
  }));

  const role = (
    name: string,
    trust: string,
    attached: string[],
    options: { profile?: boolean; inline?: object[] } = {},
  ): RoleDetail => ({
    RoleName: name,
    RoleId: idOf('AROA', name),
    Arn: arn('role', name),
    Path: '/',
    CreateDate: created(400),
    AssumeRolePolicyDocument: trust,
    InstanceProfileList: options.profile
      ? [
          {
            InstanceProfileName: name,
            InstanceProfileId: idOf('AIPA', name),
            Arn: arn('instance-profile', name),
            Path: '/',
            CreateDate: created(400),
            Roles: [],
          },
        ]
      : [],
    RolePolicyList: (options.inline ?? []).map((statement, index) => ({
      PolicyName: `${name}-inline-${index + 1}`,
      PolicyDocument: policyDocument({ Statement: [statement] }),
    })),
    AttachedManagedPolicies: attached.map((policyArn) => ({
      PolicyName: policyArn.split('/').pop(),
      PolicyArn: policyArn,
    })),
    Tags: [],
    RoleLastUsed: { LastUsedDate: created(1), Region: 'eu-west-1' },
  });
  const roles: RoleDetail[] = [
    role('app-instance', trustPolicy({ Service: 'ec2.amazonaws.com' }), [], {
      profile: true,
      inline: [
        {
          Effect: 'Allow',
          Action: ['s3:GetObject', 's3:PutObject'],
          Resource: `arn:aws:s3:::${ctx.account.kind}-uploads-${owner}/*`,
        },
      ],
    }),
    // Production's bastion may launch maintenance instances with the administrator role ops-maintenance: an attack
    // path from the internet to administrator (iam:PassRole + ec2:RunInstances). Staging's bastion has no
    // permissions: reachable, but a dead end.
    role('bastion', trustPolicy({ Service: 'ec2.amazonaws.com' }), [], {
      profile: true,
      inline: staging
        ? []
        : [
            {
              Effect: 'Allow',
              Action: 'iam:PassRole',
              Resource: arn('role', 'ops-maintenance'),
              Condition: { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } },
            },
            { Effect: 'Allow', Action: ['ec2:RunInstances', 'ec2:DescribeInstances'], Resource: '*' },
          ],
    }),
    role('lambda-exec', trustPolicy({ Service: 'lambda.amazonaws.com' }), [awsPolicy('SecurityAudit')]),
    role('vpc-flow-logs', trustPolicy({ Service: 'vpc-flow-logs.amazonaws.com' }), []),
    role(
      'CloudwardReadOnly',
      trustPolicy(
        { AWS: 'arn:aws:iam::999999999999:role/cloudward' },
        { StringEquals: { 'sts:ExternalId': `cloudward-demo-${owner}` } },
      ),
      [awsPolicy('SecurityAudit')],
    ),
    // Cross-account trust to a vendor account, without an external ID.
    role('partner-audit', trustPolicy({ AWS: 'arn:aws:iam::444455556666:root' }), [
      awsPolicy('SecurityAudit'),
    ]),
    ...(staging
      ? [
          role('release-bot', trustPolicy({ Service: 'codebuild.amazonaws.com' }), [
            arn('policy', 'release-unblock'),
          ]),
        ]
      : [
          // The orders-api tasks (containers.ts) read customer uploads: the vulnerable image's attack path ends there.
          role(ORDERS_TASK_ROLE, trustPolicy({ Service: 'ecs-tasks.amazonaws.com' }), [], {
            inline: [
              {
                Effect: 'Allow',
                Action: 's3:GetObject',
                Resource: `arn:aws:s3:::${ctx.account.kind}-uploads-${owner}/*`,
              },
            ],
          }),
          role('break-glass', trustPolicy({ AWS: `arn:aws:iam::${owner}:root` }), [
            arn('policy', 'legacy-ops-admin'),
          ]),
          role('support-access', trustPolicy({ AWS: `arn:aws:iam::${owner}:root` }), [
            awsPolicy('AWSSupportAccess'),
          ]),
          role(
            'ops-maintenance',
            trustPolicy({ Service: 'ec2.amazonaws.com' }),
            [awsPolicy('AdministratorAccess')],
            {
              profile: true,
            },
          ),
        ]),
  ];

  // Two pages (Marker / IsTruncated), as AWS splits a large account.
  const everything: { kind: keyof GetAccountAuthorizationDetailsResponse; item: unknown }[] = [
    ...userDetails.map((item) => ({ kind: 'UserDetailList' as const, item })),
    ...groups.map((item) => ({ kind: 'GroupDetailList' as const, item })),
    ...roles.map((item) => ({ kind: 'RoleDetailList' as const, item })),
    ...managed.map((item) => ({ kind: 'Policies' as const, item })),
  ];
  const pages = Math.ceil(everything.length / IAM_DETAILS_PER_PAGE);
  for (let page = 0; page < pages; page += 1) {
    const slice = everything.slice(page * IAM_DETAILS_PER_PAGE, (page + 1) * IAM_DETAILS_PER_PAGE);
    const output: Record<string, unknown> = {
      UserDetailList: [],
      GroupDetailList: [],
      RoleDetailList: [],
      Policies: [],
    };
    for (const { kind, item } of slice) (output[kind] as unknown[]).push(item);
    output.IsTruncated = page < pages - 1;
    if (page < pages - 1) output.Marker = `authorization-details-page-${page + 2}`;
    recording.output(
      'IAM',
      'GetAccountAuthorizationDetails',
      IAM_HOME,
      page === 0 ? {} : { Marker: `authorization-details-page-${page + 1}` },
      output,
    );
  }

  recordCredentialReport(recording, credentialReport(ctx, users, staging), ctx.now);

  recording.output(
    'IAM',
    'ListVirtualMFADevices',
    IAM_HOME,
    { AssignmentStatus: 'Assigned' },
    {
      IsTruncated: false,
      // Production's root user has a virtual (not hardware) MFA device; Staging's root has none.
      VirtualMFADevices: staging
        ? [
            {
              SerialNumber: `arn:aws:iam::${owner}:mfa/dev-tom`,
              EnableDate: created(100),
              User: {
                UserName: 'dev-tom',
                UserId: idOf('AIDA', 'dev-tom'),
                Arn: arn('user', 'dev-tom'),
                Path: '/',
                CreateDate: created(500),
              },
            },
          ]
        : [
            rootMfaDevice(owner, created(700), created(900)),
            {
              SerialNumber: `arn:aws:iam::${owner}:mfa/alice`,
              EnableDate: created(300),
              User: {
                UserName: 'alice',
                UserId: idOf('AIDA', 'alice'),
                Arn: arn('user', 'alice'),
                Path: '/',
                CreateDate: created(500),
              },
            },
          ],
    },
  );

  const weakPasswordPolicy: PasswordPolicy = {
    MinimumPasswordLength: 10,
    RequireSymbols: false,
    RequireNumbers: true,
    RequireUppercaseCharacters: true,
    RequireLowercaseCharacters: true,
    AllowUsersToChangePassword: true,
    ExpirePasswords: false,
  };
  // Staging has no password policy until a later round sets a weak one.
  const stagingPasswordPolicy = ctx.changes.stagingPasswordPolicy ? weakPasswordPolicy : undefined;
  recordPasswordPolicy(recording, owner, staging ? stagingPasswordPolicy : STRONG_PASSWORD_POLICY);

  recording.output(
    'IAM',
    'GetAccountSummary',
    IAM_HOME,
    {},
    {
      SummaryMap: {
        Users: users.length,
        Groups: groups.length,
        Roles: roles.length,
        Policies: managed.filter((policy) => !policy.Arn!.includes(':aws:policy/')).length,
        AccountMFAEnabled: staging ? 0 : 1,
        AccountAccessKeysPresent: staging ? 1 : 0,
        AccountSigningCertificatesPresent: 0,
        MFADevices: staging ? 1 : 2,
        MFADevicesInUse: staging ? 1 : 2,
      },
    },
  );

  const certificates: ServerCertificateMetadata[] = staging
    ? [
        {
          ServerCertificateName: 'legacy-staging-tls',
          ServerCertificateId: idOf('ASCA', 'legacy'),
          Arn: arn('server-certificate', 'legacy-staging-tls'),
          Path: '/',
          UploadDate: created(800),
          Expiration: created(35),
        },
      ]
    : [];
  recording.output(
    'IAM',
    'ListServerCertificates',
    IAM_HOME,
    {},
    { IsTruncated: false, ServerCertificateMetadataList: certificates },
  );
  // The collector reads each certificate for the expiry in its body; the demo has no real certificate to show,
  // so the answer carries the metadata only and the listed Expiration stands.
  for (const certificate of certificates) {
    recording.output(
      'IAM',
      'GetServerCertificate',
      IAM_HOME,
      { ServerCertificateName: certificate.ServerCertificateName },
      { ServerCertificate: { ServerCertificateMetadata: certificate } },
    );
  }
}

function credentialReport(ctx: EstateContext, users: UserPlan[], staging: boolean): CredentialReportRow[] {
  const owner = ctx.account.awsAccountId;
  const iso = (days: number) => reportDate(daysAgo(ctx.now, days));
  return [
    // Staging's root has an active access key and signed in three days ago; Production's root is locked away.
    rootReportRow(owner, {
      created: iso(900),
      passwordLastUsed: iso(staging ? 3 : 200),
      mfa: !staging,
      key: staging
        ? { rotated: iso(700), lastUsed: { date: iso(30), region: 'us-east-1', service: 's3' } }
        : undefined,
    }),
    ...users.map((user): CredentialReportRow => {
      const used = user.lastUsedDays !== undefined;
      return {
        user: user.name,
        arn: `arn:aws:iam::${owner}:user/${user.name}`,
        created: iso(500),
        password: user.console,
        passwordLastUsed: user.console ? (used ? iso(user.lastUsedDays!) : 'no_information') : 'N/A',
        passwordLastChanged: user.console ? iso(100) : 'N/A',
        passwordNextRotation: 'N/A',
        mfa: user.mfa,
        key:
          user.keyAgeDays === undefined
            ? undefined
            : {
                rotated: iso(user.keyAgeDays),
                lastUsed: used
                  ? { date: iso(user.lastUsedDays!), region: 'eu-west-1', service: 's3' }
                  : undefined,
              },
      };
    }),
  ];
}
