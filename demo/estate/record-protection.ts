// Records AWS WAF, Amazon Inspector and Amazon Macie for one demo region. Production: a web ACL with a managed rule
// group, logging and metrics in front of each region's ALB, plus in us-east-1 the CLOUDFRONT web ACL its website
// distribution names; Inspector scans everything but Lambda code in eu-central-1; Macie with automated discovery in
// us-east-1, without it in eu-west-1, off in eu-central-1. Staging: one empty web ACL in us-east-1 protecting
// nothing (its ALBs have no WAF), Inspector never enabled, Macie off everywhere ("Macie is not enabled").
import type { ResourceState, State } from '@aws-sdk/client-inspector2';
import type { Recording } from '../recording';
import { type EstateContext, daysAgo, stableHex } from './profile';

/** The ALB every demo region runs (demo/estate/load-balancer.ts builds the same ARN). */
function regionAlbArn(owner: string, region: string, env: string): string {
  return `arn:aws:elasticloadbalancing:${region}:${owner}:loadbalancer/app/${env}-web/${stableHex([owner, region, 'alb'], 16)}`;
}

/** The CLOUDFRONT web ACL Production's distribution names (demo/estate/record-distributions.ts). */
export function websiteWebAclArn(owner: string): { arn: string; id: string } {
  const id = `${stableHex([owner, 'webacl'], 8)}-0000-4000-8000-${stableHex([owner, 'webacl', 'id'], 12)}`;
  return { arn: `arn:aws:wafv2:us-east-1:${owner}:global/webacl/website/${id}`, id };
}

export function recordProtection(
  recording: Recording,
  ctx: EstateContext,
  region: string,
  regionIndex: number,
): void {
  recordWebAcls(recording, ctx, region, regionIndex);
  recordInspector(recording, ctx, region);
  recordMacie(recording, ctx, region, regionIndex);
}

function recordWebAcls(recording: Recording, ctx: EstateContext, region: string, regionIndex: number): void {
  const owner = ctx.account.awsAccountId;
  const staging = ctx.account.kind === 'staging';
  const env = staging ? 'staging' : 'production';
  const visibility = (metric: string, on: boolean) => ({
    SampledRequestsEnabled: on,
    CloudWatchMetricsEnabled: on,
    MetricName: metric,
  });
  const webAcl = (name: string, id: string, arn: string, protectedRules: boolean) => ({
    Name: name,
    Id: id,
    ARN: arn,
    DefaultAction: { Allow: {} },
    Description: protectedRules ? 'managed protections' : 'created for a test, never finished',
    Rules: protectedRules
      ? [
          {
            Name: 'AWS-AWSManagedRulesCommonRuleSet',
            Priority: 0,
            Statement: {
              ManagedRuleGroupStatement: { VendorName: 'AWS', Name: 'AWSManagedRulesCommonRuleSet' },
            },
            OverrideAction: { None: {} },
            VisibilityConfig: visibility('common', true),
          },
          {
            Name: 'AWS-AWSManagedRulesKnownBadInputsRuleSet',
            Priority: 1,
            Statement: {
              ManagedRuleGroupStatement: { VendorName: 'AWS', Name: 'AWSManagedRulesKnownBadInputsRuleSet' },
            },
            OverrideAction: { None: {} },
            VisibilityConfig: visibility('bad-inputs', true),
          },
        ]
      : [],
    VisibilityConfig: visibility(name, protectedRules),
    Capacity: protectedRules ? 900 : 0,
    ManagedByFirewallManager: false,
    LabelNamespace: `awswaf:${owner}:webacl:${name}:`,
  });
  const regional = !staging || regionIndex === 0;
  const name = `${env}-web`;
  const id = `${stableHex([owner, region, 'webacl'], 8)}-0000-4000-8000-${stableHex([owner, region, 'webacl', 'id'], 12)}`;
  const arn = `arn:aws:wafv2:${region}:${owner}:regional/webacl/${name}/${id}`;
  recording.output(
    'WAFV2',
    'ListWebACLs',
    region,
    { Scope: 'REGIONAL' },
    {
      WebACLs: regional
        ? [{ Name: name, Id: id, ARN: arn, Description: '', LockToken: stableHex([arn, 'lock'], 32) }]
        : [],
    },
  );
  if (regional) {
    recording.output(
      'WAFV2',
      'GetWebACL',
      region,
      { Id: id },
      {
        WebACL: webAcl(name, id, arn, !staging),
        LockToken: stableHex([arn, 'lock'], 32),
      },
    );
    for (const type of ['APPLICATION_LOAD_BALANCER', 'API_GATEWAY'])
      recording.output(
        'WAFV2',
        'ListResourcesForWebACL',
        region,
        { WebACLArn: arn, ResourceType: type },
        {
          ResourceArns:
            !staging && type === 'APPLICATION_LOAD_BALANCER' ? [regionAlbArn(owner, region, env)] : [],
        },
      );
  }
  const logging = (webAclArn: string) => ({
    ResourceArn: webAclArn,
    LogDestinationConfigs: [`arn:aws:logs:${region}:${owner}:log-group:aws-waf-logs-${env}`],
    ManagedByFirewallManager: false,
  });
  recording.output(
    'WAFV2',
    'ListLoggingConfigurations',
    region,
    { Scope: 'REGIONAL' },
    {
      LoggingConfigurations: regional && !staging ? [logging(arn)] : [],
    },
  );
  if (region !== 'us-east-1') return;
  // CLOUDFRONT scope: Production's website web ACL; Staging has none.
  const website = websiteWebAclArn(owner);
  recording.output(
    'WAFV2',
    'ListWebACLs',
    region,
    { Scope: 'CLOUDFRONT' },
    {
      WebACLs: staging
        ? []
        : [
            {
              Name: 'website',
              Id: website.id,
              ARN: website.arn,
              Description: '',
              LockToken: stableHex([website.arn], 32),
            },
          ],
    },
  );
  if (!staging) {
    recording.output(
      'WAFV2',
      'GetWebACL',
      region,
      { Id: website.id },
      {
        WebACL: webAcl('website', website.id, website.arn, true),
        LockToken: stableHex([website.arn], 32),
      },
    );
    recording.output(
      'WAFV2',
      'ListLoggingConfigurations',
      region,
      { Scope: 'CLOUDFRONT' },
      {
        LoggingConfigurations: [logging(website.arn)],
      },
    );
  }
}

