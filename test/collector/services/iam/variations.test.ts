// Responses AWS's documentation allows but our first fixtures did not exercise: optional members left out,
// credential-report shapes and timing, policy documents URL-encoded or not, operations an endpoint (an emulator
// such as moto or LocalStack) does not implement.
import {
  CredentialReportExpiredException,
  CredentialReportNotPresentException,
  CredentialReportNotReadyException,
  GenerateCredentialReportCommand,
  GetAccountAuthorizationDetailsCommand,
  type GetAccountAuthorizationDetailsCommandOutput,
  GetAccountPasswordPolicyCommand,
  GetAccountSummaryCommand,
  GetCredentialReportCommand,
  IAMClient,
  ListServerCertificatesCommand,
  ListVirtualMFADevicesCommand,
} from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { createIamCollector } from '../../../../collector/services/iam';
import {
  indexByArn,
  parseCredentialReport,
  rootRow,
} from '../../../../collector/services/iam/credential-report';
import { testContext } from '../../harness';
import { awsError } from './aws-error';
import {
  accountSummary,
  adminDocument,
  credentialReport,
  ec2TrustDocument,
  encoded,
  passwordPolicy,
  virtualMfaDevices,
} from './fixtures';

const iam = mockClient(IAMClient);
const collector = createIamCollector({ reportPollDelayMs: 1, reportMaxPolls: 3 });
const meta = { $metadata: { httpStatusCode: 200 } };
const ACCOUNT = '123456789012';
const arn = (resource: string) => `arn:aws:iam::${ACCOUNT}:${resource}`;
const bytes = (text: string) => new TextEncoder().encode(text);

/** A minimal one-page account: one user, one role, one customer-managed policy; members as the test sets them. */
function page(
  overrides: Partial<GetAccountAuthorizationDetailsCommandOutput> = {},
): GetAccountAuthorizationDetailsCommandOutput {
  return {
    ...meta,
    IsTruncated: false,
    UserDetailList: [
      {
        Path: '/',
        UserName: 'alice',
        UserId: 'AIDAEXAMPLEALICE0001',
        Arn: arn('user/alice'),
        CreateDate: new Date('2023-01-02T03:04:05Z'),
      },
    ],
    GroupDetailList: [],
    RoleDetailList: [],
    Policies: [],
    ...overrides,
  };
}

function mockAccount(authorization = page()): void {
  iam.on(GenerateCredentialReportCommand).resolves({ ...meta, State: 'COMPLETE' });
  iam.on(GetCredentialReportCommand).resolves(credentialReport);
  iam.on(GetAccountAuthorizationDetailsCommand).resolves(authorization);
  iam.on(ListVirtualMFADevicesCommand).resolves(virtualMfaDevices);
  iam.on(GetAccountPasswordPolicyCommand).resolves(passwordPolicy);
  iam.on(GetAccountSummaryCommand).resolves(accountSummary);
  iam
    .on(ListServerCertificatesCommand)
    .resolves({ ...meta, IsTruncated: false, ServerCertificateMetadataList: [] });
}

/** IAM's query protocol: the SDK class as `name`, the wire code in `Code`. */
function reportError(
  ErrorClass:
    | typeof CredentialReportNotPresentException
    | typeof CredentialReportExpiredException
    | typeof CredentialReportNotReadyException,
  code: string,
  httpStatusCode: number,
): Error {
  return Object.assign(new ErrorClass({ message: code, $metadata: { httpStatusCode } }), { Code: code });
}

async function collect() {
  const run = testContext(collector);
  const logs: string[] = [];
  run.ctx.log = (message) => logs.push(message);
  await collector.collect(run.ctx);
  const byId = (id: string) => run.assets.find((asset) => asset.id === id);
  return { ...run, logs, byId };
}

beforeEach(() => iam.reset());

