// OpenSearch Service (regional): every domain's status (encryption, VPC placement, TLS policy, access policy),
// named by ListDomainNames and described five at a time (DescribeDomains' documented limit).
import {
  DescribeDomainsCommand,
  type DomainStatus,
  ListDomainNamesCommand,
  OpenSearchClient,
} from '@aws-sdk/client-opensearch';
import type { CollectContext, CollectorModule } from '../../types';
import { chunks, whereOf } from '../../read';
import { opensearchOperations, opensearchResourceTypes } from './declarations';
import { domainAsset, domainRelationships } from './transform';

export const opensearchCollector: CollectorModule = {
  service: 'opensearch',
  scope: 'regional',
  resourceTypes: opensearchResourceTypes,
  operations: opensearchOperations,
  collect: collectOpenSearch,
};

const DESCRIBE_BATCH = 5;

async function collectOpenSearch(ctx: CollectContext): Promise<void> {
  const client = ctx.client(OpenSearchClient);
  const scope = whereOf(ctx, opensearchCollector.service);
  // ListDomainNames is not paged; without EngineType it names OpenSearch and Elasticsearch domains alike.
  const listed = await client.send(new ListDomainNamesCommand({}));
  const names = (listed.DomainNames ?? []).map((info) => info.DomainName).filter(Boolean) as string[];
  if (names.length === 0) return;
  // A refused batch fails the unit (AWS's code), so no domain is deleted on a partial read.
  const batches = await ctx.mapLimit(chunks(names, DESCRIBE_BATCH), async (batch) => {
    const output = await client.send(new DescribeDomainsCommand({ DomainNames: batch }));
    return output.DomainStatusList ?? [];
  });
  // A domain deleted since the list is simply missing from DescribeDomains' answer; one being deleted is dropped.
  const statuses = batches.flat().filter((status: DomainStatus) => status.ARN && !status.Deleted);
  const assets = statuses.map((status) => domainAsset(scope, status));
  await ctx.emit({ assets, relationships: assets.flatMap((asset) => domainRelationships(scope, asset)) });
}
