import {
  GetWebACLCommand,
  type GetWebACLCommandOutput,
  ListLoggingConfigurationsCommand,
  ListResourcesForWebACLCommand,
  ListWebACLsCommand,
  WAFNonexistentItemException,
  WAFV2Client,
  WAFV2ServiceException,
} from '@aws-sdk/client-wafv2';
import { mockClient } from 'aws-sdk-client-mock';
import { wafv2Collector } from '../../../../collector/services/wafv2';
import { testContext } from '../../harness';

const $metadata = { httpStatusCode: 200, requestId: '5a1b2c3d-0000-4000-8000-000000000001' };
const ACCOUNT = '123456789012';
const SHOP_ID = 'a1b2c3d4-5678-90ab-cdef-EXAMPLE11111';
const OLD_ID = 'b2c3d4e5-6789-0abc-def1-EXAMPLE22222';
const EDGE_ID = 'c3d4e5f6-7890-abcd-ef12-EXAMPLE33333';
const shopArn = `arn:aws:wafv2:us-east-1:${ACCOUNT}:regional/webacl/shop/${SHOP_ID}`;
const oldArn = `arn:aws:wafv2:us-east-1:${ACCOUNT}:regional/webacl/old/${OLD_ID}`;
const edgeArn = `arn:aws:wafv2:us-east-1:${ACCOUNT}:global/webacl/edge/${EDGE_ID}`;
const albArn = `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:loadbalancer/app/web/50dc6c495c0c9188`;
const stageArn = 'arn:aws:apigateway:us-east-1::/restapis/a1b2c3d4e5/stages/prod';

const visibility = (metric: string, metrics = true) => ({
  SampledRequestsEnabled: true,
  CloudWatchMetricsEnabled: metrics,
  MetricName: metric,
});

function webAcl(name: string, id: string, arn: string, rules: boolean): GetWebACLCommandOutput {
  return {
    $metadata,
    LockToken: '0d1e2f3a-0000-4000-8000-00000000abcd',
    WebACL: {
      Name: name,
      Id: id,
      ARN: arn,
      DefaultAction: { Allow: {} },
      Description: '',
      Rules: rules
        ? [
            {
              Name: 'AWS-AWSManagedRulesCommonRuleSet',
              Priority: 0,
              Statement: {
                ManagedRuleGroupStatement: { VendorName: 'AWS', Name: 'AWSManagedRulesCommonRuleSet' },
              },
              OverrideAction: { None: {} },
              VisibilityConfig: visibility('common'),
            },
          ]
        : [],
      VisibilityConfig: visibility(name),
      Capacity: rules ? 700 : 0,
      ManagedByFirewallManager: false,
      LabelNamespace: `awswaf:${ACCOUNT}:webacl:${name}:`,
    },
  };
}

const waf = mockClient(WAFV2Client);

function mockWebAcls(): void {
  // REGIONAL: two pages linked by NextMarker (the second page's marker is the name AWS hands back).
  waf
    .on(ListWebACLsCommand, { Scope: 'REGIONAL' })
    .resolves({
      $metadata,
      NextMarker: 'old',
      WebACLs: [{ Name: 'shop', Id: SHOP_ID, ARN: shopArn, Description: '', LockToken: 'lt-1' }],
    })
    .on(ListWebACLsCommand, { Scope: 'REGIONAL', NextMarker: 'old' })
    .resolves({
      $metadata,
      WebACLs: [{ Name: 'old', Id: OLD_ID, ARN: oldArn, Description: '', LockToken: 'lt-2' }],
    });
  waf.on(ListWebACLsCommand, { Scope: 'CLOUDFRONT' }).resolves({
    $metadata,
    WebACLs: [{ Name: 'edge', Id: EDGE_ID, ARN: edgeArn, Description: '', LockToken: 'lt-3' }],
  });
  waf.on(GetWebACLCommand, { Id: SHOP_ID }).resolves(webAcl('shop', SHOP_ID, shopArn, true));
  waf.on(GetWebACLCommand, { Id: OLD_ID }).resolves(webAcl('old', OLD_ID, oldArn, false));
  waf.on(GetWebACLCommand, { Id: EDGE_ID }).resolves(webAcl('edge', EDGE_ID, edgeArn, true));
  waf.on(ListLoggingConfigurationsCommand, { Scope: 'REGIONAL' }).resolves({
    $metadata,
    LoggingConfigurations: [
      {
        ResourceArn: shopArn,
        LogDestinationConfigs: [`arn:aws:firehose:us-east-1:${ACCOUNT}:deliverystream/aws-waf-logs-shop`],
        ManagedByFirewallManager: false,
      },
    ],
  });
  waf
    .on(ListLoggingConfigurationsCommand, { Scope: 'CLOUDFRONT' })
    .resolves({ $metadata, LoggingConfigurations: [] });
  waf
    .on(ListResourcesForWebACLCommand)
    .resolves({ $metadata, ResourceArns: [] })
    .on(ListResourcesForWebACLCommand, { WebACLArn: shopArn, ResourceType: 'APPLICATION_LOAD_BALANCER' })
    .resolves({ $metadata, ResourceArns: [albArn] })
    .on(ListResourcesForWebACLCommand, { WebACLArn: shopArn, ResourceType: 'API_GATEWAY' })
    .resolves({ $metadata, ResourceArns: [stageArn] });
}

beforeEach(() => waf.reset());

