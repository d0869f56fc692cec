// /api/v1/alerts and /api/v1/suppressions: the compliance officer's review (filters, suppress with justification).
import { Router } from 'express';
import { z } from 'zod';
import { SEVERITIES, type Severity } from '../../store/model';
import type { AppContext } from '../context';
import { evidenceSchema, traceSchema } from '../export/schema';
import { alertFilterFromQuery, alertFilterQuery } from './alert-filter';
import { attackPathSchema, withAttackPaths } from './attack-paths';
import {
  defineRoute,
  idParams,
  notFound,
  pageQuery,
  pageSchema,
  validationProblem,
  type FieldError,
} from '../http';
import { isKnownRegion } from '../regions';

export const alertSchema = z.object({
  id: z.string(),
  controlId: z.string(),
  accountId: z.string(),
  region: z.string(),
  assetId: z.string(),
  assetKey: z.string().nullable(),
  assetName: z.string().nullable(),
  resourceType: z.string(),
  status: z.enum(['open', 'resolved', 'suppressed']),
  severity: z.enum(SEVERITIES as [Severity, ...Severity[]]),
  reason: z.string(),
  evidence: evidenceSchema,
  trace: traceSchema,
  exposed: z.boolean(),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
  resolvedAt: z.string().nullable(),
  suppressionId: z.string().nullable(),
  history: z.array(z.object({ at: z.string(), event: z.string(), detail: z.string().optional() })),
  attackPaths: z
    .array(attackPathSchema)
    .optional()
    .describe('Alerts of the attack path controls: the path from the internet, hop by hop (last evaluation)'),
});

export const suppressionSchema = z.object({
  id: z.string(),
  controlId: z.string().nullable(),
  assetId: z.string().nullable(),
  accountId: z.string().nullable(),
  region: z.string().nullable(),
  tagKey: z.string().nullable(),
  tagValue: z.string().nullable(),
  justification: z.string(),
  author: z.string(),
  expiresAt: z.string().nullable(),
  createdAt: z.string(),
});

const alertQuery = pageQuery.extend(alertFilterQuery.shape);

const justification = z.string().trim().min(3, 'justification is required (at least 3 characters)').max(2000);
/** "In the future" by the store's clock, the same one that decides when a suppression lapses. */
const futureDate = (now: () => Date) =>
  z.iso
    .datetime({ offset: true, error: 'expiresAt must be an ISO 8601 date-time' })
    .refine((value) => Date.parse(value) > now().getTime(), 'expiresAt must be in the future');

const suppressBody = (now: () => Date) =>
  z.strictObject({
    justification,
    expiresAt: futureDate(now).optional(),
  });

const matcher = z.string().trim().min(1).max(2048).optional();
const suppressionBody = (now: () => Date) =>
  z
    .strictObject({
      controlId: matcher,
      assetId: matcher,
      accountId: matcher,
      region: matcher,
      tagKey: matcher,
      tagValue: z.string().max(256).optional(),
      justification,
      expiresAt: futureDate(now).optional(),
    })
    .superRefine((body, ctx) => {
      if (!body.controlId && !body.assetId && !body.accountId && !body.region && !body.tagKey) {
        ctx.addIssue({
          code: 'custom',
          path: [],
          message: 'give at least one matcher: controlId, assetId, accountId, region or tagKey',
        });
      }
      if (body.tagValue !== undefined && !body.tagKey) {
        ctx.addIssue({ code: 'custom', path: ['tagValue'], message: 'tagValue needs tagKey' });
      }
    });

