// One organization sync: list the organization's accounts through the management account's role, then create or
// enable a Cloudward account for each ACTIVE member in scope (role arn:<p>:iam::<member>:role/<memberRoleName>,
// same external ID) and disable — never delete — the accounts of members that are closed, excluded or gone.
import { OrganizationsClient, type Account as AwsAccount } from '@aws-sdk/client-organizations';
import {
  accountIdsForParent,
  accountPages,
  listRoots,
  listUnitsRecursively,
} from '../collector/services/organizations/get';
import { assumeAccountRole, customEndpointUrl } from '../collector/credentials';
import { errorCodes } from '../collector/errors';
import { PermanentJobError } from './jobs/queue';
import type { Account } from '../store/model';
import type { Organization, OrganizationFilters, OrganizationMember } from '../store/organizations';
import type { Store } from '../store/store';
import type { MembershipChanges } from './jobs/organization-jobs';

export interface ListedMember {
  awsAccountId: string;
  name: string;
  /** AWS's State (ACTIVE, SUSPENDED, PENDING_CLOSURE, CLOSED); Status where State is absent. */
  state: string;
  /** Root and OU ids from the root down to the parent. */
  parentPath: string[];
}

/** Lists the organization's accounts with their OU path (ListRoots, ListOrganizationalUnitsForParent, ...). */
export async function listMembers(client: OrganizationsClient, signal: AbortSignal): Promise<ListedMember[]> {
  const roots = await listRoots(client, signal);
  const rootIds = roots.flatMap((root) => (root.Id ? [root.Id] : []));
  const units = await listUnitsRecursively(client, rootIds, signal);
  const parentOf = new Map<string, string>();
  for (const { unit, parentId } of units) if (unit.Id) parentOf.set(unit.Id, parentId);
  const pathTo = (id: string): string[] => {
    const path = [id];
    for (let parent = parentOf.get(id); parent && path.length < 10; parent = parentOf.get(parent))
      path.unshift(parent);
    return path;
  };
  const accountParent = new Map<string, string>();
  for (const parentId of [...rootIds, ...units.flatMap(({ unit }) => (unit.Id ? [unit.Id] : []))]) {
    for (const id of await accountIdsForParent(client, parentId, signal)) accountParent.set(id, parentId);
  }
  const members: ListedMember[] = [];
  for await (const page of accountPages(client, signal)) {
    for (const account of page) {
      if (!account.Id) continue;
      const parent = accountParent.get(account.Id);
      members.push({
        awsAccountId: account.Id,
        name: account.Name ?? account.Id,
        state: stateOf(account),
        parentPath: parent ? pathTo(parent) : [],
      });
    }
  }
  return members;
}

function stateOf(account: AwsAccount): string {
  return (account.State ?? account.Status ?? 'UNKNOWN').toUpperCase();
}

/** Why a listed member is in scope or not, from the connection's include/exclude lists (exclusions win). */
export function scopeOf(
  organization: OrganizationFilters,
  member: ListedMember,
): { included: boolean; reason: string } {
  if (organization.excludeAccountIds.includes(member.awsAccountId))
    return { included: false, reason: `account ${member.awsAccountId} is excluded` };
  const excludedOu = member.parentPath.find((id) => organization.excludeOuIds.includes(id));
  if (excludedOu) return { included: false, reason: `excluded by OU ${excludedOu}` };
  const anyInclude = organization.includeOuIds.length > 0 || organization.includeAccountIds.length > 0;
  if (!anyInclude) return { included: true, reason: 'in the organization' };
  if (organization.includeAccountIds.includes(member.awsAccountId))
    return { included: true, reason: `account ${member.awsAccountId} is included` };
  const includedOu = member.parentPath.find((id) => organization.includeOuIds.includes(id));
  if (includedOu) return { included: true, reason: `included by OU ${includedOu}` };
  return { included: false, reason: 'not under an included OU or account' };
}

export function memberRoleArn(organization: Organization, awsAccountId: string): string {
  const partition = organization.roleArn.split(':')[1] ?? 'aws';
  return `arn:${partition}:iam::${awsAccountId}:role/${organization.memberRoleName}`;
}

export type { MembershipChanges } from './jobs/organization-jobs';

export interface OrganizationSyncDeps {
  store: Store;
  /** Decrypts the connection's external ID (to assume the management role). */
  decrypt(ciphertext: string): string;
  /** Tests inject a client (aws-sdk-client-mock); by default the management role is assumed. */
  client?: OrganizationsClient;
  signal?: AbortSignal;
}

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