describe('wafv2Collector', () => {
  it('reads REGIONAL web ACLs over every page and CLOUDFRONT ones in us-east-1, with rules and logging', async () => {
    mockWebAcls();
    const run = testContext(wafv2Collector, { accountId: ACCOUNT, region: 'us-east-1' });
    await wafv2Collector.collect(run.ctx);
    expect(
      run.assets.map((asset) => [asset.type, asset.id, asset.name, asset.region, asset.config.Scope]),
    ).toEqual([
      ['aws_wafv2_web_acl', shopArn, 'shop', 'us-east-1', 'REGIONAL'],
      ['aws_wafv2_web_acl', oldArn, 'old', 'us-east-1', 'REGIONAL'],
      ['aws_wafv2_web_acl', edgeArn, 'edge', 'us-east-1', 'CLOUDFRONT'],
    ]);
    const [shop, old, edge] = run.assets;
    expect(shop.config.WebACL).toMatchObject({ Rules: [{ Name: 'AWS-AWSManagedRulesCommonRuleSet' }] });
    expect(shop.config.LoggingConfiguration).toMatchObject({ ResourceArn: shopArn });
    expect(old.config.LoggingConfiguration).toBeNull();
    expect(old.config.WebACL).toMatchObject({ Rules: [] });
    expect(edge.config.AssociatedResourceArns).toBeUndefined();
    expect(shop.config.AssociatedResourceArns).toEqual([albArn, stageArn]);
    // One logging list per scope, not one call per web ACL.
    expect(waf.commandCalls(ListLoggingConfigurationsCommand)).toHaveLength(2);
    // Both association types of each REGIONAL web ACL; none for the CLOUDFRONT one.
    const asked = waf
      .commandCalls(ListResourcesForWebACLCommand)
      .map((call) => `${call.args[0].input.WebACLArn} ${call.args[0].input.ResourceType}`);
    expect(asked.sort()).toEqual(
      [
        `${shopArn} APPLICATION_LOAD_BALANCER`,
        `${shopArn} API_GATEWAY`,
        `${oldArn} APPLICATION_LOAD_BALANCER`,
        `${oldArn} API_GATEWAY`,
      ].sort(),
    );
  });

  it('draws web ACL PROTECTS load balancer and REST API (stage kept on the edge)', async () => {
    mockWebAcls();
    const run = testContext(wafv2Collector, { accountId: ACCOUNT, region: 'us-east-1' });
    await wafv2Collector.collect(run.ctx);
    expect(run.relationships.map((edge) => [edge.fromId, edge.verb, edge.toId, edge.properties])).toEqual([
      [shopArn, 'PROTECTS', albArn, undefined],
      [shopArn, 'PROTECTS', 'arn:aws:apigateway:us-east-1::/restapis/a1b2c3d4e5', { stage: 'prod' }],
    ]);
  });

  it('asks only for REGIONAL web ACLs outside us-east-1', async () => {
    waf.on(ListWebACLsCommand).resolves({ $metadata, WebACLs: [] });
    const run = testContext(wafv2Collector, { accountId: ACCOUNT, region: 'eu-west-1' });
    await wafv2Collector.collect(run.ctx);
    expect(run.calls).toEqual(['WAFV2.ListWebACLs']);
    expect(waf.commandCalls(ListWebACLsCommand)[0].args[0].input.Scope).toBe('REGIONAL');
    expect(run.assets).toEqual([]);
  });

  it('records refused detail calls as readErrors and drops a web ACL deleted since the list', async () => {
    mockWebAcls();
    const denied = (action: string) =>
      new WAFV2ServiceException({
        name: 'AccessDeniedException',
        $fault: 'client',
        $metadata: { httpStatusCode: 400 },
        message: `User: arn:aws:sts::${ACCOUNT}:assumed-role/CloudwardReadOnly/cloudward is not authorized to perform: ${action}`,
      });
    waf
      .on(ListLoggingConfigurationsCommand, { Scope: 'REGIONAL' })
      .rejects(denied('wafv2:ListLoggingConfigurations'));
    waf
      .on(ListResourcesForWebACLCommand, { WebACLArn: shopArn, ResourceType: 'API_GATEWAY' })
      .rejects(denied('wafv2:ListResourcesForWebACL'));
    waf.on(GetWebACLCommand, { Id: OLD_ID }).rejects(
      new WAFNonexistentItemException({
        $metadata: { httpStatusCode: 400 },
        message: "AWS WAF couldn't perform the operation because your resource doesn't exist.",
      }),
    );
    const run = testContext(wafv2Collector, { accountId: ACCOUNT, region: 'us-east-1' });
    await wafv2Collector.collect(run.ctx);
    expect(run.assets.map((asset) => [asset.name, asset.readErrors])).toEqual([
      [
        'shop',
        { LoggingConfiguration: 'AccessDeniedException', AssociatedResourceArns: 'AccessDeniedException' },
      ],
      ['edge', undefined],
    ]);
    expect(run.relationships).toEqual([]);
  });

  it('fails the unit with AWS code when ListWebACLs is denied', async () => {
    waf.on(ListWebACLsCommand).rejects(
      new WAFV2ServiceException({
        name: 'AccessDeniedException',
        $fault: 'client',
        $metadata: { httpStatusCode: 400 },
        message: 'User is not authorized to perform: wafv2:ListWebACLs',
      }),
    );
    const run = testContext(wafv2Collector, { accountId: ACCOUNT, region: 'us-east-1' });
    await expect(wafv2Collector.collect(run.ctx)).rejects.toMatchObject({ name: 'AccessDeniedException' });
    expect(run.assets).toEqual([]);
  });
});