export function alertsRouter(context: AppContext): Router {
  const router = Router();
  const { store } = context;
  const tags = ['alerts'];

  defineRoute(
    router,
    {
      method: 'get',
      path: '/',
      summary: 'List alerts (exposed first, then severity)',
      tags,
      query: alertQuery,
      response: pageSchema(alertSchema).extend({
        total: z.number().int().describe('Alerts matching the filters, over every page'),
      }),
    },
    async ({ query }) => {
      const filter = await alertFilterFromQuery(context.resolveControlIds, query);
      if (!filter) return { items: [], nextCursor: null, total: 0 };
      const [page, total] = await Promise.all([
        store.listAlerts(filter, { cursor: query.cursor, limit: query.limit }),
        store.countAlerts(filter),
      ]);
      const items = [];
      for (const alert of page.items) items.push(await withAttackPaths(store, alert));
      return { ...page, items, total };
    },
  );

  // Before `/:id`, which would take "groups" for an alert id.
  defineRoute(
    router,
    {
      method: 'get',
      path: '/groups',
      summary: 'Alerts grouped by control or by asset (the same filters as the list), most urgent first',
      tags,
      query: alertFilterQuery.extend({
        by: z.enum(['control', 'asset']),
        limit: z.coerce.number().int().min(1).max(500).default(200),
      }),
      response: z.object({
        items: z.array(
          z.object({
            key: z.string().describe('Control id, or asset id for by=asset'),
            accountId: z.string().nullable(),
            resourceType: z.string().nullable(),
            count: z.number().int(),
            severity: z.string().describe('The most severe alert of the group'),
            exposed: z.boolean(),
          }),
        ),
      }),
    },
    async ({ query }) => {
      const { by, limit, ...filters } = query;
      const filter = await alertFilterFromQuery(context.resolveControlIds, filters);
      if (!filter) return { items: [] };
      return { items: await store.groupAlerts(filter, by, limit) };
    },
  );

  defineRoute(
    router,
    {
      method: 'get',
      path: '/:id',
      summary: 'Read one alert with its history',
      tags,
      params: idParams,
      response: alertSchema,
      problems: [404],
    },
    async ({ params }) => {
      const alert = await store.getAlert(params.id);
      if (!alert) throw notFound('alert', params.id);
      return withAttackPaths(store, alert);
    },
  );

  defineRoute(
    router,
    {
      method: 'post',
      path: '/:id/suppress',
      summary: 'Suppress an alert as an accepted risk',
      tags,
      role: 'auditor',
      params: idParams,
      body: suppressBody(() => store.now()),
      response: alertSchema,
      problems: [404],
    },
    async ({ params, body, principal }) => {
      const alert = await store.getAlert(params.id);
      if (!alert) throw notFound('alert', params.id);
      const suppressed = await store.suppressAlert(alert.id, {
        justification: body.justification,
        author: principal.name,
        expiresAt: body.expiresAt ?? null,
      });
      await context.audit(principal, 'alert.suppress', 'alert', alert.id, {
        justification: body.justification,
        expiresAt: body.expiresAt ?? null,
        suppressionId: suppressed.suppressionId,
      });
      return suppressed;
    },
  );

  return router;
}

export function suppressionsRouter(context: AppContext): Router {
  const router = Router();
  const { store } = context;
  const tags = ['suppressions'];

  defineRoute(
    router,
    {
      method: 'get',
      path: '/',
      summary: 'List suppression rules',
      tags,
      query: pageQuery,
      response: pageSchema(suppressionSchema),
    },
    async ({ query }) => store.listSuppressions(query),
  );

  defineRoute(
    router,
    {
      method: 'get',
      path: '/:id',
      summary: 'Read one suppression rule (what a suppressed alert points at)',
      tags,
      params: idParams,
      response: suppressionSchema,
      problems: [404],
    },
    async ({ params }) => {
      const rule = await store.getSuppression(params.id);
      if (!rule) throw notFound('suppression', params.id);
      return rule;
    },
  );

  defineRoute(
    router,
    {
      method: 'post',
      path: '/',
      summary: 'Create a suppression rule (every given matcher must match)',
      tags,
      role: 'auditor',
      body: suppressionBody(() => store.now()),
      response: suppressionSchema,
      successStatus: 201,
    },
    async ({ body, principal }) => {
      // A matcher that names nothing real would silently never match: refuse typos instead.
      const unknown: FieldError[] = [];
      if (body.accountId && !(await store.getAccount(body.accountId)))
        unknown.push({ path: 'body.accountId', message: `account ${body.accountId} does not exist` });
      if (body.controlId && context.isKnownControl && !context.isKnownControl(body.controlId))
        unknown.push({ path: 'body.controlId', message: `control ${body.controlId} does not exist` });
      if (body.region && body.region !== 'global' && !isKnownRegion(body.region))
        unknown.push({ path: 'body.region', message: `${body.region} is not an AWS region (or "global")` });
      if (
        body.assetId &&
        unknown.length === 0 &&
        (await store.countAssets({ id: body.assetId, accountId: body.accountId, includeDeleted: true })) === 0
      )
        unknown.push({
          path: 'body.assetId',
          message: `no asset ${body.assetId}${body.accountId ? ` in account ${body.accountId}` : ''} is known`,
        });
      if (unknown.length > 0) throw validationProblem(unknown);
      const suppression = await store.createSuppression({
        controlId: body.controlId ?? null,
        assetId: body.assetId ?? null,
        accountId: body.accountId ?? null,
        region: body.region ?? null,
        tagKey: body.tagKey ?? null,
        tagValue: body.tagValue ?? null,
        justification: body.justification,
        author: principal.name,
        expiresAt: body.expiresAt ?? null,
      });
      await context.audit(principal, 'suppression.create', 'suppression', suppression.id, { ...body });
      return suppression;
    },
  );

  defineRoute(
    router,
    {
      method: 'delete',
      path: '/:id',
      summary: 'Delete a suppression rule (muted alerts that still fail reopen)',
      tags,
      role: 'auditor',
      params: idParams,
      successStatus: 204,
      problems: [404],
    },
    async ({ params, principal }) => {
      if (!(await store.getSuppression(params.id))) throw notFound('suppression', params.id);
      await store.deleteSuppression(params.id);
      await context.audit(principal, 'suppression.delete', 'suppression', params.id, {});
      return undefined;
    },
  );

  return router;
}
