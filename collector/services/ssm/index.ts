// SSM (regional): parameter metadata (DescribeParameters) and the account's own documents with their sharing
// (ListDocuments Owner Self, DescribeDocumentPermission). Never GetParameter(s) or GetDocument: values and document
// content are the customer's data.
import {
  DescribeDocumentPermissionCommand,
  type DocumentIdentifier,
  paginateDescribeParameters,
  paginateListDocuments,
  type ParameterMetadata,
  SSMClient,
} from '@aws-sdk/client-ssm';
import type { CollectContext, CollectorModule } from '../../types';
import { detail, isGone, ListFailures, whereOf } from '../../read';
import { ssmOperations, ssmResourceTypes } from './declarations';
import { type DocumentPermission, documentAsset, parameterAsset, parameterRelationships } from './transform';

export const ssmCollector: CollectorModule = {
  service: 'ssm',
  scope: 'regional',
  resourceTypes: ssmResourceTypes,
  operations: ssmOperations,
  collect: collectSsm,
};

/** A document deleted since ListDocuments. */
const DOCUMENT_GONE = ['InvalidDocument'];

async function collectSsm(ctx: CollectContext): Promise<void> {
  const client = ctx.client(SSMClient);
  const scope = whereOf(ctx, ssmCollector.service);
  const failures = new ListFailures(ctx, ['aws_ssm_parameter', 'aws_ssm_document']);
  await Promise.all([
    failures.run(['aws_ssm_parameter'], async () => {
      // DescribeParameters may answer a page with no parameters and a NextToken: the paginator keeps going.
      const entries: ParameterMetadata[] = [];
      for await (const page of paginateDescribeParameters({ client }, { MaxResults: 50 }))
        entries.push(...(page.Parameters ?? []));
      if (entries.length === 0) return;
      const assets = entries.map((entry) => parameterAsset(scope, entry));
      await ctx.emit({
        assets,
        relationships: assets.flatMap((asset) => parameterRelationships(scope, asset)),
      });
    }),
    failures.run(['aws_ssm_document'], async () => {
      // Owner Self: AWS's and other accounts' shared documents are not this account's to fix.
      const identifiers: DocumentIdentifier[] = [];
      const filter = { Filters: [{ Key: 'Owner', Values: ['Self'] }], MaxResults: 50 };
      for await (const page of paginateListDocuments({ client }, filter))
        identifiers.push(...(page.DocumentIdentifiers ?? []).filter((identifier) => identifier.Name));
      if (identifiers.length === 0) return;
      const reads = await ctx.mapLimit(identifiers, async (identifier) => ({
        identifier,
        permission: await detail(() => documentPermission(client, identifier.Name as string)),
      }));
      const present = reads.filter((read) => !isGone(read.permission, DOCUMENT_GONE));
      await ctx.emit({
        assets: present.map((read) => documentAsset(scope, read.identifier, read.permission)),
      });
    }),
  ]);
  failures.finish();
}

/** Every page of DescribeDocumentPermission(Share): account ids ("all" = public) and per-account versions. */
async function documentPermission(client: SSMClient, name: string): Promise<DocumentPermission> {
  const merged: DocumentPermission = { AccountIds: [], AccountSharingInfoList: [] };
  let token: string | undefined;
  do {
    const page = await client.send(
      new DescribeDocumentPermissionCommand({ Name: name, PermissionType: 'Share', NextToken: token }),
    );
    merged.AccountIds.push(...(page.AccountIds ?? []));
    merged.AccountSharingInfoList.push(...(page.AccountSharingInfoList ?? []));
    token = page.NextToken;
  } while (token);
  return merged;
}
