// /api/v1/organizations/:id/structure and /:id/scope: what the Organizations page shows and edits beside the
// connection routes (organizations.ts). The structure (OU names, SCPs and their targets, delegated administrators)
// is what the last sync of the management account collected; each member carries its Cloudward account's state,
// last sync and open alerts. The scope is the connection's include/exclude lists, applied by the next org sync.
import { Router } from 'express';
import { z } from 'zod';
import { ORGANIZATION_TYPE, OU_TYPE, ROOT_TYPE } from '../../collector/services/organizations/transform';
import type { Account, StoredAsset } from '../../store/model';
import type { Organization } from '../../store/organizations';
import { NotFoundError } from '../../store/store';
import type { Store } from '../../store/store';
import { awsAccountIdSchema } from '../account-rules';
import type { AppContext } from '../context';
import { defineRoute, idParams, notFound } from '../http';
import { ouIdSchema } from './organizations';

const unitSchema = z.object({
  id: z.string().describe('r-… for a root, ou-… for an OU'),
  name: z.string(),
  parentId: z.string().nullable().describe('null for a root'),
});

const structureMemberSchema = z.object({
  awsAccountId: z.string(),
  name: z.string(),
  state: z.string().describe("AWS's account state, or LEFT when no longer in the organization"),
  parentPath: z.array(z.string()),
  managed: z.boolean(),
  reason: z.string(),
  updatedAt: z.string(),
  account: z
    .object({
      id: z.string(),
      name: z.string(),
      status: z.enum(['enabled', 'disabled']),
      lastSyncAt: z.string().nullable(),
      lastSyncStatus: z.string().nullable(),
      openAlerts: z.number().int(),
    })
    .nullable()
    .describe('The Cloudward account of this member, once the organization sync created or adopted one'),
});

const policySchema = z.object({
  id: z.string(),
  name: z.string(),
  awsManaged: z.boolean(),
  targets: z.array(z.object({ id: z.string(), type: z.string(), name: z.string().nullable() })),
});

