// /api/v1/organizations: connect an AWS Organization once (its management account or a delegated administrator);
// a sync lists its accounts and creates, enables or disables Cloudward accounts for the members.
import { Router } from 'express';
import { z } from 'zod';
import type { Organization } from '../../store/organizations';
import { ConflictError } from '../../store/store';
import {
  accountNameSchema,
  awsAccountIdSchema,
  crossFieldErrors,
  externalIdSchema,
  generateExternalId,
  maskExternalId,
  regionsSchema,
  roleArnSchema,
} from '../account-rules';
import type { AppContext } from '../context';
import { defineRoute, HttpProblem, idParams, notFound, PROBLEM_TYPES, validationProblem } from '../http';
import { syncOrganization } from '../organization-sync';

export const ouIdSchema = z
  .string()
  .regex(
    /^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$/,
    'an OU id (ou-xxxx-xxxxxxxx) or a root id (r-xxxx)',
  );
const roleNameSchema = z
  .string()
  .regex(
    /^[\w+=,.@-]{1,64}$/,
    'memberRoleName must be an IAM role name (1-64 of letters, digits and +=,.@_-)',
  );

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
});

export const organizationSchema = z.object({
  id: z.string(),
  name: z.string(),
  managementAccountId: z.string(),
  roleArn: z.string(),
  externalId: z.string().describe('Masked: only the last four characters are shown'),
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

const syncResultSchema = z.object({
  created: z.array(z.string()),
  enabled: z.array(z.string()),
  disabled: z.array(z.string()),
  members: z.array(memberSchema),
});

function organizationView(
  context: AppContext,
  organization: Organization,
): z.infer<typeof organizationSchema> {
  const { externalIdCiphertext, ...rest } = organization;
  let externalId = '********';
  try {
    externalId = maskExternalId(context.secrets.decrypt(externalIdCiphertext));
  } catch {
    // Encrypted under another key: show nothing of it.
  }
  return { ...rest, externalId };
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
    async () => ({ items: (await store.listOrganizations()).map((org) => organizationView(context, org)) }),
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
      problems: [409],
    },
    async ({ body, principal, res }) => {
      const fieldErrors = crossFieldErrors({
        awsAccountId: body.managementAccountId,
        roleArn: body.roleArn,
        regions: body.regions,
      }).map((error) => ({ ...error, path: error.path }));
      if (fieldErrors.length > 0) throw validationProblem(fieldErrors);
      let organization: Organization;
      try {
        organization = await store.createOrganization({
          name: body.name,
          managementAccountId: body.managementAccountId,
          roleArn: body.roleArn,
          externalIdCiphertext: context.secrets.encrypt(body.externalId ?? generateExternalId()),
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
        externalIdGenerated: body.externalId === undefined,
      });
      res.location(`/api/v1/organizations/${organization.id}`);
      return organizationView(context, organization);
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
    async ({ params }) => organizationView(context, await loadOrganization(context, params.id)),
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
      summary: 'List the organization now: create/enable accounts of new ACTIVE members, disable the others',
      tags,
      role: 'admin',
      params: idParams,
      response: syncResultSchema,
      problems: [404],
    },
    async ({ params, principal }) => {
      const organization = await loadOrganization(context, params.id);
      const result = await syncOrganization(organization, {
        store,
        decrypt: (ciphertext) => context.secrets.decrypt(ciphertext),
      });
      await context.audit(principal, 'organization.sync', 'organization', organization.id, {
        created: result.created,
        enabled: result.enabled,
        disabled: result.disabled,
      });
      return result;
    },
  );

  return router;
}
