// /api/v1/accounts: the admin's job from seed 001 (connect, configure, enable/disable, sync, test connection).
import { Router } from 'express';
import { z } from 'zod';
import type { Account } from '../../store/model';
import { ConflictError } from '../../store/store';
import {
  accountNameSchema,
  awsAccountIdSchema,
  crossFieldErrors,
  externalIdSchema,
  regionsSchema,
  roleArnSchema,
} from '../account-rules';
import type { AppContext } from '../context';
import { openExternalId, sealExternalId, showExternalId } from '../external-id-view';
import {
  defineRoute,
  HttpProblem,
  idParams,
  notFound,
  pageQuery,
  pageSchema,
  PROBLEM_TYPES,
  syncRunningProblem,
  validationProblem,
  type Principal,
} from '../http';
import { AccountDisabledError, QueueUnavailableError, requestSync } from '../jobs/account-jobs';
import { testConnection } from '../test-connection';
import { syncSchema } from './syncs';

export const accountSchema = z.object({
  id: z.string(),
  name: z.string(),
  awsAccountId: z.string(),
  roleArn: z.string(),
  externalId: z
    .string()
    .describe('Plaintext for admins on single-account reads; masked for auditors and in lists'),
  externalIdMasked: z.boolean(),
  regions: z.array(z.string()),
  status: z.enum(['enabled', 'disabled']),
  createdAt: z.string(),
  updatedAt: z.string(),
  lastSyncId: z.string().nullable(),
  lastSyncStatus: z.string().nullable(),
  lastSyncAt: z.string().nullable(),
});
export type AccountView = z.infer<typeof accountSchema>;

const createBody = z.strictObject({
  name: accountNameSchema,
  awsAccountId: awsAccountIdSchema,
  roleArn: roleArnSchema,
  regions: regionsSchema,
  externalId: externalIdSchema.optional().describe('Generated (32 random characters) when absent'),
  sync: z.boolean().default(false).describe('Queue the first sync right away'),
});

const patchBody = z
  .strictObject({
    name: accountNameSchema.optional(),
    roleArn: roleArnSchema.optional(),
    externalId: externalIdSchema.optional(),
    regions: regionsSchema.optional(),
  })
  .refine(
    (body) => Object.values(body).some((value) => value !== undefined),
    'send at least one of name, roleArn, externalId, regions',
  );

const connectionResultSchema = z.union([
  z.object({ ok: z.literal(true), callerArn: z.string(), accountId: z.string() }),
  z.object({ ok: z.literal(false), errorCode: z.string(), message: z.string() }),
]);

export function accountView(
  context: AppContext,
  account: Account,
  principal: Principal,
  reveal: boolean,
): AccountView {
  const { externalIdCiphertext, ...rest } = account;
  return {
    ...rest,
    ...showExternalId(context, externalIdCiphertext, { principal, reveal, owner: `account ${account.id}` }),
  };
}

/** 503: the job queue did not take the sync; requestSync has already recorded it as failed. */
export function queueUnavailable(
  error: QueueUnavailableError,
  what: string,
  accountId?: string,
): HttpProblem {
  return new HttpProblem(
    503,
    'Service Unavailable',
    `${what} could not be queued: the job queue is unreachable (${error.message}). Try again when it is back.`,
    { type: PROBLEM_TYPES.unavailable, ...(accountId ? { accountId } : {}) },
  );
}

export async function loadAccount(context: AppContext, id: string): Promise<Account> {
  const account = await context.store.getAccount(id);
  if (!account) throw notFound('account', id);
  return account;
}

