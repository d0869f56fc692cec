// /api/v1/tokens (admin), /api/v1/audit-log (auditor: the log holds no secrets), /api/v1/me (anyone with a token).
import { Router } from 'express';
import { z } from 'zod';
import { generateToken, hashToken } from '../auth';
import { ROLES, type AuditEntry } from '../../store/model';
import type { Store } from '../../store/store';
import type { AppContext } from '../context';
import { defineRoute, HttpProblem, idParams, notFound, pageQuery, pageSchema } from '../http';

const tokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

const createTokenBody = z.strictObject({
  name: z.string().trim().min(1, 'name must not be empty').max(100),
  role: z.enum(ROLES),
});

const auditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  targetName: z
    .string()
    .nullable()
    .describe(
      'What the target is called now (account or token name, alert control and asset); null once gone',
    ),
});

export function tokensRouter(context: AppContext): Router {
  const router = Router();
  const { store } = context;
  const tags = ['tokens'];

  defineRoute(
    router,
    {
      method: 'get',
      path: '/',
      summary: 'List API tokens (never their secrets)',
      tags,
      role: 'admin',
      response: z.object({ items: z.array(tokenSchema) }),
    },
    async () => ({
      items: await store.listTokens(),
    }),
  );

  defineRoute(
    router,
    {
      method: 'post',
      path: '/',
      summary: 'Create an API token; the secret is returned once',
      tags,
      role: 'admin',
      body: createTokenBody,
      response: tokenSchema.extend({
        token: z.string().describe('The bearer secret; shown only in this response'),
      }),
      successStatus: 201,
    },
    async ({ body, principal }) => {
      const secret = generateToken();
      const token = await store.createToken({
        name: body.name,
        role: body.role,
        tokenHash: hashToken(secret),
      });
      await context.audit(principal, 'token.create', 'token', token.id, {
        name: token.name,
        role: token.role,
      });
      return { ...token, token: secret };
    },
  );

  defineRoute(
    router,
    {
      method: 'delete',
      path: '/:id',
      summary: 'Revoke an API token',
      tags,
      role: 'admin',
      params: idParams,
      successStatus: 204,
      problems: [404, 409],
    },
    async ({ params, principal }) => {
      const token = (await store.listTokens()).find((candidate) => candidate.id === params.id);
      if (!token) throw notFound('token', params.id);
      if (token.revokedAt !== null) return undefined;
      if (token.id === principal.tokenId) {
        // Revoking the token in use could lock the last admin out; use another admin token to do it.
        const otherAdmins = (await store.listTokens()).filter(
          (candidate) =>
            candidate.role === 'admin' && candidate.revokedAt === null && candidate.id !== token.id,
        );
        if (otherAdmins.length === 0)
          throw new HttpProblem(
            409,
            'Conflict',
            'This is the last active admin token; create another admin token first.',
          );
      }
      await store.revokeToken(token.id);
      await context.audit(principal, 'token.revoke', 'token', token.id, {
        name: token.name,
        role: token.role,
      });
      return undefined;
    },
  );

  return router;
}

export function auditRouter(context: AppContext): Router {
  const router = Router();
  defineRoute(
    router,
    {
      method: 'get',
      path: '/',
      summary: 'Who did what, newest first (admin and auditor actions; never secrets)',
      tags: ['audit'],
      role: 'auditor',
      query: pageQuery,
      response: pageSchema(auditEntrySchema),
    },
    async ({ query }) => {
      const page = await context.store.listAudit(query);
      const names = await targetNames(context.store, page.items);
      return {
        ...page,
        items: page.items.map((entry) => ({
          ...entry,
          targetName: names.get(`${entry.targetType}:${entry.targetId}`) ?? null,
        })),
      };
    },
  );
  return router;
}

export function meRouter(): Router {
  const router = Router();
  defineRoute(
    router,
    {
      method: 'get',
      path: '/',
      summary: 'Who the token belongs to',
      tags: ['tokens'],
      response: z.object({ name: z.string(), role: z.enum(ROLES), tokenId: z.string() }),
    },
    async ({ principal }) => ({
      name: principal.name,
      role: principal.role,
      tokenId: principal.tokenId,
    }),
  );
  return router;
}

/** Names for the targets of one page of the log: one lookup per distinct target (a page holds at most 500). */
async function targetNames(store: Store, entries: AuditEntry[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const wanted = new Map<string, { type: string; id: string }>();
  for (const entry of entries)
    if (entry.targetId !== null)
      wanted.set(`${entry.targetType}:${entry.targetId}`, { type: entry.targetType, id: entry.targetId });
  const tokens = [...wanted.values()].some((target) => target.type === 'token')
    ? await store.listTokens()
    : [];
  for (const [key, { type, id }] of wanted) {
    let name: string | undefined;
    if (type === 'token') name = tokens.find((token) => token.id === id)?.name;
    else if (type === 'account') name = (await store.getAccount(id))?.name;
    else if (type === 'alert') {
      const alert = await store.getAlert(id);
      if (alert) name = `${alert.controlId} on ${alert.assetName ?? alert.assetId}`;
    } else if (type === 'suppression') {
      const rule = await store.getSuppression(id);
      if (rule) name = rule.justification;
    }
    if (name !== undefined) names.set(key, name);
  }
  return names;
}
