// /api/v1/attack-paths: the failing results of the attack path controls, each with its hops in order (stored by the
// attack paths analyser on the workload's facts, see evaluator/analysers/attack-paths.ts).
import { Router } from 'express';
import { z } from 'zod';
import type { Alert, StoredAsset } from '../../store/model';
import type { Store } from '../../store/store';
import type { AppContext } from '../context';
import { evidenceSchema } from '../export/schema';
import { defineRoute, pageQuery, pageSchema } from '../http';

/** Control id -> which end of the path its facts hold. */
export const ATTACK_PATH_CONTROLS = {
  attack_path_internet_to_admin: 'admin',
  attack_path_internet_to_sensitive_data: 'data',
} as const;
type AttackPathControl = keyof typeof ATTACK_PATH_CONTROLS;

const hopSchema = z.object({
  kind: z.enum(['internet', 'network', 'workload', 'image', 'role', 'admin', 'bucket']),
  label: z.string(),
  id: z.string().optional().describe('Resource id (ARN) where the hop is a resource'),
  accountId: z
    .string()
    .optional()
    .describe("AWS account id of the hop's resource (a path may cross accounts through sts:AssumeRole)"),
});

export const attackPathSchema = z.object({
  end: z.enum(['admin', 'data']),
  hops: z.array(hopSchema).describe('In order, from the internet to the end'),
  summary: z.string(),
});

const attackPathFindingSchema = z.object({
  controlId: z.string(),
  end: z.enum(['admin', 'data']),
  severity: z.string(),
  accountId: z.string().describe("Cloudward's account id"),
  region: z.string(),
  assetId: z.string().describe('The workload the internet reaches (instance, function or ECS service)'),
  assetKey: z.string().nullable(),
  assetName: z.string().nullable(),
  resourceType: z.string(),
  reason: z.string(),
  evidence: evidenceSchema,
  paths: z.array(attackPathSchema),
  evaluatedAt: z.string(),
});

const attackPathQuery = pageQuery.extend({
  account: z.string().trim().min(1).max(200).optional().describe('Cloudward account id'),
  end: z
    .enum(['admin', 'data'])
    .optional()
    .describe('admin: paths to an administrator; data: paths to bucket objects; default both'),
});

function isAttackPathControl(controlId: string): controlId is AttackPathControl {
  return Object.hasOwn(ATTACK_PATH_CONTROLS, controlId);
}

/** The paths the analyser stored on the workload for one end (none when the facts hold none or look wrong). */
function storedPaths(asset: StoredAsset | null, end: 'admin' | 'data'): z.infer<typeof attackPathSchema>[] {
  const facts = asset?.facts?.attackPaths as Record<string, unknown> | undefined;
  const parsed = z.array(attackPathSchema).safeParse(facts?.[end === 'admin' ? 'adminPaths' : 'dataPaths']);
  return parsed.success ? parsed.data : [];
}

/** An alert of an attack path control carries its path (from the last evaluation); other alerts are unchanged. */
export async function withAttackPaths<T extends Alert>(
  store: Store,
  alert: T,
): Promise<T & { attackPaths?: z.infer<typeof attackPathSchema>[] }> {
  if (!isAttackPathControl(alert.controlId)) return alert;
  const asset = await store.getAssetById(alert.accountId, alert.assetId);
  return { ...alert, attackPaths: storedPaths(asset, ATTACK_PATH_CONTROLS[alert.controlId]) };
}

export function attackPathsRouter(context: AppContext): Router {
  const router = Router();
  const { store } = context;

  defineRoute(
    router,
    {
      method: 'get',
      path: '/',
      summary: 'List attack paths (failing results of the attack path controls, with their hops)',
      tags: ['attack paths'],
      query: attackPathQuery,
      response: pageSchema(attackPathFindingSchema),
    },
    async ({ query }) => {
      const controlIds = (Object.keys(ATTACK_PATH_CONTROLS) as AttackPathControl[]).filter(
        (id) => query.end === undefined || ATTACK_PATH_CONTROLS[id] === query.end,
      );
      const page = await store.listResults(
        { controlId: controlIds, accountId: query.account, status: ['fail'] },
        { cursor: query.cursor, limit: query.limit },
      );
      const items = [];
      for (const result of page.items) {
        const end = ATTACK_PATH_CONTROLS[result.controlId as AttackPathControl];
        const asset = await store.getAssetById(result.accountId, result.assetId);
        items.push({
          controlId: result.controlId,
          end,
          severity: result.severity,
          accountId: result.accountId,
          region: result.region,
          assetId: result.assetId,
          assetKey: asset?.key ?? null,
          assetName: asset?.name ?? null,
          resourceType: result.resourceType,
          reason: result.reason,
          evidence: result.evidence,
          paths: storedPaths(asset, end),
          evaluatedAt: result.evaluatedAt,
        });
      }
      return { items, nextCursor: page.nextCursor };
    },
  );

  return router;
}