export function accountsRouter(context: AppContext): Router {
  const router = Router();
  const { store } = context;
  const tags = ['accounts'];

  defineRoute(
    router,
    {
      method: 'get',
      path: '/',
      summary: 'List connected AWS accounts',
      tags,
      query: pageQuery,
      response: pageSchema(accountSchema),
    },
    async ({ query, principal }) => {
      const page = await store.listAccounts(query);
      return {
        items: page.items.map((account) => accountView(context, account, principal, false)),
        nextCursor: page.nextCursor,
      };
    },
  );

  defineRoute(
    router,
    {
      method: 'post',
      path: '/',
      summary: 'Connect an AWS account',
      tags,
      role: 'admin',
      body: createBody,
      response: accountSchema,
      successStatus: 201,
      problems: [409, 503],
    },
    async ({ body, principal, res }) => {
      const fieldErrors = crossFieldErrors(body);
      if (fieldErrors.length > 0) throw validationProblem(fieldErrors);
      const externalId = sealExternalId(context, body.externalId);
      let account: Account;
      try {
        account = await store.createAccount({
          name: body.name,
          awsAccountId: body.awsAccountId,
          roleArn: body.roleArn,
          regions: body.regions,
          externalIdCiphertext: externalId.ciphertext,
        });
      } catch (error) {
        if (error instanceof ConflictError) {
          throw new HttpProblem(409, 'Conflict', `AWS account ${body.awsAccountId} is already connected.`, {
            type: PROBLEM_TYPES.conflict,
          });
        }
        throw error;
      }
      await context.audit(principal, 'account.create', 'account', account.id, {
        name: account.name,
        awsAccountId: account.awsAccountId,
        roleArn: account.roleArn,
        regions: account.regions,
        externalIdGenerated: externalId.generated,
      });
      if (body.sync) {
        try {
          const sync = await requestSync(store, context.jobs, account, 'create', context.enqueueTimeoutMs);
          res.setHeader('X-Sync-Id', sync.id);
        } catch (error) {
          if (error instanceof QueueUnavailableError)
            throw queueUnavailable(
              error,
              `The account ${account.id} was created, but its first sync`,
              account.id,
            );
          throw error;
        }
      }
      res.location(`/api/v1/accounts/${account.id}`);
      return accountView(context, (await store.getAccount(account.id)) ?? account, principal, true);
    },
  );

  defineRoute(
    router,
    {
      method: 'get',
      path: '/:id',
      summary: 'Read one account',
      tags,
      params: idParams,
      response: accountSchema,
      problems: [404],
    },
    async ({ params, principal }) =>
      accountView(context, await loadAccount(context, params.id), principal, true),
  );

  defineRoute(
    router,
    {
      method: 'patch',
      path: '/:id',
      summary: 'Configure an account (name, role ARN, external ID, regions)',
      description:
        "Removing a region deletes that region's assets, relationships and alerts. Region removal is refused while the account is disabled (its state is frozen).",
      tags,
      role: 'admin',
      params: idParams,
      body: patchBody,
      response: accountSchema,
      problems: [404, 409, 423],
    },
    async ({ params, body, principal }) => {
      const account = await loadAccount(context, params.id);
      const fieldErrors = crossFieldErrors({
        awsAccountId: account.awsAccountId,
        roleArn: body.roleArn ?? account.roleArn,
        regions: body.regions ?? account.regions,
      }).map((error) =>
        // The stored role/regions are not the caller's fault: point at the field they sent.
        error.path === 'body.roleArn' || body.regions ? error : { ...error, path: 'body.roleArn' },
      );
      if (fieldErrors.length > 0) throw validationProblem(fieldErrors);
      const removedRegions = body.regions
        ? account.regions.filter((region) => !body.regions!.includes(region))
        : [];
      if (account.status === 'disabled' && removedRegions.length > 0) {
        throw new HttpProblem(
          423,
          'Locked',
          'The account is disabled and its data is frozen; enable it before removing regions.',
          { type: PROBLEM_TYPES.accountDisabled },
        );
      }
      if (removedRegions.length > 0) {
        // A running sync would write the removed regions' assets back after their deletion.
        const running = await store.getRunningSync(account.id);
        if (running?.status === 'running') {
          throw new HttpProblem(
            409,
            'Conflict',
            `A sync of this account is running; remove ${removedRegions.join(', ')} when it has finished.`,
            { type: PROBLEM_TYPES.syncRunning, syncId: running.id },
          );
        }
      }
      const updated = await store.updateAccount(account.id, {
        ...(body.name !== undefined ? { name: body.name } : {}),
        ...(body.roleArn !== undefined ? { roleArn: body.roleArn } : {}),
        ...(body.regions !== undefined ? { regions: body.regions } : {}),
        ...(body.externalId !== undefined
          ? { externalIdCiphertext: sealExternalId(context, body.externalId).ciphertext }
          : {}),
      });
      await context.audit(principal, 'account.update', 'account', account.id, {
        changed: Object.keys(body).filter((key) => body[key as keyof typeof body] !== undefined),
        ...(body.name !== undefined ? { name: body.name } : {}),
        ...(body.roleArn !== undefined ? { roleArn: body.roleArn } : {}),
        ...(body.regions !== undefined ? { regions: body.regions, removedRegions } : {}),
      });
      return accountView(context, updated, principal, true);
    },
  );

  defineRoute(
    router,
    {
      method: 'delete',
      path: '/:id',
      summary: 'Disconnect an account and delete its data',
      tags,
      role: 'admin',
      params: idParams,
      successStatus: 204,
      problems: [404],
    },
    async ({ params, principal }) => {
      const account = await loadAccount(context, params.id);
      await store.deleteAccount(account.id);
      await context.audit(principal, 'account.delete', 'account', account.id, {
        name: account.name,
        awsAccountId: account.awsAccountId,
      });
      return undefined;
    },
  );

  for (const status of ['enabled', 'disabled'] as const) {
    const verb = status === 'enabled' ? 'enable' : 'disable';
    defineRoute(
      router,
      {
        method: 'post',
        path: `/:id/${verb}`,
        summary:
          status === 'enabled'
            ? 'Enable an account'
            : 'Disable an account (no sync, no evaluation, state frozen)',
        tags,
        role: 'admin',
        params: idParams,
        response: accountSchema,
        problems: [404],
      },
      async ({ params, principal }) => {
        const account = await loadAccount(context, params.id);
        const updated =
          account.status === status ? account : await store.setAccountStatus(account.id, status);
        if (account.status !== status)
          await context.audit(principal, `account.${verb}`, 'account', account.id, {});
        return accountView(context, updated, principal, true);
      },
    );
  }

  defineRoute(
    router,
    {
      method: 'post',
      path: '/:id/sync',
      summary: 'Start a sync',
      description:
        '202 with the sync id; 409 when a sync of the account is queued or running (one running for over 6 h, or in ' +
        'flight for over 60 s with no job in the queue, is instead recorded as failed and replaced); ' +
        '423 when the account is disabled; ' +
        '503 when the job queue (Redis) does not take the job within 5 s (the sync is then recorded as failed).',
      tags,
      role: 'admin',
      params: idParams,
      response: z.object({ syncId: z.string(), sync: syncSchema }),
      successStatus: 202,
      problems: [404, 409, 423, 503],
    },
    async ({ params, principal, res }) => {
      const account = await loadAccount(context, params.id);
      try {
        const sync = await requestSync(store, context.jobs, account, 'manual', context.enqueueTimeoutMs);
        await context.audit(principal, 'account.sync', 'account', account.id, { syncId: sync.id });
        res.location(`/api/v1/syncs/${sync.id}`);
        return { syncId: sync.id, sync };
      } catch (error) {
        if (error instanceof AccountDisabledError) {
          throw new HttpProblem(423, 'Locked', 'The account is disabled; enable it before syncing.', {
            type: PROBLEM_TYPES.accountDisabled,
          });
        }
        if (error instanceof ConflictError) {
          const running = await store.getRunningSync(account.id);
          throw syncRunningProblem('account', running ? { field: 'syncId', id: running.id } : undefined);
        }
        if (error instanceof QueueUnavailableError) throw queueUnavailable(error, 'The sync');
        throw error;
      }
    },
  );

  defineRoute(
    router,
    {
      method: 'post',
      path: '/:id/test-connection',
      summary: 'Assume the role with the external ID and call GetCallerIdentity',
      tags,
      role: 'admin',
      params: idParams,
      response: connectionResultSchema,
      problems: [404],
    },
    async ({ params, principal }) => {
      const account = await loadAccount(context, params.id);
      const result = await testConnection(
        {
          awsAccountId: account.awsAccountId,
          roleArn: account.roleArn,
          externalId: openExternalId(context, account.externalIdCiphertext),
          regions: account.regions,
        },
        { createClient: context.createStsClient, env: context.env },
      );
      await context.audit(
        principal,
        'account.test-connection',
        'account',
        account.id,
        result.ok ? { ok: true } : { ok: false, errorCode: result.errorCode },
      );
      return result;
    },
  );

  defineRoute(
    router,
    {
      method: 'get',
      path: '/:id/syncs',
      summary: 'Sync history of an account, newest first',
      tags,
      params: idParams,
      query: pageQuery,
      response: pageSchema(syncSchema),
      problems: [404],
    },
    async ({ params, query }) => {
      const account = await loadAccount(context, params.id);
      return store.listSyncs(account.id, query);
    },
  );

  return router;
}
