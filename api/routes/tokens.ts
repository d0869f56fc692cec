// /api/v1/tokens (admin), /api/v1/audit-log (admin), /api/v1/me (anyone with a token).
import { Router } from 'express';
import { z } from 'zod';
import { generateToken, hashToken } from '../auth';
import type { AppContext } from '../context';
import { defineRoute, HttpProblem, idParams, notFound, pageQuery, pageSchema } from '../http';

const tokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(['admin', 'auditor']),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

const createTokenBody = z.strictObject({
  name: z.string().trim().min(1, 'name must not be empty').max(100),
  role: z.enum(['admin', 'auditor']),
});

const auditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
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
      summary: 'Admin actions, newest first',
      tags: ['audit'],
      role: 'admin',
      query: pageQuery,
      response: pageSchema(auditEntrySchema),
    },
    async ({ query }) => context.store.listAudit(query),
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
      response: z.object({ name: z.string(), role: z.enum(['admin', 'auditor']), tokenId: z.string() }),
    },
    async ({ principal }) => ({
      name: principal.name,
      role: principal.role,
      tokenId: principal.tokenId,
    }),
  );
  return router;
}
