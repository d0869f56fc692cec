// /api/v1/organizations: connect an AWS Organization once (its management account or a delegated administrator);
// a sync (a queued job, see api/jobs/organization-jobs.ts) lists its accounts, creates, enables or disables
// Cloudward accounts for the members and queues the first sync of each new one.
import { Router } from 'express';
import { z } from 'zod';
import type { Organization } from '../../store/organizations';
import { ConflictError } from '../../store/store';
import {
  accountNameSchema,
  awsAccountIdSchema,
  crossFieldErrors,
  externalIdSchema,
  OU_ID_PATTERN,
  regionsSchema,
  ROLE_NAME_PATTERN,
  roleArnSchema,
} from '../account-rules';
import type { AppContext } from '../context';
import { sealExternalId, showExternalId } from '../external-id-view';
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
import { QueueUnavailableError } from '../jobs/account-jobs';
import { requestOrganizationSync } from '../jobs/organization-jobs';
import { queueUnavailable } from './accounts';

export const ouIdSchema = z
  .string()
  .regex(OU_ID_PATTERN, 'an OU id (ou-xxxx-xxxxxxxx) or a root id (r-xxxx)');
const roleNameSchema = z
  .string()
  .regex(ROLE_NAME_PATTERN, 'memberRoleName must be an IAM role name (1-64 of letters, digits and +=,.@_-)');

const createBody = z.strictObject({
  name: accountNameSchema,
  managementAccountId: awsAccountIdSchema.describe('The management account or a delegated administrator'),
  roleArn: roleArnSchema.describe(
    'Role in managementAccountId that Cloudward assumes to list the organization',
  ),
  externalId: externalIdSchema.optional().describe('Generated when absent; the same in every member role'),
  memberRoleName: roleNameSchema.describe('The role name the StackSet deploys in every member account'),
  regions: regionsSchema,
  includeOuIds: z.array(ouIdSchema).max(1000).default([]),
  excludeOuIds: z.array(ouIdSchema).max(1000).default([]),
  includeAccountIds: z.array(awsAccountIdSchema).max(10000).default([]),
  excludeAccountIds: z.array(awsAccountIdSchema).max(10000).default([]),
  sync: z.boolean().default(false).describe('Queue the first organization sync right away'),
});

