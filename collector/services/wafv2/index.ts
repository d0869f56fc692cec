// WAFv2 (regional): web ACLs of scope REGIONAL in every region read, and of scope CLOUDFRONT in us-east-1 (AWS keeps
// CloudFront's web ACLs there: their ARNs name us-east-1, and the API answers for them only there). Each with its rules
// (GetWebACL), its logging configuration (one ListLoggingConfigurations per scope) and, for REGIONAL ones, the load
// balancers and API Gateway stages it protects (ListResourcesForWebACL). CloudFront's side of the association is the
// distribution's WebACLId (the cloudfront module draws that edge).
import {
  GetWebACLCommand,
  ListLoggingConfigurationsCommand,
  ListResourcesForWebACLCommand,
  ListWebACLsCommand,
  type LoggingConfiguration,
  type ResourceType,
  WAFV2Client,
  type WebACLSummary,
} from '@aws-sdk/client-wafv2';
import type { CollectContext, CollectorModule } from '../../types';
import { detail, emitAll, isGone, markerPages, readOutput, whereOf } from '../../read';
import { wafv2Operations, wafv2ResourceTypes } from './declarations';
import { type WebAclScope, webAclEmitted } from './transform';

export const wafv2Collector: CollectorModule = {
  service: 'wafv2',
  scope: 'regional',
  resourceTypes: wafv2ResourceTypes,
  operations: wafv2Operations,
  collect: collectWafv2,
};

/** A web ACL deleted since the list. */
const WEB_ACL_GONE = ['WAFNonexistentItemException'];
/** The associations Cloudward relates: application load balancers and API Gateway REST API stages. */
const ASSOCIATED_TYPES: ResourceType[] = ['APPLICATION_LOAD_BALANCER', 'API_GATEWAY'];
/** Where CLOUDFRONT-scoped web ACLs live (commercial partition). */
const CLOUDFRONT_REGION = 'us-east-1';

async function collectWafv2(ctx: CollectContext): Promise<void> {
  const scopes: WebAclScope[] =
    ctx.region === CLOUDFRONT_REGION && ctx.partition === 'aws' ? ['REGIONAL', 'CLOUDFRONT'] : ['REGIONAL'];
  for (const scope of scopes) await collectScope(ctx, scope);
}

async function collectScope(ctx: CollectContext, scope: WebAclScope): Promise<void> {
  const client = ctx.client(WAFV2Client);
  const where = whereOf(ctx, wafv2Collector.service);
  // NextMarker is present while more web ACLs follow.
  const summaries: WebACLSummary[] = [];
  for await (const page of markerPages(
    (marker) => client.send(new ListWebACLsCommand({ Scope: scope, Limit: 100, NextMarker: marker })),
    // An empty page ends the list even when a NextMarker comes with it.
    (page) => (page.WebACLs?.length ? page.NextMarker : undefined),
  ))
    for (const summary of page.WebACLs ?? [])
      if (summary.ARN && summary.Name && summary.Id) summaries.push(summary);
  if (summaries.length === 0) return;
  const logging = await detail(() => loggingConfigurations(client, scope));
  const reads = await ctx.mapLimit(summaries, async (summary) => ({
    scope,
    summary,
    logging,
    webAcl: await readOutput(() =>
      client.send(new GetWebACLCommand({ Name: summary.Name, Id: summary.Id, Scope: scope })),
    ),
    resources:
      scope === 'REGIONAL' ? await detail(() => associatedResources(client, summary.ARN!)) : undefined,
  }));
  await emitAll(
    ctx,
    reads.filter((read) => !isGone(read.webAcl, WEB_ACL_GONE)).map((read) => webAclEmitted(where, read)),
  );
}

async function loggingConfigurations(
  client: WAFV2Client,
  scope: WebAclScope,
): Promise<LoggingConfiguration[]> {
  const configurations: LoggingConfiguration[] = [];
  for await (const page of markerPages(
    (marker) =>
      client.send(new ListLoggingConfigurationsCommand({ Scope: scope, Limit: 100, NextMarker: marker })),
    (page) => (page.LoggingConfigurations?.length ? page.NextMarker : undefined),
  ))
    configurations.push(...(page.LoggingConfigurations ?? []));
  return configurations;
}

async function associatedResources(client: WAFV2Client, webAclArn: string): Promise<string[]> {
  const arns: string[] = [];
  for (const type of ASSOCIATED_TYPES) {
    const output = await client.send(
      new ListResourcesForWebACLCommand({ WebACLArn: webAclArn, ResourceType: type }),
    );
    arns.push(...(output.ResourceArns ?? []));
  }
  return arns;
}