const delegatedAdminSchema = z.object({
  awsAccountId: z.string(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  status: z.string().nullable(),
  delegationEnabledDate: z.string().nullable(),
});

const structureSchema = z.object({
  source: z.object({
    accountId: z
      .string()
      .nullable()
      .describe('The Cloudward account of the management account whose sync read the structure'),
    readAt: z.string().nullable().describe("When that account's organization assets were last seen"),
    note: z.string().nullable().describe('Why part of the structure is missing, in a sentence'),
  }),
  units: z.array(unitSchema),
  members: z.array(structureMemberSchema),
  policies: z.array(policySchema).nullable().describe('null when not read'),
  delegatedAdministrators: z.array(delegatedAdminSchema).nullable().describe('null when not read'),
});

const scopeBody = z
  .strictObject({
    includeOuIds: z.array(ouIdSchema).max(1000),
    excludeOuIds: z.array(ouIdSchema).max(1000),
    includeAccountIds: z.array(awsAccountIdSchema).max(10000),
    excludeAccountIds: z.array(awsAccountIdSchema).max(10000),
  })
  .partial();

const scopeSchema = z.object({
  includeOuIds: z.array(z.string()),
  excludeOuIds: z.array(z.string()),
  includeAccountIds: z.array(z.string()),
  excludeAccountIds: z.array(z.string()),
  updatedAt: z.string(),
});

type Structure = z.infer<typeof structureSchema>;

async function allAccounts(store: Store): Promise<Account[]> {
  const all: Account[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.listAccounts({ cursor, limit: 500 });
    all.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return all;
}

async function assetsOfType(store: Store, accountId: string, type: string): Promise<StoredAsset[]> {
  const all: StoredAsset[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.listAssets({ accountId, type, scope: 'global' }, { cursor, limit: 500 });
    all.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return all;
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const list = (value: unknown): Record<string, unknown>[] =>
  Array.isArray(value) ? (value as Record<string, unknown>[]) : [];

/** Roots, OUs, SCPs and delegated administrators from the management account's organization assets. */
async function collectedStructure(
  store: Store,
  management: Account,
): Promise<Pick<Structure, 'units' | 'policies' | 'delegatedAdministrators'> & { readAt: string | null }> {
  const [organizations, roots, units] = await Promise.all([
    assetsOfType(store, management.id, ORGANIZATION_TYPE),
    assetsOfType(store, management.id, ROOT_TYPE),
    assetsOfType(store, management.id, OU_TYPE),
  ]);
  const organization = organizations[0];
  const config = organization?.config ?? {};
  const readErrors = organization?.readErrors ?? {};
  return {
    readAt: organization?.lastSeenAt ?? null,
    units: [
      ...roots.map((root) => ({ id: text(root.config.Id) ?? root.id, name: root.name, parentId: null })),
      ...units.map((unit) => ({
        id: text(unit.config.Id) ?? unit.id,
        name: unit.name,
        parentId: text(unit.config.ParentId),
      })),
    ],
    policies:
      organization && !readErrors.ServiceControlPolicies && Array.isArray(config.ServiceControlPolicies)
        ? list(config.ServiceControlPolicies).map((policy) => ({
            id: text(policy.Id) ?? '',
            name: text(policy.Name) ?? text(policy.Id) ?? '',
            awsManaged: policy.AwsManaged === true,
            targets: list(policy.Targets).map((target) => ({
              id: text(target.TargetId) ?? '',
              type: text(target.Type) ?? '',
              name: text(target.Name),
            })),
          }))
        : null,
    delegatedAdministrators:
      organization && !readErrors.DelegatedAdministrators && Array.isArray(config.DelegatedAdministrators)
        ? list(config.DelegatedAdministrators).map((admin) => ({
            awsAccountId: text(admin.Id) ?? '',
            name: text(admin.Name),
            email: text(admin.Email),
            status: text(admin.Status),
            delegationEnabledDate: text(admin.DelegationEnabledDate),
          }))
        : null,
  };
}

export async function organizationStructure(store: Store, organization: Organization): Promise<Structure> {
  const [members, accounts] = await Promise.all([
    store.listOrganizationMembers(organization.id),
    allAccounts(store),
  ]);
  const byId = new Map(accounts.map((account) => [account.id, account]));
  const management = accounts.find((account) => account.awsAccountId === organization.managementAccountId);
  const collected = management ? await collectedStructure(store, management) : undefined;

  // OUs a member sits under but the collected structure does not name (not synced yet): shown by id.
  const units = collected?.units ?? [];
  const known = new Set(units.map((unit) => unit.id));
  for (const member of members) {
    member.parentPath.forEach((id, index) => {
      if (known.has(id)) return;
      known.add(id);
      units.push({ id, name: id, parentId: index === 0 ? null : member.parentPath[index - 1] });
    });
  }

  let note: string | null = null;
  if (!management)
    note = `The management account ${organization.managementAccountId} is not a Cloudward account yet: OU names, SCPs and delegated administrators appear after its first sync.`;
  else if (!collected?.readAt)
    note = `The management account ${organization.managementAccountId} has not been synced yet: OU names, SCPs and delegated administrators appear after its first sync.`;

  return {
    source: { accountId: management?.id ?? null, readAt: collected?.readAt ?? null, note },
    units,
    members: await Promise.all(
      members.map(async (member) => {
        const account = member.accountId ? byId.get(member.accountId) : undefined;
        return {
          awsAccountId: member.awsAccountId,
          name: member.name,
          state: member.state,
          parentPath: member.parentPath,
          managed: member.managed,
          reason: member.reason,
          updatedAt: member.updatedAt,
          account: account
            ? {
                id: account.id,
                name: account.name,
                status: account.status,
                lastSyncAt: account.lastSyncAt,
                lastSyncStatus: account.lastSyncStatus,
                openAlerts: await store.countAlerts({ accountId: account.id, status: ['open'] }),
              }
            : null,
        };
      }),
    ),
    policies: collected?.policies ?? null,
    delegatedAdministrators: collected?.delegatedAdministrators ?? null,
  };
}

export function organizationStructureRouter(context: AppContext): Router {
  const router = Router();
  const { store } = context;
  const tags = ['organizations'];

  const load = async (id: string): Promise<Organization> => {
    const organization = await store.getOrganization(id);
    if (!organization) throw notFound('organization', id);
    return organization;
  };

  defineRoute(
    router,
    {
      method: 'get',
      path: '/:id/structure',
      summary: 'The OU tree with member accounts (state, last sync, open alerts), SCPs and delegated admins',
      tags,
      params: idParams,
      response: structureSchema,
      problems: [404],
    },
    async ({ params }) => organizationStructure(store, await load(params.id)),
  );

  defineRoute(
    router,
    {
      method: 'patch',
      path: '/:id/scope',
      summary: 'Change which OUs and accounts the organization sync includes or excludes (applied next sync)',
      tags,
      role: 'admin',
      params: idParams,
      body: scopeBody,
      response: scopeSchema,
      problems: [404],
    },
    async ({ params, body, principal }) => {
      const organization = await load(params.id);
      const filters = {
        includeOuIds: [...new Set(body.includeOuIds ?? organization.includeOuIds)],
        excludeOuIds: [...new Set(body.excludeOuIds ?? organization.excludeOuIds)],
        includeAccountIds: [...new Set(body.includeAccountIds ?? organization.includeAccountIds)],
        excludeAccountIds: [...new Set(body.excludeAccountIds ?? organization.excludeAccountIds)],
      };
      let updated: Organization;
      try {
        updated = await store.updateOrganizationFilters(organization.id, filters);
      } catch (error) {
        if (error instanceof NotFoundError) throw notFound('organization', params.id);
        throw error;
      }
      await context.audit(principal, 'organization.scope', 'organization', organization.id, {
        before: {
          includeOuIds: organization.includeOuIds,
          excludeOuIds: organization.excludeOuIds,
          includeAccountIds: organization.includeAccountIds,
          excludeAccountIds: organization.excludeAccountIds,
        },
        after: filters,
      });
      return { ...filters, updatedAt: updated.updatedAt };
    },
  );

  return router;
}
