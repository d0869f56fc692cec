// Organizations reads: the organization this account belongs to, and (management account or delegated
// administrator only) its roots, OUs, accounts, service control policies and delegated administrators.
import {
  DescribeOrganizationCommand,
  DescribePolicyCommand,
  paginateListAccounts,
  paginateListAccountsForParent,
  paginateListDelegatedAdministrators,
  paginateListOrganizationalUnitsForParent,
  paginateListPolicies,
  paginateListRoots,
  paginateListTargetsForPolicy,
  type Account,
  type DelegatedAdministrator,
  type Organization,
  type OrganizationalUnit,
  type OrganizationsClient,
  type Policy,
  type PolicyTargetSummary,
  type Root,
} from '@aws-sdk/client-organizations';

export async function describeOrganization(
  client: OrganizationsClient,
  signal: AbortSignal,
): Promise<Organization | undefined> {
  const output = await client.send(new DescribeOrganizationCommand({}), { abortSignal: signal });
  return output.Organization;
}

export async function* accountPages(
  client: OrganizationsClient,
  signal: AbortSignal,
): AsyncGenerator<Account[]> {
  for await (const page of paginateListAccounts({ client }, { MaxResults: 20 }, { abortSignal: signal })) {
    yield page.Accounts ?? [];
  }
}

export async function listRoots(client: OrganizationsClient, signal: AbortSignal): Promise<Root[]> {
  const roots: Root[] = [];
  for await (const page of paginateListRoots({ client }, {}, { abortSignal: signal })) {
    roots.push(...(page.Roots ?? []));
  }
  return roots;
}

/** An OU with the id of its parent (a root or another OU). */
export interface OuRead {
  unit: OrganizationalUnit;
  parentId: string;
}

/** Every OU under `parentIds`, depth first (ListOrganizationalUnitsForParent is one level at a time). */
export async function listUnitsRecursively(
  client: OrganizationsClient,
  parentIds: string[],
  signal: AbortSignal,
): Promise<OuRead[]> {
  const found: OuRead[] = [];
  const pending = [...parentIds];
  const seen = new Set<string>();
  while (pending.length > 0) {
    const parentId = pending.shift() as string;
    if (seen.has(parentId)) continue;
    seen.add(parentId);
    for await (const page of paginateListOrganizationalUnitsForParent(
      { client },
      { ParentId: parentId },
      { abortSignal: signal },
    )) {
      for (const unit of page.OrganizationalUnits ?? []) {
        found.push({ unit, parentId });
        if (unit.Id) pending.push(unit.Id);
      }
    }
  }
  return found;
}

/** The ids of the accounts directly under one parent. */
export async function accountIdsForParent(
  client: OrganizationsClient,
  parentId: string,
  signal: AbortSignal,
): Promise<string[]> {
  const ids: string[] = [];
  for await (const page of paginateListAccountsForParent(
    { client },
    { ParentId: parentId },
    { abortSignal: signal },
  )) {
    for (const account of page.Accounts ?? []) if (account.Id) ids.push(account.Id);
  }
  return ids;
}

export interface PolicyRead {
  policy: Policy;
  targets: PolicyTargetSummary[];
}

/** Every service control policy, its content and where it is attached. */
export async function listServiceControlPolicies(
  client: OrganizationsClient,
  signal: AbortSignal,
): Promise<PolicyRead[]> {
  const reads: PolicyRead[] = [];
  for await (const page of paginateListPolicies(
    { client },
    { Filter: 'SERVICE_CONTROL_POLICY' },
    { abortSignal: signal },
  )) {
    for (const summary of page.Policies ?? []) {
      if (!summary.Id) continue;
      const described = await client.send(new DescribePolicyCommand({ PolicyId: summary.Id }), {
        abortSignal: signal,
      });
      const targets: PolicyTargetSummary[] = [];
      for await (const targetPage of paginateListTargetsForPolicy(
        { client },
        { PolicyId: summary.Id },
        { abortSignal: signal },
      )) {
        targets.push(...(targetPage.Targets ?? []));
      }
      reads.push({ policy: described.Policy ?? { PolicySummary: summary }, targets });
    }
  }
  return reads;
}

export async function listDelegatedAdministrators(
  client: OrganizationsClient,
  signal: AbortSignal,
): Promise<DelegatedAdministrator[]> {
  const admins: DelegatedAdministrator[] = [];
  for await (const page of paginateListDelegatedAdministrators({ client }, {}, { abortSignal: signal })) {
    admins.push(...(page.DelegatedAdministrators ?? []));
  }
  return admins;
}
