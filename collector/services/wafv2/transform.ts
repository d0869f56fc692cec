// Pure transform: ListWebACLs entry + GetWebACL + the scope's logging configurations + ListResourcesForWebACL ->
// aws_wafv2_web_acl and PROTECTS edges to the load balancers and REST APIs it is associated with.
import type { LoggingConfiguration, WebACLSummary } from '@aws-sdk/client-wafv2';
import type { Asset, Relationship } from '../../../store/model';
import { type DetailResult, type OutputOutcome, mergeDetail } from '../../read';
import { type Emitted, type Where, makeAsset, makeRelationship, plainConfig } from '../../shape';

export type WebAclScope = 'REGIONAL' | 'CLOUDFRONT';

export interface WebAclRead {
  scope: WebAclScope;
  summary: WebACLSummary;
  /** GetWebACL's output (`WebACL`, `LockToken`, ...). */
  webAcl: OutputOutcome;
  /** Every logging configuration of the scope (one list call per scope), or its error code. */
  logging: DetailResult<LoggingConfiguration[]>;
  /** ListResourcesForWebACL answers (REGIONAL only): associated resource ARNs, or the error code. */
  resources?: DetailResult<string[]>;
}

/**
 * Example: {Name: "shop", Id: "a1b2...", ARN: "arn:aws:wafv2:us-east-1:a:regional/webacl/shop/a1b2..."} + GetWebACL
 * {WebACL: {Rules: [{Name: "common", VisibilityConfig: {CloudWatchMetricsEnabled: true, ...}, ...}], ...}} +
 * logging [{ResourceArn: <that ARN>, LogDestinationConfigs: ["arn:aws:firehose:...:aws-waf-logs-shop"]}] +
 * ["arn:aws:elasticloadbalancing:...:loadbalancer/app/web/50dc..."] -> id the ARN, config {Id, ARN, Scope,
 * WebACL: {...}, LoggingConfiguration: {...} or null, AssociatedResourceArns: [...]}, edge web ACL PROTECTS the load
 * balancer. A stage ARN (arn:aws:apigateway:r::/restapis/x/stages/prod) protects REST API
 * arn:aws:apigateway:r::/restapis/x (stage in the edge's properties). A refused detail call: readErrors.<key>.
 */
export function webAclEmitted(where: Where, read: WebAclRead): Emitted {
  const arn = read.summary.ARN as string;
  const asset: Asset = makeAsset(where, {
    id: arn,
    type: 'aws_wafv2_web_acl',
    class: 'Firewall',
    name: read.summary.Name ?? (read.summary.Id as string),
    config: { Id: read.summary.Id, ARN: arn, Scope: read.scope, Summary: plainConfig(read.summary) },
  });
  mergeDetail(asset, 'WebACL', read.webAcl, (value) => value.WebACL ?? null);
  mergeDetail(asset, 'LoggingConfiguration', read.logging, (configurations) => {
    const own = configurations.find((configuration) => configuration.ResourceArn === arn);
    return own ? plainConfig(own) : null;
  });
  const relationships: Relationship[] = [];
  if (read.resources) {
    mergeDetail(asset, 'AssociatedResourceArns', read.resources, (arns) => arns);
    if (read.resources.ok)
      for (const resourceArn of read.resources.value) relationships.push(protects(where, arn, resourceArn));
  }
  return { assets: [asset], relationships };
}

function protects(where: Where, webAclArn: string, resourceArn: string): Relationship {
  const stage = /^(arn:[^:]+:apigateway:[^:]*::\/restapis\/[^/]+)\/stages\/(.+)$/.exec(resourceArn);
  if (stage) return makeRelationship(where, webAclArn, 'PROTECTS', stage[1], { stage: stage[2] });
  return makeRelationship(where, webAclArn, 'PROTECTS', resourceArn);
}