describe('credential report shapes', () => {
  const HEADER = 'user,arn,user_creation_time,password_enabled,password_last_used,mfa_active';

  it('reads columns by name whatever their order, keeping N/A, not_supported and no_information as printed', () => {
    const csv = [
      'mfa_active,arn,user,password_last_used,password_enabled',
      'false,arn:aws:iam::123456789012:user/alice,alice,no_information,true',
      'false,arn:aws:iam::123456789012:user/bob,bob,N/A,false',
      'true,arn:aws:iam::123456789012:root,<root_account>,2026-10-01T10:00:00+00:00,not_supported',
    ].join('\n');
    const rows = indexByArn(parseCredentialReport(bytes(csv)));
    expect(rows.get(arn('user/alice'))).toEqual({
      user: 'alice',
      arn: arn('user/alice'),
      mfa_active: 'false',
      password_last_used: 'no_information',
      password_enabled: 'true',
    });
    expect(rows.get(arn('user/bob'))?.password_last_used).toBe('N/A');
    expect(rootRow(rows)).toMatchObject({ mfa_active: 'true', password_enabled: 'not_supported' });
  });

  it('leaves out the columns a short row does not have instead of inventing empty values', () => {
    const csv = `${HEADER}\n<root_account>,arn:aws:iam::123456789012:root,2020-01-01T00:00:00+00:00,not_supported\n`;
    const root = rootRow(indexByArn(parseCredentialReport(bytes(csv))));
    expect(root).toEqual({
      user: '<root_account>',
      arn: arn('root'),
      user_creation_time: '2020-01-01T00:00:00+00:00',
      password_enabled: 'not_supported',
    });
    expect(root).not.toHaveProperty('mfa_active');
  });

  it('tolerates a byte-order mark, CRLF line ends, a trailing line break and padded header names', () => {
    const csv = `\uFEFFuser, arn ,mfa_active\r\nalice,${arn('user/alice')},true\r\n\r\n`;
    expect(parseCredentialReport(bytes(csv))).toEqual([
      { user: 'alice', arn: arn('user/alice'), mfa_active: 'true' },
    ]);
  });

  it('finds a root row whose arn value is empty, and drops user rows it cannot match to a user', () => {
    const csv = `${HEADER}\n<root_account>,,2020-01-01T00:00:00+00:00,not_supported,N/A,true\nghost,,2024-01-01T00:00:00+00:00,false,N/A,false\n`;
    const rows = indexByArn(parseCredentialReport(bytes(csv)));
    expect(rows.size).toBe(1);
    expect(rootRow(rows)?.mfa_active).toBe('true');
  });

  it('gives the root user a read error when the report has no root row at all', async () => {
    mockAccount();
    const header =
      'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active';
    iam.on(GetCredentialReportCommand).resolves({
      ...meta,
      Content: bytes(
        `${header}\nalice,${arn('user/alice')},2023-01-02T03:04:05+00:00,false,not_supported,2023-01-02T03:04:05+00:00,not_supported,false\n`,
      ),
    });
    const run = await collect();
    expect(run.byId(arn('root-user'))?.readErrors).toEqual({ CredentialReport: 'RootNotInCredentialReport' });
    expect(run.byId(arn('user/alice'))?.config.CredentialReport).toMatchObject({
      password_last_used: 'not_supported',
      mfa_active: 'false',
    });
  });

  it('makes no asset for a user in the report but not in the authorization details, and says so in the log', async () => {
    mockAccount(page({ UserDetailList: [] }));
    const run = await collect();
    expect(run.assets.filter((asset) => asset.type === 'aws_iam_user')).toEqual([]);
    expect(run.logs).toContain('iam: 1 credential-report user(s) not in the authorization details, ignored');
    // The root row is not a user of the authorization details and is never counted as missing.
    expect(run.byId(arn('root-user'))?.config.CredentialReport).toMatchObject({ user: '<root_account>' });
  });
});

