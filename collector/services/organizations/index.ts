// AWS Organizations (global): the organization; from the management account or a delegated administrator also
// its roots, OUs, accounts, service control policies (content and targets) and delegated administrators
// (CATALOG.md: aws_organizations_*).
import { OrganizationsClient, type Organization } from '@aws-sdk/client-organizations';
import type { CollectorModule } from '../../types';
import {
  accountIdsForParent,
  accountPages,
  describeOrganization,
  listDelegatedAdministrators,
  listRoots,
  listServiceControlPolicies,
  listUnitsRecursively,
  type OuRead,
  type PolicyRead,
} from './get';
import { errorCode } from '../../errors';
import { ListFailures, whereOf } from '../../read';
import type { Root } from '@aws-sdk/client-organizations';
import {
  ACCOUNT_TYPE,
  isManagementAccount,
  ORGANIZATION_TYPE,
  OU_TYPE,
  POLICY_TYPE,
  ROOT_TYPE,
  structureRelationships,
  transformAccount,
  transformOrganization,
  transformPolicy,
  transformRoot,
  transformUnit,
} from './transform';

const STRUCTURE_TYPES = [ROOT_TYPE, OU_TYPE, ACCOUNT_TYPE, POLICY_TYPE];

export const organizationsCollector: CollectorModule = {
  service: 'organizations',
  scope: 'global',
  resourceTypes: [
    {
      type: ORGANIZATION_TYPE,
      class: 'Account',
      listOperation: 'Organizations.DescribeOrganization',
      detailOperations: ['Organizations.ListRoots', 'Organizations.ListDelegatedAdministrators'],
      idSource: 'Organization.Arn',
    },
    { type: ROOT_TYPE, class: 'Account', listOperation: 'Organizations.ListRoots', idSource: 'Root.Arn' },
    {
      type: OU_TYPE,
      class: 'Account',
      listOperation: 'Organizations.ListOrganizationalUnitsForParent',
      idSource: 'OrganizationalUnit.Arn (recursive from each root)',
    },
    {
      type: ACCOUNT_TYPE,
      class: 'Account',
      listOperation: 'Organizations.ListAccounts',
      detailOperations: ['Organizations.ListAccountsForParent'],
      idSource: 'Account.Arn (management account or delegated administrator only)',
    },
    {
      type: POLICY_TYPE,
      class: 'AccessPolicy',
      listOperation: 'Organizations.ListPolicies',
      detailOperations: ['Organizations.DescribePolicy', 'Organizations.ListTargetsForPolicy'],
      idSource: 'PolicySummary.Arn (SERVICE_CONTROL_POLICY)',
    },
  ],
  operations: [
    { api: 'Organizations.DescribeOrganization', actions: ['organizations:DescribeOrganization'] },
    { api: 'Organizations.ListRoots', actions: ['organizations:ListRoots'] },
    {
      api: 'Organizations.ListOrganizationalUnitsForParent',
      actions: ['organizations:ListOrganizationalUnitsForParent'],
    },
    { api: 'Organizations.ListAccounts', actions: ['organizations:ListAccounts'] },
    { api: 'Organizations.ListAccountsForParent', actions: ['organizations:ListAccountsForParent'] },
    { api: 'Organizations.ListPolicies', actions: ['organizations:ListPolicies'] },
    { api: 'Organizations.DescribePolicy', actions: ['organizations:DescribePolicy'] },
    { api: 'Organizations.ListTargetsForPolicy', actions: ['organizations:ListTargetsForPolicy'] },
    {
      api: 'Organizations.ListDelegatedAdministrators',
      actions: ['organizations:ListDelegatedAdministrators'],
    },
  ],
  async collect(ctx) {
    // The SDK resolves every commercial region to the global endpoint (us-east-1), so ctx.region is fine.
    const client = ctx.client(OrganizationsClient);
    const scope = whereOf(ctx, 'organizations');
    const failures = new ListFailures(ctx, [ORGANIZATION_TYPE, ...STRUCTURE_TYPES]);

    let organization: Organization | undefined;
    const read = await failures.run([ORGANIZATION_TYPE, ...STRUCTURE_TYPES], async () => {
      try {
        organization = await describeOrganization(client, ctx.signal);
      } catch (error) {
        // Not in an organization: read completely, and there is nothing (organization controls: no asset).
        if (errorCode(error) === 'AWSOrganizationsNotInUseException') return;
        throw error;
      }
    });
    if (!read || !organization) {
      failures.finish();
      return;
    }

    // The management account may read the structure; any other account only if it is a delegated administrator,
    // which ListRoots tells: AccessDenied means a plain member. The member's organization asset then records the
    // denial on the structure keys, so organization controls give `error` there, never a pass.
    // A member account reads roots and OUs as a probe before anything is emitted: AWS answers AccessDenied, some
    // emulators answer ListRoots and then fail on the parents; either way it is a member, not a delegated admin.
    const management = isManagementAccount(organization, ctx.accountId);
    let roots: Root[] = [];
    let units: OuRead[] = [];
    let unitsRead = true;
    try {
      roots = await listRoots(client, ctx.signal);
    } catch (error) {
      if (errorCode(error) === 'AbortError') throw error;
      if (management) failures.fail(STRUCTURE_TYPES, error);
      await ctx.emit({ assets: [transformOrganization(scope, organization, { error: errorCode(error) })] });
      failures.finish();
      return;
    }
    const rootIds = roots.flatMap((root) => (root.Id ? [root.Id] : []));
    const arnsById = new Map<string, string>();
    if (management) {
      unitsRead = await failures.run([OU_TYPE], async () => {
        units = await listUnitsRecursively(client, rootIds, ctx.signal);
      });
    } else {
      try {
        units = await listUnitsRecursively(client, rootIds, ctx.signal);
      } catch (error) {
        if (errorCode(error) === 'AbortError') throw error;
        await ctx.emit({ assets: [transformOrganization(scope, organization, { error: errorCode(error) })] });
        failures.finish();
        return;
      }
    }
    for (const root of roots) if (root.Id && root.Arn) arnsById.set(root.Id, root.Arn);
    for (const { unit } of units) if (unit.Id && unit.Arn) arnsById.set(unit.Id, unit.Arn);
    await ctx.emit({
      assets: [
        ...roots.map((root) => transformRoot(scope, root)),
        ...units.map((unit) => transformUnit(scope, unit)),
      ],
    });

    // Accounts: the parent of each comes from ListAccountsForParent over the roots and OUs just read.
    const accountParents = new Map<string, string>();
    await failures.run([ACCOUNT_TYPE], async () => {
      const parentIds = [
        ...roots.flatMap((root) => (root.Id ? [root.Id] : [])),
        ...(unitsRead ? units.flatMap(({ unit }) => (unit.Id ? [unit.Id] : [])) : []),
      ];
      for (const parentId of parentIds) {
        for (const accountId of await accountIdsForParent(client, parentId, ctx.signal)) {
          accountParents.set(accountId, parentId);
        }
      }
      for await (const accounts of accountPages(client, ctx.signal)) {
        for (const account of accounts) if (account.Id && account.Arn) arnsById.set(account.Id, account.Arn);
        await ctx.emit({
          assets: accounts.map((account) =>
            transformAccount(scope, account, accountParents.get(account.Id ?? '')),
          ),
        });
      }
    });

    let policies: PolicyRead[] | undefined;
    let policiesError: string | undefined;
    await failures.run([POLICY_TYPE], async () => {
      try {
        policies = await listServiceControlPolicies(client, ctx.signal);
      } catch (error) {
        policiesError = errorCode(error);
        throw error;
      }
      await ctx.emit({ assets: policies.map((policy) => transformPolicy(scope, policy)) });
    });

    // Delegated administrators are a detail of the organization asset: a failure is recorded on it.
    let admins: Awaited<ReturnType<typeof listDelegatedAdministrators>> | undefined;
    let adminsError: string | undefined;
    try {
      admins = await listDelegatedAdministrators(client, ctx.signal);
    } catch (error) {
      if (errorCode(error) === 'AbortError') throw error;
      adminsError = errorCode(error);
    }

    const asset = transformOrganization(scope, organization, {
      roots,
      policies: policies ?? [],
      delegatedAdministrators: admins ?? [],
    });
    const readErrors: Record<string, string> = { ...(asset.readErrors ?? {}) };
    if (adminsError) readErrors.DelegatedAdministrators = adminsError;
    if (policiesError) readErrors.ServiceControlPolicies = policiesError;
    if (Object.keys(readErrors).length > 0) asset.readErrors = readErrors;
    if (adminsError) delete asset.config.DelegatedAdministrators;
    if (!policies) delete asset.config.ServiceControlPolicies;

    await ctx.emit({
      assets: [asset],
      relationships: structureRelationships(scope, arnsById, units, accountParents, policies ?? []),
    });
    failures.finish();
  },
};
