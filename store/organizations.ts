// Organization connections and their members (the accounts an organization sync created, enabled or disabled).
import type { Queryable, SqlClient } from './sql';
import { FOREIGN_KEY_VIOLATION, sqlState, UNIQUE_VIOLATION } from './sql';
import { ConflictError, NotFoundError } from './store';
import { iso, isoOrNull, isUuid } from './values';

export interface OrganizationFilters {
  includeOuIds: string[];
  excludeOuIds: string[];
  includeAccountIds: string[];
  excludeAccountIds: string[];
}

export interface Organization extends OrganizationFilters {
  id: string;
  name: string;
  /** The AWS account whose role lists the organization (management account or delegated administrator). */
  managementAccountId: string;
  roleArn: string;
  /** Encrypted at rest; the same external ID is used in every member account. */
  externalIdCiphertext: string;
  /** The role name the StackSet deploys in every member account. */
  memberRoleName: string;
  regions: string[];
  lastSyncAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export type NewOrganization = Omit<Organization, 'id' | 'lastSyncAt' | 'createdAt' | 'updatedAt'>;

export interface OrganizationMember {
  awsAccountId: string;
  /** The Cloudward account, once created (null when never included). */
  accountId: string | null;
  name: string;
  /** AWS's account State (ACTIVE, SUSPENDED, PENDING_CLOSURE, CLOSED), or LEFT when no longer listed. */
  state: string;
  /** Root and OU ids from the root down to the account's parent. */
  parentPath: string[];
  /** Whether Cloudward reads this member (its account enabled by the sync). */
  managed: boolean;
  /** Why it is (not) managed, in a sentence. */
  reason: string;
  updatedAt: string;
}

interface OrganizationRow {
  id: string;
  name: string;
  management_account_id: string;
  role_arn: string;
  external_id_ciphertext: string;
  member_role_name: string;
  regions: string[];
  include_ou_ids: string[];
  exclude_ou_ids: string[];
  include_account_ids: string[];
  exclude_account_ids: string[];
  last_sync_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

interface MemberRow {
  aws_account_id: string;
  account_id: string | null;
  name: string;
  state: string;
  parent_path: string[];
  managed: boolean;
  reason: string;
  updated_at: Date;
}

function toOrganization(row: OrganizationRow): Organization {
  return {
    id: row.id,
    name: row.name,
    managementAccountId: row.management_account_id,
    roleArn: row.role_arn,
    externalIdCiphertext: row.external_id_ciphertext,
    memberRoleName: row.member_role_name,
    regions: row.regions,
    includeOuIds: row.include_ou_ids,
    excludeOuIds: row.exclude_ou_ids,
    includeAccountIds: row.include_account_ids,
    excludeAccountIds: row.exclude_account_ids,
    lastSyncAt: isoOrNull(row.last_sync_at),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

function toMember(row: MemberRow): OrganizationMember {
  return {
    awsAccountId: row.aws_account_id,
    accountId: row.account_id,
    name: row.name,
    state: row.state,
    parentPath: row.parent_path,
    managed: row.managed,
    reason: row.reason,
    updatedAt: iso(row.updated_at),
  };
}

async function selectOrganization(db: Queryable, id: string): Promise<Organization | null> {
  if (!isUuid(id)) return null;
  const rows = await db.query<OrganizationRow>('SELECT * FROM organizations WHERE id = $1', [id]);
  return rows[0] ? toOrganization(rows[0]) : null;
}

export async function createOrganization(db: SqlClient, input: NewOrganization): Promise<Organization> {
  try {
    const rows = await db.query<{ id: string }>(
      `INSERT INTO organizations (name, management_account_id, role_arn, external_id_ciphertext, member_role_name,
         regions, include_ou_ids, exclude_ou_ids, include_account_ids, exclude_account_ids, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], now(), now())
       RETURNING id`,
      [
        input.name,
        input.managementAccountId,
        input.roleArn,
        input.externalIdCiphertext,
        input.memberRoleName,
        [...new Set(input.regions)],
        input.includeOuIds,
        input.excludeOuIds,
        input.includeAccountIds,
        input.excludeAccountIds,
      ],
    );
    return (await selectOrganization(db, rows[0].id)) as Organization;
  } catch (error) {
    if (sqlState(error) === UNIQUE_VIOLATION)
      throw new ConflictError(
        `the organization of AWS account ${input.managementAccountId} is already connected`,
      );
    throw error;
  }
}

export function getOrganization(db: SqlClient, id: string): Promise<Organization | null> {
  return selectOrganization(db, id);
}

export async function listOrganizations(db: SqlClient): Promise<Organization[]> {
  const rows = await db.query<OrganizationRow>('SELECT * FROM organizations ORDER BY created_at, id');
  return rows.map(toOrganization);
}

export async function listOrganizationMembers(
  db: SqlClient,
  organizationId: string,
): Promise<OrganizationMember[]> {
  if (!isUuid(organizationId)) throw new NotFoundError(`organization ${organizationId} not found`);
  const rows = await db.query<MemberRow>(
    'SELECT * FROM organization_members WHERE organization_id = $1 ORDER BY aws_account_id',
    [organizationId],
  );
  return rows.map(toMember);
}

/** Replaces what is known of each given member and stamps the organization's last sync. */
export async function recordOrganizationMembers(
  db: SqlClient,
  organizationId: string,
  members: Omit<OrganizationMember, 'updatedAt'>[],
): Promise<void> {
  await db.transaction(async (tx) => {
    const changed = await tx.execute('UPDATE organizations SET last_sync_at = now() WHERE id = $1', [
      organizationId,
    ]);
    if (changed === 0) throw new NotFoundError(`organization ${organizationId} not found`);
    for (const member of members) {
      try {
        await tx.execute(
          `INSERT INTO organization_members (organization_id, aws_account_id, account_id, name, state, parent_path,
             managed, reason, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6::text[], $7, $8, now())
           ON CONFLICT (organization_id, aws_account_id) DO UPDATE SET account_id = EXCLUDED.account_id,
             name = EXCLUDED.name, state = EXCLUDED.state, parent_path = EXCLUDED.parent_path,
             managed = EXCLUDED.managed, reason = EXCLUDED.reason, updated_at = EXCLUDED.updated_at`,
          [
            organizationId,
            member.awsAccountId,
            member.accountId,
            member.name,
            member.state,
            member.parentPath,
            member.managed,
            member.reason,
          ],
        );
      } catch (error) {
        if (sqlState(error) === FOREIGN_KEY_VIOLATION)
          throw new NotFoundError(`account ${member.accountId ?? ''} not found`);
        throw error;
      }
    }
  });
}

/** Replaces the connection's include/exclude lists (the next organization sync applies them). */
export async function updateOrganizationFilters(
  db: SqlClient,
  id: string,
  filters: OrganizationFilters,
): Promise<Organization> {
  if (!isUuid(id)) throw new NotFoundError(`organization ${id} not found`);
  const changed = await db.execute(
    `UPDATE organizations SET include_ou_ids = $2::text[], exclude_ou_ids = $3::text[],
       include_account_ids = $4::text[], exclude_account_ids = $5::text[], updated_at = now() WHERE id = $1`,
    [id, filters.includeOuIds, filters.excludeOuIds, filters.includeAccountIds, filters.excludeAccountIds],
  );
  if (changed === 0) throw new NotFoundError(`organization ${id} not found`);
  return (await selectOrganization(db, id)) as Organization;
}
