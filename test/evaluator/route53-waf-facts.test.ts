// Route 53 dangling records and the ALB web ACL fact through the real evaluator, where the case files cannot go:
// target lists that failed, a target in another synced account, web ACLs (or their associations) not read.
import { evaluateEstate, loadControls } from '../../evaluator';
import type { UnreadType } from '../../evaluator/engine/estate';
import { ACCOUNT, asset } from './fixtures';

const { controls } = loadControls({ extraDirs: [] });
const dangling = controls.find((c) => c.id === 'route53_hosted_zone_no_dangling_records')!;
const albWaf = controls.find((c) => c.id === 'elbv2_alb_waf_enabled')!;
const OTHER_ACCOUNT = '210987654321';
const ZONE = 'arn:aws:route53:::hostedzone/Z0123456789ABCDEFGHIJ';
const region = (accountId: string, name: string) =>
  asset(
    'aws_account_region',
    `arn:aws:ec2:${name}:${accountId}:region`,
    { Region: name },
    { accountId, region: name },
  );

const zone = (targets: Record<string, unknown>[]) =>
  asset(
    'aws_route53_hosted_zone',
    ZONE,
    {
      HostedZoneId: 'Z0123456789ABCDEFGHIJ',
      HostedZone: { Name: 'example.com.', Config: { PrivateZone: false } },
      ResourceRecordSets: [],
      RecordTargets: targets,
      QueryLoggingConfigs: [],
    },
    { name: 'example.com.', region: 'global' },
  );
const websiteTarget = {
  Record: 'shop.example.com.',
  Type: 'CNAME',
  Alias: false,
  Kind: 's3',
  Target: 'shop.s3-website-us-east-1.amazonaws.com',
  Region: 'us-east-1',
  Bucket: 'shop',
};
const elbTarget = {
  Record: 'app.example.com.',
  Type: 'A',
  Alias: true,
  Kind: 'elb',
  Target: 'web-1234567890.eu-west-1.elb.amazonaws.com',
  Region: 'eu-west-1',
};

async function run(
  control: typeof dangling,
  assets: ReturnType<typeof asset>[],
  unreadTypes: UnreadType[] = [],
) {
  const { results } = await evaluateEstate(assets, [], [control], {
    now: new Date('2026-06-01T00:00:00Z'),
    unreadTypes,
  });
  return results
    .filter((result) => result.controlId === control.id)
    .map((result) => [result.status, result.reason]);
}

describe('route53_hosted_zone_no_dangling_records', () => {
  it('is an error naming the code when the S3 bucket list of the zone account was not read', async () => {
    const [[status, reason]] = await run(
      dangling,
      [zone([websiteTarget])],
      [{ accountId: ACCOUNT, type: 'aws_s3_bucket', region: 'global', code: 'AccessDenied' }],
    );
    expect(status).toBe('error');
    expect(reason).toContain('shop.example.com. CNAME -> shop.s3-website-us-east-1.amazonaws.com');
    expect(reason).toContain('AccessDenied');
  });

  it('counts a target held by another synced account as existing', async () => {
    const bucket = asset(
      'aws_s3_bucket',
      'arn:aws:s3:::shop',
      { Name: 'shop' },
      { name: 'shop', accountId: OTHER_ACCOUNT },
    );
    expect(await run(dangling, [zone([websiteTarget]), bucket])).toEqual([
      [
        'pass',
        "Hosted zone example.com.: every AWS target of example.com.'s records exists in the synced estate (shop.s3-website-us-east-1.amazonaws.com).",
      ],
    ]);
  });

  it('is an error when the load balancers of the target region were not read, a fail once they were', async () => {
    const unread: UnreadType[] = [
      { accountId: ACCOUNT, type: 'aws_elbv2_load_balancer', region: 'eu-west-1', code: 'Throttling' },
    ];
    const estate = [zone([elbTarget]), region(ACCOUNT, 'eu-west-1')];
    expect((await run(dangling, estate, unread))[0][0]).toBe('error');
    const [[status, reason]] = await run(dangling, estate);
    expect(status).toBe('fail');
    expect(reason).toContain(
      'app.example.com. A alias -> web-1234567890.eu-west-1.elb.amazonaws.com (no load balancer of account 123456789012 in eu-west-1 has that DNS name)',
    );
  });
});

describe('elbv2_alb_waf_enabled', () => {
  const alb = asset(
    'aws_elbv2_load_balancer',
    `arn:aws:elasticloadbalancing:eu-west-1:${ACCOUNT}:loadbalancer/app/web/50dc6c495c0c9188`,
    { Type: 'application', Scheme: 'internet-facing', DNSName: 'web-1234567890.eu-west-1.elb.amazonaws.com' },
    { name: 'web' },
  );

  it('is an error, not a fail, when the web ACL list of the region failed', async () => {
    const [[status]] = await run(
      albWaf,
      [alb],
      [{ accountId: ACCOUNT, type: 'aws_wafv2_web_acl', region: 'eu-west-1', code: 'AccessDeniedException' }],
    );
    expect(status).toBe('error');
  });

  it('is an error when a web ACL of the region could not list its associations', async () => {
    const webAcl = asset(
      'aws_wafv2_web_acl',
      `arn:aws:wafv2:eu-west-1:${ACCOUNT}:regional/webacl/shop/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111`,
      { Scope: 'REGIONAL', WebACL: { Rules: [] } },
      { name: 'shop', readErrors: { AssociatedResourceArns: 'AccessDeniedException' } },
    );
    const [[status, reason]] = await run(albWaf, [alb, webAcl]);
    expect(status).toBe('error');
    expect(reason).toContain('the associations of web ACL shop');
  });

  it('fails when every web ACL was read and none protects it', async () => {
    const [[status, reason]] = await run(albWaf, [alb]);
    expect(status).toBe('fail');
    expect(reason).toContain(`web (${alb.id}) has no AWS WAF web ACL associated`);
  });
});
