// /api/v1/assets: the inventory, its relationships and the control results per asset.
import { Router } from 'express';
import { z } from 'zod';
import type { AssetFilter } from '../../store/store';
import type { AppContext } from '../context';
import { defineRoute, notFound, pageQuery, pageSchema } from '../http';

export const assetSchema = z.object({
  key: z.string(),
  id: z.string(),
  accountId: z.string().describe("Cloudward's account id (GET /accounts/{id})"),
  awsAccountId: z.string().describe('The AWS account the asset lives in'),
  region: z.string(),
  service: z.string(),
  type: z.string(),
  class: z.string(),
  name: z.string(),
  tags: z.record(z.string(), z.string()),
  config: z.record(z.string(), z.unknown()),
  readErrors: z.record(z.string(), z.string()).optional(),
  facts: z.record(z.string(), z.unknown()),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
  deletedAt: z.string().nullable(),
});

/** A list row: the asset plus what the inventory shows beside it. */
const assetListItemSchema = assetSchema.extend({
  openAlerts: z.number().int().describe('Open alerts on this asset'),
});

const relationshipSchema = z.object({
  accountId: z.string(),
  fromId: z.string(),
  verb: z.string(),
  toId: z.string(),
  service: z.string(),
  region: z.string(),
  properties: z.record(z.string(), z.unknown()).optional(),
});

const neighbourhoodSchema = z.object({
  nodes: z.array(
    z.object({
      id: z.string(),
      hops: z.number().int().describe('0 for the asset itself'),
      asset: z
        .object({
          key: z.string(),
          name: z.string(),
          type: z.string(),
          class: z.string(),
          region: z.string(),
        })
        .nullable()
        .describe('Null when the id is not a live asset (an external principal, a service)'),
    }),
  ),
  edges: z.array(z.object({ fromId: z.string(), verb: z.string(), toId: z.string() })),
  omitted: z.number().int(),
});

export const resultSchema = z.object({
  controlId: z.string(),
  accountId: z.string(),
  region: z.string(),
  assetId: z.string(),
  resourceType: z.string(),
  status: z.enum(['pass', 'fail', 'not_applicable', 'error']),
  severity: z.string(),
  reason: z.string(),
  evidence: z.array(z.string()),
  trace: z.array(z.string()).optional(),
  exposed: z.boolean(),
  evaluatedAt: z.string(),
});

const shortText = z.string().trim().min(1).max(200);

const assetQuery = pageQuery.extend({
  // `account`, as on every list that filters by account (alerts, controls, frameworks, reports).
  account: shortText.optional().describe('Cloudward account id'),
  scope: z
    .enum(['global', 'regional'])
    .optional()
    .describe('global: IAM, S3 bucket list, CloudFront...; regional: everything else'),
  region: shortText.optional(),
  type: shortText.optional().describe('e.g. aws_ec2_instance'),
  class: shortText.optional().describe('e.g. Host, DataStore'),
  search: shortText.optional().describe('Substring of name or id, or exact tag value'),
  tag: z
    .string()
    .min(1)
    .max(300)
    .regex(/^[^:]+(:.*)?$/, 'tag must be key or key:value')
    .optional()
    .describe('key or key:value'),
});

const keyParams = z.object({ key: z.string().min(1).max(2048) });

export function assetsRouter(context: AppContext): Router {
  const router = Router();
  const { store } = context;
  const tags = ['assets'];

  defineRoute(
    router,
    {
      method: 'get',
      path: '/',
      summary: 'List assets',
      tags,
      query: assetQuery,
      response: pageSchema(assetListItemSchema).extend({
        total: z.number().int().describe('Assets matching the filters, over every page'),
      }),
    },
    async ({ query }) => {
      const { cursor, limit, tag, account, ...rest } = query;
      const filter: AssetFilter = { ...rest, accountId: account };
      if (tag !== undefined) {
        const separator = tag.indexOf(':');
        filter.tag =
          separator === -1 ? { key: tag } : { key: tag.slice(0, separator), value: tag.slice(separator + 1) };
      }
      const [page, total] = await Promise.all([
        store.listAssets(filter, { cursor, limit }),
        store.countAssets(filter),
      ]);
      const counts = await store.openAlertCounts(page.items);
      return {
        ...page,
        items: page.items.map((asset) => ({
          ...asset,
          openAlerts: counts.get(`${asset.accountId}/${asset.id}`) ?? 0,
        })),
        total,
      };
    },
  );

  // Before `/:key`, which would take "types" for an asset key.
  defineRoute(
    router,
    {
      method: 'get',
      path: '/types',
      summary: 'Asset types present, with counts (the inventory type facet)',
      tags,
      query: z.object({
        account: shortText.optional().describe('Cloudward account id'),
        scope: z.enum(['global', 'regional']).optional(),
      }),
      response: z.object({ items: z.array(z.object({ type: z.string(), count: z.number().int() })) }),
    },
    async ({ query }) => ({
      items: await store.listAssetTypes({ accountId: query.account, scope: query.scope }),
    }),
  );

  const loadAsset = async (key: string) => {
    const asset = await store.getAsset(key);
    if (!asset) throw notFound('asset', key);
    return asset;
  };

  defineRoute(
    router,
    {
      method: 'get',
      path: '/:key',
      summary: 'Read one asset (configuration and facts)',
      tags,
      params: keyParams,
      response: assetSchema,
      problems: [404],
    },
    async ({ params }) => loadAsset(params.key),
  );

  defineRoute(
    router,
    {
      method: 'get',
      path: '/:key/relationships',
      summary: 'Relationships touching an asset',
      tags,
      params: keyParams,
      response: z.object({ items: z.array(relationshipSchema) }),
      problems: [404],
    },
    async ({ params }) => {
      const asset = await loadAsset(params.key);
      return { items: await store.listRelationships(asset.accountId, asset.id) };
    },
  );

  defineRoute(
    router,
    {
      method: 'get',
      path: '/:key/neighbourhood',
      summary: 'The asset and what lies within a few relationships of it, bounded (for the graph)',
      description:
        'Nodes nearest first, at most `limit`; `omitted` counts nodes reached within the hops that the limit left ' +
        'out (hops past the limit are not explored). Edges are those between the nodes returned.',
      tags,
      params: keyParams,
      query: z.object({
        hops: z.coerce.number().int().min(1).max(4).default(2).describe('How many relationships away'),
        limit: z.coerce.number().int().min(2).max(500).default(150).describe('Most nodes returned'),
      }),
      response: neighbourhoodSchema,
      problems: [404],
    },
    async ({ params, query }) => {
      const asset = await loadAsset(params.key);
      return store.neighbourhood(asset.accountId, asset.id, query);
    },
  );

  defineRoute(
    router,
    {
      method: 'get',
      path: '/:key/findings',
      summary: 'Latest control results for an asset',
      tags,
      params: keyParams,
      query: pageQuery.extend({
        status: z.enum(['pass', 'fail', 'not_applicable', 'error']).optional(),
      }),
      response: pageSchema(resultSchema),
      problems: [404],
    },
    async ({ params, query }) => {
      const asset = await loadAsset(params.key);
      return store.listResults(
        {
          accountId: asset.accountId,
          assetId: asset.id,
          ...(query.status ? { status: [query.status] } : {}),
        },
        { cursor: query.cursor, limit: query.limit },
      );
    },
  );

  return router;
}