describe('credential report not ready on the first GetCredentialReport', () => {
  it.each([
    ['ReportNotPresent', reportError(CredentialReportNotPresentException, 'ReportNotPresent', 410)],
    ['ReportExpired', reportError(CredentialReportExpiredException, 'ReportExpired', 410)],
    ['ReportInProgress', reportError(CredentialReportNotReadyException, 'ReportInProgress', 404)],
  ])('generates again after %s and reads the report', async (_code, error) => {
    mockAccount();
    iam.on(GetCredentialReportCommand).rejectsOnce(error).resolves(credentialReport);
    const run = await collect();
    expect(iam.commandCalls(GenerateCredentialReportCommand)).toHaveLength(2);
    expect(iam.commandCalls(GetCredentialReportCommand)).toHaveLength(2);
    expect(run.failures).toEqual([]);
    expect(run.byId(arn('user/alice'))?.config.CredentialReport).toMatchObject({ user: 'alice' });
  });

  it('records the last "not ready" code when the report never becomes readable', async () => {
    mockAccount();
    iam
      .on(GetCredentialReportCommand)
      .rejects(reportError(CredentialReportNotPresentException, 'ReportNotPresent', 410));
    const run = await collect();
    expect(iam.commandCalls(GetCredentialReportCommand)).toHaveLength(3);
    expect(run.byId(arn('root-user'))?.readErrors).toEqual({ CredentialReport: 'ReportNotPresent' });
    expect(run.byId(arn('user/alice'))?.readErrors).toEqual({ CredentialReport: 'ReportNotPresent' });
    expect(run.failures.map((failure) => failure.type)).toEqual(['aws_iam_root_user']);
  });

  it('does not retry an error that is not about readiness', async () => {
    mockAccount();
    iam.on(GetCredentialReportCommand).rejects(awsError('AccessDenied', 403));
    const run = await collect();
    expect(iam.commandCalls(GetCredentialReportCommand)).toHaveLength(1);
    expect(run.byId(arn('root-user'))?.readErrors).toEqual({ CredentialReport: 'AccessDenied' });
  });

  it('tries to read the report when GenerateCredentialReport answers without a State', async () => {
    mockAccount();
    iam.on(GenerateCredentialReportCommand).resolves({ ...meta });
    const run = await collect();
    expect(iam.commandCalls(GenerateCredentialReportCommand)).toHaveLength(1);
    expect(run.byId(arn('root-user'))?.config.CredentialReport).toMatchObject({ mfa_active: 'true' });
  });
});