export const organizationSchema = z.object({
  id: z.string(),
  name: z.string(),
  managementAccountId: z.string(),
  roleArn: z.string(),
  externalId: z
    .string()
    .describe(
      'Plaintext for admins on single reads (the StackSet needs it); masked for auditors and in lists',
    ),
  externalIdMasked: z.boolean(),
  memberRoleName: z.string(),
  regions: z.array(z.string()),
  includeOuIds: z.array(z.string()),
  excludeOuIds: z.array(z.string()),
  includeAccountIds: z.array(z.string()),
  excludeAccountIds: z.array(z.string()),
  lastSyncAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const memberSchema = z.object({
  awsAccountId: z.string(),
  accountId: z.string().nullable(),
  name: z.string(),
  state: z.string(),
  parentPath: z.array(z.string()),
  managed: z.boolean(),
  reason: z.string(),
  updatedAt: z.string(),
});

const organizationSyncSchema = z.object({
  id: z.string(),
  organizationId: z.string(),
  trigger: z.enum(['manual', 'schedule', 'create']),
  status: z.enum(['queued', 'running', 'succeeded', 'failed']),
  progress: z.object({ done: z.number(), total: z.number(), current: z.string().optional() }),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  result: z
    .object({
      created: z.array(z.string()),
      enabled: z.array(z.string()),
      disabled: z.array(z.string()),
      queuedSyncs: z
        .array(z.object({ awsAccountId: z.string(), accountId: z.string(), syncId: z.string() }))
        .describe(
          'First syncs queued for new and re-enabled member accounts (follow them at /syncs/{syncId})',
        ),
      notQueued: z.array(z.object({ awsAccountId: z.string(), reason: z.string() })),
    })
    .nullable()
    .describe('What the sync changed; null until it has finished'),
  error: z.string().optional(),
});

const syncParams = z.object({ id: z.string().min(1).max(200), syncId: z.string().min(1).max(200) });

function organizationView(
  context: AppContext,
  organization: Organization,
  principal: Principal,
  reveal: boolean,
): z.infer<typeof organizationSchema> {
  const { externalIdCiphertext, ...rest } = organization;
  return {
    ...rest,
    ...showExternalId(context, externalIdCiphertext, {
      principal,
      reveal,
      owner: `organization ${organization.id}`,
    }),
  };
}

async function loadOrganization(context: AppContext, id: string): Promise<Organization> {
  const organization = await context.store.getOrganization(id);
  if (!organization) throw notFound('organization', id);
  return organization;
}

export function organizationsRouter(context: AppContext): Router {
  const router = Router();
  const { store } = context;
  const tags = ['organizations'];

  defineRoute(
    router,
    {
      method: 'get',
      path: '/',
      summary: 'List organization connections',
      tags,
      response: z.object({ items: z.array(organizationSchema) }),
    },
    async ({ principal }) => ({
      items: (await store.listOrganizations()).map((org) => organizationView(context, org, principal, false)),
    }),
  );

  defineRoute(
    router,
    {
      method: 'post',
      path: '/',
      summary: 'Connect an AWS Organization (management account or delegated administrator)',
      tags,
      role: 'admin',
      body: createBody,
      response: organizationSchema,
      successStatus: 201,
      problems: [409, 503],
    },
    async ({ body, principal, res }) => {
      const fieldErrors = crossFieldErrors({
        awsAccountId: body.managementAccountId,
        roleArn: body.roleArn,
        regions: body.regions,
      }).map((error) => ({ ...error, path: error.path }));
      if (fieldErrors.length > 0) throw validationProblem(fieldErrors);
      const externalId = sealExternalId(context, body.externalId);
      let organization: Organization;
      try {
        organization = await store.createOrganization({
          name: body.name,
          managementAccountId: body.managementAccountId,
          roleArn: body.roleArn,
          externalIdCiphertext: externalId.ciphertext,
          memberRoleName: body.memberRoleName,
          regions: body.regions,
          includeOuIds: body.includeOuIds,
          excludeOuIds: body.excludeOuIds,
          includeAccountIds: body.includeAccountIds,
          excludeAccountIds: body.excludeAccountIds,
        });
      } catch (error) {
        if (error instanceof ConflictError)
          throw new HttpProblem(409, 'Conflict', error.message, { type: PROBLEM_TYPES.conflict });
        throw error;
      }
      await context.audit(principal, 'organization.create', 'organization', organization.id, {
        name: organization.name,
        managementAccountId: organization.managementAccountId,
        roleArn: organization.roleArn,
        memberRoleName: organization.memberRoleName,
        externalIdGenerated: externalId.generated,
      });
      if (body.sync) {
        try {
          const sync = await requestOrganizationSync(
            store,
            context.jobs,
            organization,
            'create',
            context.enqueueTimeoutMs,
          );
          res.setHeader('X-Organization-Sync-Id', sync.id);
        } catch (error) {
          if (error instanceof QueueUnavailableError)
            throw queueUnavailable(
              error,
              `The organization ${organization.id} was connected, but its first sync`,
            );
          throw error;
        }
      }
      res.location(`/api/v1/organizations/${organization.id}`);
      return organizationView(context, organization, principal, true);
    },
  );

  defineRoute(
    router,
    {
      method: 'get',
      path: '/:id',
      summary: 'Read one organization connection',
      tags,
      params: idParams,
      response: organizationSchema,
      problems: [404],
    },
    async ({ params, principal }) =>
      organizationView(context, await loadOrganization(context, params.id), principal, true),
  );

  defineRoute(
    router,
    {
      method: 'get',
      path: '/:id/members',
      summary: "The organization's accounts as last synced, each with why it is (not) read",
      tags,
      params: idParams,
      response: z.object({ items: z.array(memberSchema) }),
      problems: [404],
    },
    async ({ params }) => {
      const organization = await loadOrganization(context, params.id);
      return { items: await store.listOrganizationMembers(organization.id) };
    },
  );

  defineRoute(
    router,
    {
      method: 'post',
      path: '/:id/sync',
      summary: 'Queue an organization sync (list the organization, create/enable/disable member accounts)',
      description:
        '202 with the organization sync; follow it at /organizations/{id}/syncs/{syncId}. When it has finished, ' +
        'its result lists the accounts created, enabled and disabled and the first syncs queued for new members. ' +
        '409 while a sync of the organization is queued or running; 503 when the job queue does not take the job.',
      tags,
      role: 'admin',
      params: idParams,
      response: z.object({ organizationSyncId: z.string(), sync: organizationSyncSchema }),
      successStatus: 202,
      problems: [404, 409, 503],
    },
    async ({ params, principal, res }) => {
      const organization = await loadOrganization(context, params.id);
      try {
        const sync = await requestOrganizationSync(
          store,
          context.jobs,
          organization,
          'manual',
          context.enqueueTimeoutMs,
        );
        await context.audit(principal, 'organization.sync', 'organization', organization.id, {
          organizationSyncId: sync.id,
        });
        res.location(`/api/v1/organizations/${organization.id}/syncs/${sync.id}`);
        return { organizationSyncId: sync.id, sync };
      } catch (error) {
        if (error instanceof ConflictError) {
          const running = await store.getRunningOrganizationSync(organization.id);
          throw syncRunningProblem(
            'organization',
            running ? { field: 'organizationSyncId', id: running.id } : undefined,
          );
        }
        if (error instanceof QueueUnavailableError) throw queueUnavailable(error, 'The organization sync');
        throw error;
      }
    },
  );

  defineRoute(
    router,
    {
      method: 'get',
      path: '/:id/syncs',
      summary: "The organization's syncs, newest first (progress, result)",
      tags,
      params: idParams,
      query: pageQuery,
      response: pageSchema(organizationSyncSchema),
      problems: [404],
    },
    async ({ params, query }) => {
      const organization = await loadOrganization(context, params.id);
      return store.listOrganizationSyncs(organization.id, query);
    },
  );

  defineRoute(
    router,
    {
      method: 'get',
      path: '/:id/syncs/:syncId',
      summary: 'Read one organization sync (progress while it runs, result when finished)',
      tags,
      params: syncParams,
      response: organizationSyncSchema,
      problems: [404],
    },
    async ({ params }) => {
      const organization = await loadOrganization(context, params.id);
      const sync = await store.getOrganizationSync(params.syncId);
      if (!sync || sync.organizationId !== organization.id)
        throw notFound('organization sync', params.syncId);
      return sync;
    },
  );

  return router;
}
