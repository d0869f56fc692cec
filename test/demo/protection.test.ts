// The demo estate's Route 53, WAF, Inspector and Macie answers, read through the real collector and evaluator: each
// control shows the verdicts the estate was built for (docs/demo.md).
import { loadDemoForFile } from './fixtures';

const demo = loadDemoForFile();
const { results: rows } = demo;

async function verdicts(accountName: string, controlId: string): Promise<string[]> {
  return (await rows(accountName, controlId))
    .map((row) => `${row.region} ${row.assetId.split(/[:/]/).pop()}: ${row.status}`)
    .sort();
}

describe('demo protection services', () => {
  it('reads them without a replay miss, every sync complete', () => {
    expect(demo.result.replayMisses).toEqual([]);
    expect(demo.result.syncs.every((sync) => sync.status === 'succeeded')).toBe(true);
  });

  it('Route 53: Staging has two dangling records named with their targets, Production none', async () => {
    expect(await verdicts('Production', 'route53_hosted_zone_no_dangling_records')).toEqual([
      expect.stringMatching(/^global Z[0-9A-F]+: pass$/),
    ]);
    const [staging] = await rows('Staging', 'route53_hosted_zone_no_dangling_records');
    expect(staging.status).toBe('fail');
    expect(staging.reason).toContain(
      'assets.staging.example.com. CNAME -> staging-old-assets.s3-website-us-east-1.amazonaws.com (S3 bucket staging-old-assets is in none of the synced accounts)',
    );
    // The stored reason is capped; the second record still leads with its name and target.
    expect(staging.reason).toContain('2 records of staging.example.com.');
    expect(staging.reason).toContain('beta.staging.example.com. A alias -> staging-beta-7f3e9a1c20');
    expect((await rows('Production', 'route53_public_hosted_zone_query_logging_enabled'))[0].status).toBe(
      'pass',
    );
    expect((await rows('Staging', 'route53_public_hosted_zone_query_logging_enabled'))[0].status).toBe(
      'fail',
    );
  });

  it('WAF: Production web ACLs pass and protect every ALB; Staging has an empty web ACL and unprotected ALBs', async () => {
    for (const control of [
      'wafv2_web_acl_has_rules',
      'wafv2_web_acl_logging_enabled',
      'wafv2_web_acl_cloudwatch_metrics_enabled',
    ]) {
      const production = await rows('Production', control);
      expect(production).toHaveLength(4); // three REGIONAL web ACLs and the CLOUDFRONT one
      expect(production.filter((row) => row.status !== 'pass')).toEqual([]);
      expect((await rows('Staging', control)).map((row) => row.status)).toEqual(['fail']);
    }
    expect((await rows('Production', 'elbv2_alb_waf_enabled')).map((row) => row.status)).toEqual([
      'pass',
      'pass',
      'pass',
    ]);
    expect((await rows('Staging', 'elbv2_alb_waf_enabled')).map((row) => row.status)).toEqual([
      'fail',
      'fail',
      'fail',
    ]);
    expect((await rows('Production', 'cloudfront_distribution_waf_enabled'))[0].status).toBe('pass');
  });

  it('Inspector: Production scans everything but Lambda code in eu-central-1; Staging never enabled it', async () => {
    expect(await verdicts('Production', 'inspector2_ec2_scanning_enabled')).toEqual([
      'eu-central-1 account-status: pass',
      'eu-west-1 account-status: pass',
      'us-east-1 account-status: pass',
    ]);
    expect(await verdicts('Production', 'inspector2_lambda_code_scanning_enabled')).toEqual([
      'eu-central-1 account-status: fail',
      'eu-west-1 account-status: pass',
      'us-east-1 account-status: pass',
    ]);
    expect((await rows('Staging', 'inspector2_ecr_scanning_enabled')).map((row) => row.status)).toEqual([
      'fail',
      'fail',
      'fail',
    ]);
  });

  it('Macie: "Macie is not enabled" is a failed check, not an error; discovery judged where Macie runs', async () => {
    expect(await verdicts('Production', 'macie_enabled_in_region')).toEqual([
      'eu-central-1 session: fail',
      'eu-west-1 session: pass',
      'us-east-1 session: pass',
    ]);
    expect(await verdicts('Production', 'macie_automated_sensitive_data_discovery_enabled')).toEqual([
      'eu-central-1 session: not_applicable',
      'eu-west-1 session: fail',
      'us-east-1 session: pass',
    ]);
    const staging = await rows('Staging', 'macie_enabled_in_region');
    expect(staging.map((row) => row.status)).toEqual(['fail', 'fail', 'fail']);
    expect(staging[0].reason).toMatch(
      /^Amazon Macie is not enabled \(or is paused\) in region [a-z0-9-]+ of account 222222222222/,
    );
  });
});
