import {
  GenerateCredentialReportCommand,
  GetAccountAuthorizationDetailsCommand,
  GetAccountPasswordPolicyCommand,
  GetAccountSummaryCommand,
  GetCredentialReportCommand,
  GetServerCertificateCommand,
  IAMClient,
  ListServerCertificatesCommand,
  ListVirtualMFADevicesCommand,
  NoSuchEntityException,
} from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { createIamCollector, iamCollector } from '../../../../collector/services/iam';
import { testContext } from '../../harness';
import { awsError } from './aws-error';
import {
  accountSummary,
  authorizationPage1,
  authorizationPage2,
  credentialReport,
  encoded,
  passwordPolicy,
  serverCertificatesPage1,
  serverCertificatesPage2,
  virtualMfaDevices,
} from './fixtures';

const iam = mockClient(IAMClient);
const collector = createIamCollector({ reportPollDelayMs: 1, reportMaxPolls: 3 });
const meta = { $metadata: { httpStatusCode: 200 } };

function mockHealthyAccount(): void {
  iam.on(GenerateCredentialReportCommand).resolves({ ...meta, State: 'COMPLETE' });
  iam.on(GetCredentialReportCommand).resolves(credentialReport);
  iam
    .on(GetAccountAuthorizationDetailsCommand)
    .resolves(authorizationPage1)
    .on(GetAccountAuthorizationDetailsCommand, { Marker: 'marker-page-2' })
    .resolves(authorizationPage2);
  iam.on(ListVirtualMFADevicesCommand).resolves(virtualMfaDevices);
  iam.on(GetAccountPasswordPolicyCommand).resolves(passwordPolicy);
  iam.on(GetAccountSummaryCommand).resolves(accountSummary);
  iam
    .on(ListServerCertificatesCommand)
    .resolves(serverCertificatesPage1)
    .on(ListServerCertificatesCommand, { Marker: 'cert-page-2' })
    .resolves(serverCertificatesPage2);
}

beforeEach(() => iam.reset());