/** Answers a retry cannot change: the role may not list the organization, or it is in none. */
const PERMANENT_CODES = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'AWSOrganizationsNotInUseException',
  'AccountNotRegisteredException',
]);

async function listMembersOrExplain(
  client: OrganizationsClient,
  organization: Organization,
  signal: AbortSignal,
): Promise<ListedMember[]> {
  try {
    return await listMembers(client, signal);
  } catch (error) {
    const codes = errorCodes(error);
    const message = `cannot list the organization through ${organization.roleArn}: ${codes[0] ?? 'Error'}: ${
      (error as Error).message
    }`;
    if (codes.some((code) => PERMANENT_CODES.has(code))) throw new PermanentJobError(message);
    throw new Error(message, { cause: error });
  }
}

/** Lists the members and brings Cloudward's accounts in line; records every member with the reason. */
export async function syncOrganization(
  organization: Organization,
  deps: OrganizationSyncDeps,
): Promise<MembershipChanges> {
  const signal = deps.signal ?? new AbortController().signal;
  const client =
    deps.client ??
    new OrganizationsClient({
      region: organization.regions[0] ?? 'us-east-1',
      endpoint: customEndpointUrl('Organizations'),
      credentials: assumeAccountRole({
        roleArn: organization.roleArn,
        externalId: deps.decrypt(organization.externalIdCiphertext),
        awsAccountId: organization.managementAccountId,
        region: organization.regions[0] ?? 'us-east-1',
      }),
    });
  const listed = await listMembersOrExplain(client, organization, signal);
  const known = new Map(
    (await deps.store.listOrganizationMembers(organization.id)).map((m) => [m.awsAccountId, m]),
  );
  const accounts = new Map((await allAccounts(deps.store)).map((account) => [account.awsAccountId, account]));
  const result: MembershipChanges = { created: [], enabled: [], disabled: [], members: [] };
  const records: Omit<OrganizationMember, 'updatedAt'>[] = [];

  const disable = async (account: Account | undefined): Promise<void> => {
    if (account && account.status === 'enabled') {
      await deps.store.setAccountStatus(account.id, 'disabled');
      result.disabled.push(account.awsAccountId);
    }
  };

  for (const member of listed) {
    const scope = scopeOf(organization, member);
    let account = accounts.get(member.awsAccountId);
    // Only accounts this organization created or adopted are changed; a hand-connected one is adopted as it is.
    const linked = account !== undefined;
    if (member.state !== 'ACTIVE' || !scope.included) {
      const reason = member.state !== 'ACTIVE' ? `account state is ${member.state}` : scope.reason;
      if (linked && known.get(member.awsAccountId)?.accountId === account?.id) await disable(account);
      // A hand-connected account of a member out of scope is left alone and not linked.
      records.push({
        ...member,
        accountId: known.get(member.awsAccountId)?.accountId ?? null,
        managed: false,
        reason,
      });
      continue;
    }
    if (!account) {
      // The management account keeps the connection's own role; members get the StackSet's role name.
      const roleArn =
        member.awsAccountId === organization.managementAccountId
          ? organization.roleArn
          : memberRoleArn(organization, member.awsAccountId);
      account = await deps.store.createAccount({
        name: member.name,
        awsAccountId: member.awsAccountId,
        roleArn,
        externalIdCiphertext: organization.externalIdCiphertext,
        regions: organization.regions,
      });
      result.created.push(member.awsAccountId);
    } else if (account.status === 'disabled' && known.get(member.awsAccountId)?.accountId === account.id) {
      account = await deps.store.setAccountStatus(account.id, 'enabled');
      result.enabled.push(member.awsAccountId);
    }
    records.push({ ...member, accountId: account.id, managed: true, reason: scope.reason });
  }

  // Members known before but no longer listed left the organization (or were removed): disabled, not deleted.
  const listedIds = new Set(listed.map((member) => member.awsAccountId));
  for (const previous of known.values()) {
    if (listedIds.has(previous.awsAccountId)) continue;
    const account = previous.accountId ? accounts.get(previous.awsAccountId) : undefined;
    if (account && account.id === previous.accountId) await disable(account);
    records.push({ ...previous, state: 'LEFT', managed: false, reason: 'no longer in the organization' });
  }

  await deps.store.recordOrganizationMembers(organization.id, records);
  result.members = await deps.store.listOrganizationMembers(organization.id);
  return result;
}
