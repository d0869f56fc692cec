// End to end against moto: the IAM estate of identity_estate.py (users with and without MFA, access keys in use,
// unused, doubled and deactivated, policies attached directly, inline and through groups, admin, escalation,
// service-wide and KMS wildcards, roles trusted by a service, a partner, anyone, and AWS managed policies) is
// scanned with `cloudward scan`, and each identity finding is checked against what AWS would make of that estate.
import { MOTO_ACCOUNT as ACCOUNT, motoSuite, scanMoto, startMoto, statusesOf } from './moto-server';
import type { MotoServer, ScanReport } from './moto-server';

motoSuite('identity findings on moto')('identity findings on moto', () => {
  let moto: MotoServer;
  let report: ScanReport;
  let exitCode: number;
  let seeded: Record<string, string>;

  beforeAll(async () => {
    // moto creates AWS managed policies (AdministratorAccess, AWSSupportAccess, ...) only when asked to.
    moto = await startMoto({ MOTO_IAM_LOAD_MANAGED_POLICIES: 'true' });
    seeded = await moto.seed('identity_estate.py');
    ({ code: exitCode, report } = await scanMoto(moto, ['--regions', 'us-east-1']));
  }, 120_000);

  afterAll(async () => {
    await moto?.stop();
  });

  const status = (controlId: string, resource: string) => statusesOf(report, controlId, resource);
  const policy = (name: string) => `arn:aws:iam::${ACCOUNT}:policy/${name}`;
  const awsPolicy = (name: string) => `arn:aws:iam::aws:policy/${name}`;

  it('reads IAM without errors, AWS managed policies included', () => {
    expect(exitCode).toBe(0);
    expect(report.errors.filter((error) => error.service === 'iam')).toEqual([]);
    expect(seeded.managed).toBe('loaded');
  });

  it('judges the password policy', () => {
    expect(status('iam_password_policy_min_length_14', 'account-password-policy')).toEqual(['fail']);
    expect(status('iam_password_policy_reuse_prevention_24', 'account-password-policy')).toEqual(['fail']);
    expect(status('iam_password_policy_strong', 'account-password-policy')).toEqual(['fail']);
  });

  it('tells console users with MFA from those without', () => {
    expect(status('iam_user_console_mfa_enabled', 'alice')).toEqual(['pass']);
    expect(status('iam_user_console_mfa_enabled', 'carol')).toEqual(['pass']);
    expect(status('iam_user_console_mfa_enabled', 'bob')).toEqual(['fail']);
    expect(status('iam_user_console_mfa_enabled', 'ci-bot')).toEqual(['not_applicable']);
    expect(status('iam_user_mfa_enabled', 'alice')).toEqual(['pass']);
    expect(status('iam_user_mfa_enabled', 'ci-bot')).toEqual(['fail']);
  });

  it('judges access keys: doubled, never used, deactivated, fresh', () => {
    expect(status('iam_user_single_active_access_key', 'ci-bot')).toEqual(['fail']);
    expect(status('iam_user_single_active_access_key', 'deploy-bot')).toEqual(['pass']);
    expect(status('iam_user_no_unused_initial_access_keys', 'carol')).toEqual(['fail']);
    expect(status('iam_user_no_unused_initial_access_keys', 'alice')).toEqual(['pass']);
    expect(status('iam_user_no_unused_initial_access_keys', 'deploy-bot')).toEqual(['not_applicable']);
    // Every key and password here was set minutes ago: nothing is stale yet.
    for (const user of ['alice', 'bob', 'carol', 'ci-bot', 'deploy-bot']) {
      expect(status('iam_user_access_keys_rotated_90_days', user)).toEqual(['pass']);
      expect(status('iam_user_credentials_unused_45_days_disabled', user)).toEqual(['pass']);
      expect(status('iam_user_credentials_unused_90_days_disabled', user)).toEqual(['pass']);
    }
  });

  it('flags users with policies of their own, not users who get them from groups', () => {
    expect(status('iam_user_no_attached_policies', 'dave')).toEqual(['fail']);
    expect(status('iam_user_no_attached_policies', 'erin')).toEqual(['fail']);
    expect(status('iam_user_no_attached_policies', 'alice')).toEqual(['pass']);
    expect(status('iam_user_no_attached_policies', 'bob')).toEqual(['pass']);
  });

  it('flags attached administrator policies, ignores unattached ones', () => {
    expect(status('iam_policy_no_full_admin_statement', policy('full-admin'))).toEqual(['fail']);
    expect(status('iam_policy_no_full_admin_statement', awsPolicy('AdministratorAccess'))).toEqual(['fail']);
    expect(status('iam_policy_no_full_admin_statement', policy('s3-read-reports'))).toEqual(['pass']);
    expect(status('iam_policy_no_full_admin_statement', policy('unused-admin'))).toEqual(['not_applicable']);
    // Inline policies are outside the CIS audit; their own control checks them.
    expect(status('iam_inline_policy_no_full_admin_statement', 'everything')).toEqual(['fail']);
    // An inline iam:AttachUserPolicy on "*" is not "*:*" but lets erin make herself administrator.
    expect(status('iam_inline_policy_no_full_admin_statement', 'self-service')).toEqual(['pass']);
    expect(status('iam_policy_no_admin_access', 'self-service')).toEqual(['fail']);
    expect(status('iam_policy_no_admin_access', 'reset-keys')).toEqual(['fail']);
    expect(status('iam_policy_no_admin_access', policy('s3-everything'))).toEqual(['pass']);
    expect(status('iam_policy_no_admin_access', awsPolicy('AWSSupportAccess'))).toEqual(['pass']);
  });

  it('FSBP IAM.1 checks customer managed policies attached or not, never AWS managed ones', () => {
    expect(status('iam_customer_managed_policy_no_full_admin_statements', policy('full-admin'))).toEqual([
      'fail',
    ]);
    expect(status('iam_customer_managed_policy_no_full_admin_statements', policy('unused-admin'))).toEqual([
      'fail',
    ]);
    expect(status('iam_customer_managed_policy_no_full_admin_statements', policy('s3-read-reports'))).toEqual(
      ['pass'],
    );
    expect(
      status('iam_customer_managed_policy_no_full_admin_statements', awsPolicy('AdministratorAccess')),
    ).toEqual(['not_applicable']);
  });

  it('flags service-wide wildcards and decryption with every key', () => {
    expect(status('iam_policy_no_service_wildcard_actions', policy('s3-everything'))).toEqual(['fail']);
    expect(status('iam_policy_no_service_wildcard_actions', policy('s3-read-reports'))).toEqual(['pass']);
    expect(status('iam_policy_no_service_wildcard_actions', awsPolicy('AdministratorAccess'))).toEqual([
      'not_applicable',
    ]);
    expect(status('iam_policy_no_unrestricted_kms_decrypt', policy('decrypt-anything'))).toEqual(['fail']);
    expect(status('iam_policy_no_unrestricted_kms_decrypt', policy('unused-admin'))).toEqual(['fail']);
    expect(status('iam_policy_no_unrestricted_kms_decrypt', policy('decrypt-app-key'))).toEqual(['pass']);
    expect(status('iam_inline_policy_no_unrestricted_kms_decrypt', 'everything')).toEqual(['fail']);
    expect(status('iam_inline_policy_no_unrestricted_kms_decrypt', 'self-service')).toEqual(['pass']);
  });

  it('flags the role anyone can assume, not the service, partner or same-account roles', () => {
    expect(status('iam_role_trust_policy_not_public', 'open-role')).toEqual(['fail']);
    for (const role of ['app-role', 'partner-audit', 'break-glass', 'aws-support'])
      expect(status('iam_role_trust_policy_not_public', role)).toEqual(['pass']);
  });

  it('passes the partner role that requires an sts:ExternalId; service and same-account trust are not cross-account', () => {
    for (const role of ['partner-audit', 'app-role', 'break-glass', 'open-role'])
      expect(status('iam_role_cross_account_trust_external_id_required', role)).toEqual(['pass']);
  });

  it('tells a GitHub OIDC role limited to a repository from one any workflow can assume', () => {
    expect(status('iam_role_github_oidc_trust_restricts_repository', 'gh-main')).toEqual(['pass']);
    expect(status('iam_role_github_oidc_trust_restricts_repository', 'gh-any-repo')).toEqual(['fail']);
    expect(status('iam_role_github_oidc_trust_restricts_repository', 'app-role')).toEqual(['pass']);
  });

  it('dates server certificates by their own body, not by the listing', () => {
    expect(status('iam_server_certificate_not_expired', 'shop-current')).toEqual(['pass']);
    expect(status('iam_server_certificate_not_expired', 'old-expired')).toEqual(['fail']);
  });

  it('judges the account: support role, CloudShell, root from the account summary', () => {
    expect(status('iam_account_support_role_exists', ACCOUNT)).toEqual(['pass']);
    expect(status('iam_account_cloudshell_full_access_not_attached', ACCOUNT)).toEqual(['fail']);
    expect(status('iam_root_user_mfa_enabled', 'root')).toEqual(['fail']);
    expect(status('iam_root_user_hardware_mfa_enabled', 'root')).toEqual(['fail']);
    expect(status('iam_root_user_no_access_keys', 'root')).toEqual(['pass']);
    // moto's credential report has no <root_account> row, which AWS always writes: root's last use is unknown.
    expect(status('iam_root_user_not_used_recently', 'root')).toEqual(['error']);
  });
});