describe('authorization details with optional members left out', () => {
  it('stores users and roles without Tags, PermissionsBoundary, RoleLastUsed, GroupList or inline policy lists', async () => {
    mockAccount(
      page({
        RoleDetailList: [
          {
            Path: '/',
            RoleName: 'web',
            RoleId: 'AROAEXAMPLEWEB000001',
            Arn: arn('role/web'),
            CreateDate: new Date('2023-02-01T00:00:00Z'),
            AssumeRolePolicyDocument: encoded(ec2TrustDocument),
          },
        ],
      }),
    );
    const run = await collect();
    const alice = run.byId(arn('user/alice'));
    expect(alice).toMatchObject({ tags: {}, name: 'alice' });
    expect(alice?.config).not.toHaveProperty('PermissionsBoundary');
    expect(alice?.config).not.toHaveProperty('Tags');
    const role = run.byId(arn('role/web'));
    expect(role).toMatchObject({ tags: {}, type: 'aws_iam_role' });
    expect(role?.config).not.toHaveProperty('RoleLastUsed');
    expect(role?.config.AssumeRolePolicyDocument).toEqual(ec2TrustDocument);
    expect(
      run.relationships.filter((edge) => edge.verb === 'MEMBER_OF' || edge.verb === 'ATTACHED_TO'),
    ).toEqual([]);
    expect(run.failures).toEqual([]);
  });

  it('parses policy documents the same whether URL-encoded (AWS) or already decoded', async () => {
    const withPercent = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: 's3:ListBucket',
          Resource: 'arn:aws:s3:::reports',
          Condition: { StringLike: { 's3:prefix': ['100%/*'] } },
        },
      ],
    };
    const role = (name: string, document: string) => ({
      Path: '/',
      RoleName: name,
      RoleId: `AROA${name.toUpperCase()}`,
      Arn: arn(`role/${name}`),
      CreateDate: new Date('2024-01-01T00:00:00Z'),
      AssumeRolePolicyDocument: document,
      RolePolicyList: [{ PolicyName: 'reports', PolicyDocument: JSON.stringify(withPercent) }],
    });
    mockAccount(
      page({
        RoleDetailList: [
          role('encoded', encoded(ec2TrustDocument)),
          role('plain', JSON.stringify(ec2TrustDocument)),
        ],
      }),
    );
    const run = await collect();
    for (const name of ['encoded', 'plain']) {
      expect(run.byId(arn(`role/${name}`))?.config.AssumeRolePolicyDocument).toEqual(ec2TrustDocument);
      expect(run.byId(arn(`role/${name}/inline-policy/reports`))?.config.PolicyDocument).toEqual(withPercent);
      expect(run.relationships).toContainEqual(
        expect.objectContaining({
          fromId: 'ec2.amazonaws.com',
          verb: 'CAN_ASSUME',
          toId: arn(`role/${name}`),
        }),
      );
    }
  });

  it('finds the default policy version by DefaultVersionId when no version carries IsDefaultVersion', async () => {
    const assumeAll = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }],
    };
    mockAccount(
      page({
        UserDetailList: [
          {
            UserName: 'alice',
            Arn: arn('user/alice'),
            AttachedManagedPolicies: [{ PolicyName: 'assume', PolicyArn: arn('policy/assume') }],
          },
        ],
        RoleDetailList: [
          {
            RoleName: 'ops',
            Arn: arn('role/ops'),
            AssumeRolePolicyDocument: encoded({
              Statement: [{ Effect: 'Allow', Principal: { AWS: ACCOUNT }, Action: 'sts:AssumeRole' }],
            }),
          },
        ],
        Policies: [
          {
            PolicyName: 'assume',
            Arn: arn('policy/assume'),
            DefaultVersionId: 'v2',
            AttachmentCount: 1,
            PolicyVersionList: [
              { VersionId: 'v1', Document: encoded(adminDocument) },
              { VersionId: 'v2', Document: encoded(assumeAll) },
            ],
          },
        ],
      }),
    );
    const run = await collect();
    expect(run.byId(arn('policy/assume'))?.config.Document).toEqual(assumeAll);
    expect(run.relationships).toContainEqual(
      expect.objectContaining({
        fromId: arn('user/alice'),
        verb: 'CAN_ASSUME',
        toId: arn('role/ops'),
        properties: { via: 'identity-policy', policy: arn('policy/assume') },
      }),
    );
  });

  it('keeps an AWS-managed policy whose AttachmentCount is missing (unknown is not "unattached")', async () => {
    const admin = 'arn:aws:iam::aws:policy/AdministratorAccess';
    mockAccount(
      page({
        UserDetailList: [
          {
            UserName: 'alice',
            Arn: arn('user/alice'),
            AttachedManagedPolicies: [{ PolicyName: 'AdministratorAccess', PolicyArn: admin }],
          },
        ],
        RoleDetailList: [
          {
            RoleName: 'ops',
            Arn: arn('role/ops'),
            AssumeRolePolicyDocument: encoded({
              Statement: [{ Effect: 'Allow', Principal: { AWS: arn('root') }, Action: 'sts:AssumeRole' }],
            }),
          },
        ],
        Policies: [
          {
            PolicyName: 'AdministratorAccess',
            Arn: admin,
            DefaultVersionId: 'v1',
            PolicyVersionList: [
              { VersionId: 'v1', IsDefaultVersion: true, Document: encoded(adminDocument) },
            ],
          },
          {
            PolicyName: 'ReadOnlyAccess',
            Arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
            AttachmentCount: 0,
            PolicyVersionList: [],
          },
        ],
      }),
    );
    const run = await collect();
    expect(run.byId(admin)?.config.Document).toEqual(adminDocument);
    expect(run.byId('arn:aws:iam::aws:policy/ReadOnlyAccess')).toBeUndefined();
    expect(run.relationships).toContainEqual(
      expect.objectContaining({
        fromId: arn('user/alice'),
        toId: arn('role/ops'),
        properties: { via: 'identity-policy', policy: admin },
      }),
    );
  });

  it('links an instance profile only to the roles its own Roles list names', async () => {
    const profile = (name: string, roleName: string) => ({
      InstanceProfileName: name,
      InstanceProfileId: `AIPA${name.toUpperCase()}`,
      Arn: arn(`instance-profile/${name}`),
      Path: '/',
      CreateDate: new Date('2024-01-01T00:00:00Z'),
      Roles: [
        { RoleName: roleName, Arn: arn(`role/${roleName}`), Path: '/', RoleId: 'x', CreateDate: new Date(0) },
      ],
    });
    const both = [profile('web-profile', 'web'), profile('batch-profile', 'batch')];
    const role = (name: string) => ({
      RoleName: name,
      Arn: arn(`role/${name}`),
      AssumeRolePolicyDocument: encoded(ec2TrustDocument),
      InstanceProfileList: both,
    });
    mockAccount(page({ RoleDetailList: [role('web'), role('batch')] }));
    const run = await collect();
    expect(
      run.relationships.filter((edge) => edge.verb === 'USES').map((edge) => [edge.fromId, edge.toId]),
    ).toEqual([
      [arn('instance-profile/web-profile'), arn('role/web')],
      [arn('instance-profile/batch-profile'), arn('role/batch')],
    ]);
    expect(run.byId(arn('instance-profile/batch-profile'))?.type).toBe('aws_iam_instance_profile');
  });
});

