// /api/v1/syncs/:id: one sync's progress and per-service/region results.
import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../context';
import { defineRoute, idParams, notFound } from '../http';

export const syncSchema = z.object({
  id: z.string(),
  accountId: z.string(),
  trigger: z.enum(['manual', 'schedule', 'create', 'scan', 'event']),
  status: z.enum(['queued', 'running', 'succeeded', 'partial', 'failed', 'interrupted']),
  progress: z.object({ done: z.number(), total: z.number(), current: z.string().optional() }),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  services: z.array(
    z.object({
      service: z.string(),
      region: z.string(),
      status: z.enum(['ok', 'failed', 'skipped']),
      errorCode: z.string().optional(),
      errorMessage: z.string().optional(),
      completeTypes: z.array(z.string()),
      assetCount: z.number(),
      calls: z.record(z.string(), z.number()),
      retries: z.number(),
      throttles: z.number(),
      durationMs: z.number(),
    }),
  ),
  error: z.string().optional(),
});

export function syncsRouter(context: AppContext): Router {
  const router = Router();
  defineRoute(
    router,
    {
      method: 'get',
      path: '/:id',
      summary: 'Read one sync (progress, per-service results)',
      tags: ['syncs'],
      params: idParams,
      response: syncSchema,
      problems: [404],
    },
    async ({ params }) => {
      const sync = await context.store.getSync(params.id);
      if (!sync) throw notFound('sync', params.id);
      return sync;
    },
  );
  return router;
}