describe('iamCollector', () => {
  it('declares a global module whose every operation is an IAM action', () => {
    expect(iamCollector).toMatchObject({ service: 'iam', scope: 'global' });
    for (const operation of iamCollector.operations) expect(operation.actions[0]).toMatch(/^iam:/);
  });

  it('reads every page of authorization details and server certificates, with ids and region per CATALOG.md', async () => {
    mockHealthyAccount();
    const run = testContext(collector);
    await collector.collect(run.ctx);

    expect(run.failures).toEqual([]);
    expect(iam.commandCalls(GetAccountAuthorizationDetailsCommand)).toHaveLength(2);
    expect(iam.commandCalls(ListServerCertificatesCommand)).toHaveLength(2);
    expect(run.assets.every((asset) => asset.region === 'global' && asset.service === 'iam')).toBe(true);
    expect(run.assets.map((asset) => [asset.type, asset.id]).sort()).toEqual(
      [
        ['aws_iam_user', 'arn:aws:iam::123456789012:user/alice'],
        ['aws_iam_user', 'arn:aws:iam::123456789012:user/newcomer'],
        ['aws_iam_user_policy', 'arn:aws:iam::123456789012:user/alice/inline-policy/inline-admin'],
        ['aws_iam_role', 'arn:aws:iam::123456789012:role/web'],
        ['aws_iam_instance_profile', 'arn:aws:iam::123456789012:instance-profile/web-profile'],
        ['aws_iam_policy', 'arn:aws:iam::aws:policy/AdministratorAccess'],
        ['aws_iam_group', 'arn:aws:iam::123456789012:group/teams/admins'],
        ['aws_iam_group_policy', 'arn:aws:iam::123456789012:group/teams/admins/inline-policy/deny-billing'],
        ['aws_iam_role', 'arn:aws:iam::123456789012:role/auditor'],
        ['aws_iam_role_policy', 'arn:aws:iam::123456789012:role/auditor/inline-policy/extra'],
        ['aws_iam_policy', 'arn:aws:iam::123456789012:policy/app-read'],
        ['aws_iam_root_user', 'arn:aws:iam::123456789012:root-user'],
        ['aws_iam_password_policy', 'arn:aws:iam::123456789012:account-password-policy'],
        ['aws_iam_account_summary', 'arn:aws:iam::123456789012:account-summary'],
        ['aws_iam_server_certificate', 'arn:aws:iam::123456789012:server-certificate/old-site'],
      ].sort(),
    );
    expect(run.relationships).toContainEqual(
      expect.objectContaining({
        fromId: 'arn:aws:iam::123456789012:user/alice',
        verb: 'MEMBER_OF',
        toId: 'arn:aws:iam::123456789012:group/teams/admins',
      }),
    );
  });

  it('adds identity-policy CAN_ASSUME edges across pages, reading only default managed policy versions', async () => {
    mockHealthyAccount();
    // The fixture's auditor trust policy also denies everyone; here it simply trusts the account.
    const auditor = authorizationPage2.RoleDetailList?.[0];
    const accountTrust = {
      Statement: [{ Effect: 'Allow', Principal: { AWS: '123456789012' }, Action: 'sts:AssumeRole' }],
    };
    iam.on(GetAccountAuthorizationDetailsCommand, { Marker: 'marker-page-2' }).resolves({
      ...authorizationPage2,
      RoleDetailList: [{ ...auditor!, AssumeRolePolicyDocument: encoded(accountTrust) }],
    });
    const run = testContext(collector);
    await collector.collect(run.ctx);
    const identityEdges = run.relationships.filter(
      (relationship) =>
        relationship.verb === 'CAN_ASSUME' && relationship.properties?.via === 'identity-policy',
    );
    // alice (page 1, AdministratorAccess) -> auditor (page 2, trusts the account); web's app-read default
    // version (v2) does not allow sts:AssumeRole although its older v1 would.
    expect(identityEdges).toEqual([
      {
        accountId: '123456789012',
        fromId: 'arn:aws:iam::123456789012:user/alice',
        verb: 'CAN_ASSUME',
        toId: 'arn:aws:iam::123456789012:role/auditor',
        service: 'iam',
        region: 'global',
        properties: { via: 'identity-policy', policy: 'arn:aws:iam::aws:policy/AdministratorAccess' },
      },
    ]);
  });

  it('adds no identity-policy edge to a role whose trust policy denies everyone', async () => {
    mockHealthyAccount();
    const run = testContext(collector);
    await collector.collect(run.ctx);
    expect(
      run.relationships.filter((relationship) => relationship.properties?.via === 'identity-policy'),
    ).toEqual([]);
  });

  it('gives the root user its credential-report row and only its own virtual MFA device, without seeds', async () => {
    mockHealthyAccount();
    const run = testContext(collector);
    await collector.collect(run.ctx);
    const root = run.assets.find((asset) => asset.type === 'aws_iam_root_user');
    expect(root).toMatchObject({ class: 'User', name: 'root' });
    expect(root?.config).toEqual({
      // The summary's two root facts, which the root MFA and access-key controls read.
      AccountSummary: { AccountMFAEnabled: 1, AccountAccessKeysPresent: 0 },
      CredentialReport: expect.objectContaining({ user: '<root_account>', mfa_active: 'true' }),
      VirtualMFADevices: [
        {
          SerialNumber: 'arn:aws:iam::123456789012:mfa/root-account-mfa-device',
          User: expect.objectContaining({ Arn: 'arn:aws:iam::123456789012:root' }),
          EnableDate: '2020-01-02T00:00:00.000Z',
        },
      ],
    });
    expect(iam.commandCalls(ListVirtualMFADevicesCommand)[0].args[0].input).toEqual({
      AssignmentStatus: 'Assigned',
    });
  });

  it('stores the password policy and the account summary maps', async () => {
    mockHealthyAccount();
    const run = testContext(collector);
    await collector.collect(run.ctx);
    const policy = run.assets.find((asset) => asset.type === 'aws_iam_password_policy');
    expect(policy?.config).toEqual({ PasswordPolicy: passwordPolicy.PasswordPolicy });
    const summary = run.assets.find((asset) => asset.type === 'aws_iam_account_summary');
    expect(summary?.config).toEqual({ SummaryMap: accountSummary.SummaryMap });
  });

  it("dates a server certificate by its body's notAfter, keeping a different listed Expiration aside", async () => {
    mockHealthyAccount();
    // Self-signed, valid 2025-01-01 .. 2035-01-01; the listing below says 2020 (as some emulators answer).
    const body = [
      '-----BEGIN CERTIFICATE-----',
      'MIIBIjCByaADAgECAgEBMAoGCCqGSM49BAMCMBsxGTAXBgNVBAMMEHNob3AuZXhh',
      'bXBsZS5jb20wHhcNMjUwMTAxMDAwMDAwWhcNMzUwMTAxMDAwMDAwWjAbMRkwFwYD',
      'VQQDDBBzaG9wLmV4YW1wbGUuY29tMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE',
      '6DaabXnLTpE8CJxsyKU1zfH+WhI6n9/vVQ4966IsVywp824Ln1pjudUVyGL3+WWz',
      'hvNIzUPcwbku71xrdAOTRjAKBggqhkjOPQQDAgNIADBFAiBkvd+cH9KgvqznG/G2',
      '3D+KlNbdBDewOCj74B7BoVlesAIhAPFgBy5an8//rVyZvIfT+JBmhHBqF3G8gvLC',
      'N8GI9Xby',
      '-----END CERTIFICATE-----',
    ].join('\n');
    const [metadata] = serverCertificatesPage1.ServerCertificateMetadataList ?? [];
    iam.on(GetServerCertificateCommand, { ServerCertificateName: 'old-site' }).resolves({
      ...meta,
      ServerCertificate: { ServerCertificateMetadata: metadata, CertificateBody: body },
    });
    const run = testContext(collector);
    await collector.collect(run.ctx);
    const certificate = run.assets.find((asset) => asset.type === 'aws_iam_server_certificate');
    expect(certificate?.config).toMatchObject({
      ServerCertificateName: 'old-site',
      Expiration: '2035-01-01T00:00:00.000Z',
      ListedExpiration: '2020-01-01T00:00:00.000Z',
    });
    expect(run.failures).toEqual([]);
  });

  it('keeps the listed Expiration when the body cannot be read or parsed', async () => {
    mockHealthyAccount();
    iam.on(GetServerCertificateCommand).rejects(awsError('AccessDenied', 403));
    let run = testContext(collector);
    await collector.collect(run.ctx);
    const listed = (r: typeof run) =>
      r.assets.find((asset) => asset.type === 'aws_iam_server_certificate')?.config;
    expect(listed(run)).toMatchObject({ Expiration: '2020-01-01T00:00:00.000Z' });
    expect(listed(run)).not.toHaveProperty('ListedExpiration');
    expect(run.failures).toEqual([]);

    iam.reset();
    mockHealthyAccount();
    iam.on(GetServerCertificateCommand).resolves({
      ...meta,
      ServerCertificate: {
        ServerCertificateMetadata: serverCertificatesPage1.ServerCertificateMetadataList?.[0],
        CertificateBody: 'not a certificate',
      },
    });
    run = testContext(collector);
    await collector.collect(run.ctx);
    expect(listed(run)).toMatchObject({ Expiration: '2020-01-01T00:00:00.000Z' });
  });

  it('records a missing password policy (NoSuchEntity) as null, not an error', async () => {
    mockHealthyAccount();
    // The query protocol keeps the wire code in `Code` beside the SDK class name.
    const noPolicy = new NoSuchEntityException({
      message: 'The Password Policy with domain name 123456789012 cannot be found.',
      $metadata: { httpStatusCode: 404 },
    });
    iam
      .on(GetAccountPasswordPolicyCommand)
      .rejects(Object.assign(noPolicy, { Code: 'NoSuchEntity', Type: 'Sender' }));
    const run = testContext(collector);
    await collector.collect(run.ctx);
    const policy = run.assets.find((asset) => asset.type === 'aws_iam_password_policy');
    expect(policy?.config).toEqual({ PasswordPolicy: null });
    expect(policy?.readErrors).toBeUndefined();
    expect(run.failures).toEqual([]);
  });

  it('polls the credential report until COMPLETE, treating throttling as one more poll', async () => {
    mockHealthyAccount();
    iam
      .on(GenerateCredentialReportCommand)
      .rejectsOnce(awsError('Throttling', 400, 'Rate exceeded'))
      .resolvesOnce({
        ...meta,
        State: 'STARTED',
        Description: 'No report exists. Starting a new report generation task',
      })
      .resolves({ ...meta, State: 'COMPLETE' });
    const run = testContext(collector);
    await collector.collect(run.ctx);
    expect(iam.commandCalls(GenerateCredentialReportCommand)).toHaveLength(3);
    const alice = run.assets.find((asset) => asset.id === 'arn:aws:iam::123456789012:user/alice');
    expect(alice?.config.CredentialReport).toMatchObject({ user: 'alice' });
  });

  it('gives up after the bounded number of polls and marks the report as a read error', async () => {
    mockHealthyAccount();
    iam.on(GenerateCredentialReportCommand).resolves({ ...meta, State: 'INPROGRESS' });
    const run = testContext(collector);
    await collector.collect(run.ctx);
    expect(iam.commandCalls(GenerateCredentialReportCommand)).toHaveLength(3);
    expect(iam.commandCalls(GetCredentialReportCommand)).toHaveLength(0);
    const root = run.assets.find((asset) => asset.type === 'aws_iam_root_user');
    expect(root?.readErrors).toEqual({ CredentialReport: 'ReportInProgress' });
    expect(root?.config).toHaveProperty('VirtualMFADevices');
    expect(run.failures.map((failure) => failure.type)).toEqual(['aws_iam_root_user']);
  });

  it('fails the authorization types on AccessDenied and still reads the rest', async () => {
    mockHealthyAccount();
    const denied = awsError(
      'AccessDenied',
      403,
      'not authorized to perform: iam:GetAccountAuthorizationDetails',
    );
    iam.on(GetAccountAuthorizationDetailsCommand).rejects(denied);
    const run = testContext(collector);
    await collector.collect(run.ctx);
    expect(run.failures.map((failure) => failure.type)).toEqual([
      'aws_iam_user',
      'aws_iam_group',
      'aws_iam_role',
      'aws_iam_policy',
      'aws_iam_user_policy',
      'aws_iam_group_policy',
      'aws_iam_role_policy',
      'aws_iam_instance_profile',
    ]);
    expect(run.failures[0].error).toBe(denied);
    expect(run.assets.map((asset) => asset.type).sort()).toEqual([
      'aws_iam_account_summary',
      'aws_iam_password_policy',
      'aws_iam_root_user',
      'aws_iam_server_certificate',
    ]);
  });

  it('keeps a denied singleton as an asset with readErrors and fails its type', async () => {
    mockHealthyAccount();
    iam.on(GetAccountSummaryCommand).rejects(awsError('AccessDenied', 403));
    const run = testContext(collector);
    await collector.collect(run.ctx);
    const summary = run.assets.find((asset) => asset.type === 'aws_iam_account_summary');
    expect(summary?.config).toEqual({});
    expect(summary?.readErrors).toEqual({ SummaryMap: 'AccessDenied' });
    expect(run.failures.map((failure) => failure.type)).toEqual(['aws_iam_account_summary']);
  });

  it('throws when nothing at all could be read', async () => {
    const denied = awsError('AccessDenied', 403);
    iam.onAnyCommand().rejects(denied);
    const run = testContext(collector);
    await expect(collector.collect(run.ctx)).rejects.toBe(denied);
  });

  it('handles an empty account', async () => {
    iam.on(GenerateCredentialReportCommand).resolves({ ...meta, State: 'COMPLETE' });
    iam.on(GetCredentialReportCommand).resolves({ ...meta, Content: new TextEncoder().encode('user,arn\n') });
    iam.on(GetAccountAuthorizationDetailsCommand).resolves({
      ...meta,
      IsTruncated: false,
      UserDetailList: [],
      GroupDetailList: [],
      RoleDetailList: [],
      Policies: [],
    });
    iam.on(ListVirtualMFADevicesCommand).resolves({ ...meta, IsTruncated: false, VirtualMFADevices: [] });
    iam.on(GetAccountPasswordPolicyCommand).resolves(passwordPolicy);
    iam.on(GetAccountSummaryCommand).resolves(accountSummary);
    iam
      .on(ListServerCertificatesCommand)
      .resolves({ ...meta, IsTruncated: false, ServerCertificateMetadataList: [] });
    const run = testContext(collector);
    await collector.collect(run.ctx);
    expect(run.failures).toEqual([]);
    expect(run.relationships).toEqual([]);
    const root = run.assets.find((asset) => asset.type === 'aws_iam_root_user');
    expect(root?.readErrors).toEqual({ CredentialReport: 'RootNotInCredentialReport' });
    expect(root?.config).toEqual({
      AccountSummary: { AccountMFAEnabled: 1, AccountAccessKeysPresent: 0 },
      VirtualMFADevices: [],
    });
  });
});