describe('operations the endpoint does not implement', () => {
  it('keeps everything else when the account-level calls answer NotImplemented or InternalFailure', async () => {
    mockAccount();
    const notImplemented = awsError('NotImplemented', 501, 'The action is not implemented');
    iam.on(GenerateCredentialReportCommand).rejects(notImplemented);
    iam.on(ListVirtualMFADevicesCommand).rejects(notImplemented);
    iam.on(GetAccountPasswordPolicyCommand).rejects(notImplemented);
    iam.on(GetAccountSummaryCommand).rejects(awsError('InternalFailure', 500));
    iam.on(ListServerCertificatesCommand).rejects(notImplemented);
    const run = await collect();
    expect(run.byId(arn('user/alice'))?.readErrors).toEqual({ CredentialReport: 'NotImplemented' });
    expect(run.byId(arn('root-user'))?.readErrors).toEqual({
      AccountSummary: 'InternalFailure',
      CredentialReport: 'NotImplemented',
      VirtualMFADevices: 'NotImplemented',
    });
    expect(run.byId(arn('account-password-policy'))?.readErrors).toEqual({
      PasswordPolicy: 'NotImplemented',
    });
    expect(run.byId(arn('account-summary'))?.readErrors).toEqual({ SummaryMap: 'InternalFailure' });
    expect(run.failures.map((failure) => failure.type).sort()).toEqual([
      'aws_iam_account_summary',
      'aws_iam_password_policy',
      'aws_iam_root_user',
      'aws_iam_server_certificate',
    ]);
  });

  it('stops paging on IsTruncated false even when a marker comes along', async () => {
    mockAccount();
    iam
      .on(GetAccountAuthorizationDetailsCommand)
      .resolves({ ...page(), IsTruncated: false, Marker: 'stale-marker' })
      .on(GetAccountAuthorizationDetailsCommand, { Marker: 'stale-marker' })
      .rejects(new Error('asked for a page after IsTruncated false'));
    const run = await collect();
    expect(iam.commandCalls(GetAccountAuthorizationDetailsCommand)).toHaveLength(1);
    expect(iam.commandCalls(GetAccountAuthorizationDetailsCommand)[0].args[0].input).toMatchObject({
      MaxItems: 1000,
    });
    expect(run.failures).toEqual([]);
  });

  it('follows the marker when IsTruncated is left out', async () => {
    mockAccount();
    const { IsTruncated: _truncated, ...untruncated } = virtualMfaDevices;
    iam
      .on(ListVirtualMFADevicesCommand)
      .resolves({ ...meta, Marker: 'next', VirtualMFADevices: [] })
      .on(ListVirtualMFADevicesCommand, { Marker: 'next' })
      .resolves(untruncated);
    const run = await collect();
    expect(iam.commandCalls(ListVirtualMFADevicesCommand)).toHaveLength(2);
    expect(run.byId(arn('root-user'))?.config.VirtualMFADevices).toHaveLength(1);
  });

  it('stops paging when a list call hands back the marker it was given', async () => {
    mockAccount();
    const samePage = {
      ...meta,
      IsTruncated: true,
      Marker: 'same-marker',
      ServerCertificateMetadataList: [],
    };
    // A third call would mean the paginator followed the repeated marker (and would never stop).
    iam
      .on(ListServerCertificatesCommand)
      .resolvesOnce(samePage)
      .resolvesOnce(samePage)
      .rejects(new Error('paged past a repeated marker'));
    const run = await collect();
    expect(iam.commandCalls(ListServerCertificatesCommand)).toHaveLength(2);
    expect(run.failures).toEqual([]);
  });
});
