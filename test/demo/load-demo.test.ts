// loadDemo reads the demo accounts through the real collector and evaluator (replayed SDK answers), once.
import { stableHex } from '../../demo/estate/profile';
import {
  DEMO_ACCOUNTS,
  DEMO_MANAGEMENT_ACCOUNT_ID,
  DEMO_MEMBERS,
  DEMO_ROUNDS,
  loadDemo,
  type LoadDemoResult,
} from '../../demo';
import { clockStartingAt, openStore } from '../../store';
import type { Account } from '../../store/model';
import type { Store } from '../../store/store';

let store: Store;
let result: LoadDemoResult;
const NOW = new Date('2026-11-01T12:00:00Z');

beforeAll(async () => {
  store = await openStore({ memory: true, clock: clockStartingAt(NOW) });
  result = await loadDemo(store);
}, 300_000);

afterAll(async () => {
  await store?.close();
});

const byName = (name: string): Account => result.accounts.find((account) => account.name === name)!;

async function countOf(account: Account, type: string, scope?: 'global' | 'regional'): Promise<number> {
  return store.countAssets({ accountId: account.id, type, scope });
}

describe('loadDemo', () => {
  it('creates every account of the demo organization and syncs each enabled one once per round, every sync complete', () => {
    expect(result.loaded).toBe(true);
    expect(result.accounts.map((account) => account.awsAccountId).sort()).toEqual(
      DEMO_MEMBERS.map((member) => member.awsAccountId).sort(),
    );
    // The sandbox is suspended before the last round: its account is disabled and not synced then.
    expect(result.syncs).toHaveLength(DEMO_MEMBERS.length * DEMO_ROUNDS - 1);
    expect(result.syncs.every((sync) => sync.status === 'succeeded')).toBe(true);
    expect(result.replayMisses).toEqual([]);
  });

  it('collects a few hundred assets of many types per workload account, global apart from regional', async () => {
    const missing: string[] = [];
    const workloads = result.accounts.filter((account) =>
      DEMO_ACCOUNTS.some((demo) => demo.awsAccountId === account.awsAccountId),
    );
    expect(workloads).toHaveLength(DEMO_ACCOUNTS.length);
    for (const account of workloads) {
      expect(await store.countAssets({ accountId: account.id })).toBeGreaterThan(150);
      for (const type of [
        'aws_iam_user',
        'aws_iam_role',
        'aws_iam_policy',
        'aws_s3_bucket',
        'aws_iam_root_user',
      ])
        expect(await countOf(account, type, 'global')).toBeGreaterThan(0);
      for (const type of [
        'aws_ec2_vpc',
        'aws_ec2_subnet',
        'aws_ec2_route_table',
        'aws_ec2_internet_gateway',
        'aws_ec2_nat_gateway',
        'aws_ec2_network_acl',
        'aws_ec2_security_group',
        'aws_ec2_instance',
        'aws_ec2_network_interface',
        'aws_ec2_volume',
        'aws_elbv2_load_balancer',
        'aws_elbv2_target_group',
        'aws_rds_db_instance',
        'aws_lambda_function',
        'aws_eks_cluster',
        'aws_ecr_repository',
        'aws_efs_file_system',
        'aws_kms_key',
        'aws_cloudtrail_trail',
        'aws_logs_log_group',
        'aws_config_recorder',
        'aws_guardduty_detector',
      ]) {
        if ((await countOf(account, type, 'regional')) === 0) missing.push(`${account.name} ${type}`);
        expect(await countOf(account, type, 'global')).toBe(0);
      }
      for (const region of DEMO_ACCOUNTS[0].regions)
        expect(
          await store.countAssets({ accountId: account.id, region, type: 'aws_ec2_vpc' }),
        ).toBeGreaterThan(0);
    }
    expect(missing).toEqual([]);
  });

  it('evaluates into a spread of passing and failing results, Staging failing more', async () => {
    const tallies = new Map<string, { pass: number; fail: number; controls: number }>();
    for (const account of result.accounts) {
      const counts = await store.resultCounts({ accountId: account.id });
      const pass = counts.reduce((sum, count) => sum + count.pass, 0);
      const fail = counts.reduce((sum, count) => sum + count.fail, 0);
      tallies.set(account.name, {
        pass,
        fail,
        controls: counts.filter((count) => count.pass + count.fail > 0).length,
      });
    }
    const production = tallies.get('Production')!;
    const staging = tallies.get('Staging')!;
    expect(production.pass).toBeGreaterThan(50);
    expect(production.fail).toBeGreaterThan(10);
    expect(production.controls).toBeGreaterThan(40);
    expect(staging.fail).toBeGreaterThan(production.fail);
  });

  it('fails the controls the estate was built to fail', async () => {
    const failing = async (account: Account, controlId: string) =>
      (await store.listResults({ accountId: account.id, controlId, status: ['fail'] })).items.map(
        (row) => row.assetId,
      );
    const staging = byName('Staging');
    const production = byName('Production');
    expect((await failing(staging, 'ec2_security_group_no_public_rdp_ingress')).length).toBeGreaterThan(0);
    expect(await failing(production, 'iam_user_mfa_enabled')).toEqual(
      expect.arrayContaining([expect.stringContaining(':user/bob')]),
    );
    expect(await failing(staging, 'eks_cluster_endpoint_not_public')).toHaveLength(1);
    expect(await failing(production, 'eks_cluster_endpoint_not_public')).toHaveLength(0);
    expect(await failing(production, 's3_bucket_not_public')).toEqual([
      'arn:aws:s3:::production-public-website',
    ]);
    // DynamoDB: the orders table passes all three table controls, the sessions table fails them.
    const table = (name: string) =>
      `arn:aws:dynamodb:${DEMO_ACCOUNTS[0].regions[0]}:${production.awsAccountId}:table/${name}`;
    for (const controlId of [
      'dynamodb_table_point_in_time_recovery_enabled',
      'dynamodb_table_deletion_protection_enabled',
      'dynamodb_table_encrypted_with_customer_managed_key',
    ]) {
      expect(await failing(production, controlId)).toEqual([table('production-sessions')]);
      const passing = await store.listResults({ accountId: production.id, controlId, status: ['pass'] });
      expect(passing.items.map((row) => row.assetId)).toEqual([table('production-orders')]);
    }
    // ACM: the imported RSA 1024 certificate expires in 10 days and has a weak key; the shop's passes both.
    const certificate = (domain: string) =>
      `arn:aws:acm:${DEMO_ACCOUNTS[0].regions[0]}:${production.awsAccountId}:certificate/${stableHex(
        [production.awsAccountId, domain],
        32,
      ).replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5')}`;
    expect(await failing(production, 'acm_certificate_not_expiring_within_30_days')).toEqual([
      certificate('legacy.example.com'),
    ]);
    expect(await failing(production, 'acm_certificate_rsa_key_at_least_2048_bits')).toEqual([
      certificate('legacy.example.com'),
    ]);
    // CloudFront: Staging's distribution serves from a bucket that no longer exists, Production's from its own.
    expect(await failing(production, 'cloudfront_distribution_s3_origin_exists')).toEqual([]);
    expect(await failing(staging, 'cloudfront_distribution_s3_origin_exists')).toHaveLength(1);
    for (const controlId of [
      'cloudfront_distribution_viewer_https_required',
      'cloudfront_distribution_waf_enabled',
    ]) {
      expect(await failing(production, controlId)).toEqual([]);
      expect(await failing(staging, controlId)).toHaveLength(1);
    }
  });

  it('keeps alert history: resolved after a fix, reopened after a regression, resolved when the asset is gone', async () => {
    const production = byName('Production');
    const resolved = await store.listAlerts(
      { accountId: production.id, status: ['resolved'] },
      { limit: 500 },
    );
    const resolvedAssets = resolved.items.map((alert) => alert.assetId);
    // The bucket made private in round 2 and the terminated batch instance.
    expect(resolvedAssets).toContain('arn:aws:s3:::production-partner-exchange');
    expect(resolvedAssets.some((id) => id.includes(':instance/'))).toBe(true);
    const open = await store.listAlerts({ accountId: production.id, status: ['open'] }, { limit: 500 });
    const reopened = open.items.filter(
      (alert) =>
        alert.controlId === 'ec2_security_group_no_public_ssh_ingress' &&
        alert.assetId.includes('security-group'),
    );
    expect(reopened.length).toBeGreaterThan(0);
    expect(JSON.stringify(reopened[0])).toMatch(/reopen/i);
  });

  it('mutes the accepted risks with their justification, one of them until an expiry date', async () => {
    const suppressed = await store.listAlerts({ status: ['suppressed'] }, { limit: 500 });
    expect(suppressed.items.map((alert) => alert.assetId)).toEqual(
      expect.arrayContaining([
        'arn:aws:s3:::production-public-website',
        expect.stringContaining('security-group/'),
      ]),
    );
    const rules = (await store.listSuppressions()).items;
    expect(rules).toHaveLength(2);
    expect(rules.every((rule) => rule.justification.length > 20)).toBe(true);
    expect(rules.filter((rule) => rule.expiresAt !== null)).toHaveLength(1);
  });

  it('finds internet-exposed workloads with evidence, directly or behind the load balancer, and private ones not', async () => {
    const staging = byName('Staging');
    const exposed = await store.listAlerts({ accountId: staging.id, exposed: true }, { limit: 500 });
    expect(exposed.items.length).toBeGreaterThan(0);
    const instances = (
      await store.listAssets({ accountId: staging.id, type: 'aws_ec2_instance' }, { limit: 500 })
    ).items;
    const windows = instances.find((instance) => instance.name === 'windows-build-host')!;
    expect(JSON.stringify(windows.facts)).toMatch(/3389/);
    // App instances are reachable only through the internet-facing load balancer; workers not at all.
    const app = instances.find((instance) => instance.name === 'staging-app-1')!;
    expect(JSON.stringify(app.facts)).toMatch(/behind internet-facing load balancer staging-web/);
    const databases = (
      await store.listAssets({ accountId: staging.id, type: 'aws_rds_db_instance' }, { limit: 50 })
    ).items;
    const reporting = databases.find((database) => database.name === 'staging-reporting')!;
    expect(reporting.facts).toMatchObject({ exposure: { verdict: 'exposed' } });
    expect(JSON.stringify(reporting.facts)).toMatch(/3306/);
    const worker = instances.find((instance) => instance.name === 'staging-worker-1')!;
    expect(JSON.stringify(worker.facts)).not.toMatch(/"verdict":"exposed"/);
  });

  it('records a score snapshot per evaluation for the trend', async () => {
    const snapshots = await store.listScoreSnapshots({ accountId: byName('Production').id }, 1000);
    const times = new Set(snapshots.map((snapshot) => snapshot.at));
    expect(times.size).toBe(DEMO_ROUNDS);
  });

  it('connects the organization: members under their OUs, the suspended sandbox disabled with the reason', async () => {
    const [organization] = await store.listOrganizations();
    expect(organization).toMatchObject({ managementAccountId: DEMO_MANAGEMENT_ACCOUNT_ID });
    const members = await store.listOrganizationMembers(organization.id);
    const member = (name: string) => members.find((candidate) => candidate.name === name)!;
    expect(members).toHaveLength(DEMO_MEMBERS.length);
    expect(member('Production')).toMatchObject({
      accountId: byName('Production').id,
      managed: true,
      state: 'ACTIVE',
      parentPath: ['r-d3m0', 'ou-d3m0-workloads', 'ou-d3m0-prod0001'],
    });
    expect(member('Sandbox')).toMatchObject({
      state: 'SUSPENDED',
      managed: false,
      reason: 'account state is SUSPENDED',
    });
    expect(byName('Sandbox').status).toBe('disabled');
    expect(byName('Management').status).toBe('enabled');
  });

  it('gives the organization controls real verdicts: SCPs in the management account, contacts everywhere', async () => {
    const statusOf = async (name: string, controlId: string) =>
      (await store.listResults({ accountId: byName(name).id, controlId })).items.map((row) => row.status);
    expect(await statusOf('Management', 'organizations_scp_guardrails_attached')).toEqual(['pass']);
    // A member cannot read the structure (ListRoots is denied): error, never a pass.
    expect(await statusOf('Production', 'organizations_scp_guardrails_attached')).toEqual(['error']);
    expect(await statusOf('Security', 'account_security_contact_registered')).toEqual(['pass']);
    expect(await statusOf('Sandbox', 'account_security_contact_registered')).toEqual(['fail']);
    expect(await statusOf('Management', 'account_contact_information_complete')).toEqual(['pass']);
    const organizations = await store.listAssets(
      { accountId: byName('Management').id, type: 'aws_organizations_organizational_unit' },
      { limit: 50 },
    );
    expect(organizations.items.map((unit) => unit.name).sort()).toEqual([
      'Dev',
      'Prod',
      'Sandbox',
      'Security',
      'Workloads',
    ]);
  });

  it('is idempotent: a second call changes nothing', async () => {
    const assetsBefore = await store.countAssets({});
    const again = await loadDemo(store);
    expect(again.loaded).toBe(false);
    expect(again.accounts).toHaveLength(DEMO_MEMBERS.length);
    expect((await store.listAccounts()).items).toHaveLength(DEMO_MEMBERS.length);
    expect(await store.listOrganizations()).toHaveLength(1);
    expect(await store.countAssets({})).toBe(assetsBefore);
  });
});