function recordInspector(recording: Recording, ctx: EstateContext, region: string): void {
  const owner = ctx.account.awsAccountId;
  const staging = ctx.account.kind === 'staging';
  const state = (on: boolean): State => ({
    status: on ? 'ENABLED' : 'DISABLED',
    errorCode: undefined,
    errorMessage: undefined,
  });
  const resourceState: ResourceState = {
    ec2: state(!staging),
    ecr: state(!staging),
    lambda: state(!staging),
    lambdaCode: state(!staging && region !== 'eu-central-1'),
  };
  recording.output(
    'Inspector2',
    'BatchGetAccountStatus',
    region,
    {},
    {
      accounts: [{ accountId: owner, state: state(!staging), resourceState }],
      failedAccounts: [],
    },
  );
}

function recordMacie(recording: Recording, ctx: EstateContext, region: string, regionIndex: number): void {
  const owner = ctx.account.awsAccountId;
  const enabled = ctx.account.kind === 'production' && regionIndex < 2;
  if (!enabled) {
    recording.error(
      'Macie2',
      'GetMacieSession',
      region,
      {},
      {
        name: 'AccessDeniedException',
        status: 403,
        message: 'Macie is not enabled.',
      },
    );
    return;
  }
  recording.output(
    'Macie2',
    'GetMacieSession',
    region,
    {},
    {
      createdAt: daysAgo(ctx.now, 400),
      findingPublishingFrequency: 'FIFTEEN_MINUTES',
      serviceRole: `arn:aws:iam::${owner}:role/aws-service-role/macie.amazonaws.com/AWSServiceRoleForAmazonMacie`,
      status: 'ENABLED',
      updatedAt: daysAgo(ctx.now, 30),
    },
  );
  recording.output(
    'Macie2',
    'GetAutomatedDiscoveryConfiguration',
    region,
    {},
    {
      status: regionIndex === 0 ? 'ENABLED' : 'DISABLED',
      classificationScopeId: stableHex([owner, region, 'macie-scope'], 32),
      sensitivityInspectionTemplateId: stableHex([owner, region, 'macie-template'], 32),
      firstEnabledAt: daysAgo(ctx.now, 300),
      lastUpdatedAt: daysAgo(ctx.now, 30),
    },
  );
}
