// A simulated AWS Organization answering through aws-sdk-client-mock as Organizations does: ListRoots,
// ListOrganizationalUnitsForParent, ListAccountsForParent and ListAccounts in NextToken pages (smaller than asked
// for, as AWS may answer), Status next to State (AWS sends both while Status is deprecated), and
// InvalidInputException for a token it did not hand out. Used by the organization tests, the CLI's
// `scan --organization` tests and bench/org-bench.ts. DescribeOrganization answers too (any member may call it).
import {
  DescribeOrganizationCommand,
  InvalidInputException,
  ListAccountsCommand,
  ListAccountsForParentCommand,
  ListOrganizationalUnitsForParentCommand,
  ListRootsCommand,
  type Account,
  type DescribeOrganizationCommandOutput,
  type ListAccountsCommandOutput,
  type ListAccountsForParentCommandOutput,
  type ListOrganizationalUnitsForParentCommandOutput,
  type ListRootsCommandOutput,
  type OrganizationalUnit,
  type OrganizationsClient,
} from '@aws-sdk/client-organizations';
import type { AwsStub } from 'aws-sdk-client-mock';

export interface SimulatedMember {
  id: string;
  name: string;
  /** The root or OU id the account sits in. */
  parent: string;
  state: 'ACTIVE' | 'SUSPENDED' | 'PENDING_CLOSURE' | 'CLOSED';
}

export interface SimulatedOrganization {
  id: string;
  managementAccountId: string;
  rootId: string;
  units: { id: string; name: string; parent: string }[];
  members: SimulatedMember[];
}

type OrganizationsStub = AwsStub<any, any, any> & { send: OrganizationsClient['send'] };

const metadata = { httpStatusCode: 200, requestId: 'b6c8e0f2-org-sim', attempts: 1, totalRetryDelay: 0 };

function awsAccount(organization: SimulatedOrganization, member: SimulatedMember): Account {
  return {
    Id: member.id,
    Arn: `arn:aws:organizations::${organization.managementAccountId}:account/${organization.id}/${member.id}`,
    Email: `aws+${member.name}@example.com`,
    Name: member.name,
    // Status has no CLOSED; AWS reports a closed account's Status as SUSPENDED.
    Status: member.state === 'CLOSED' ? 'SUSPENDED' : member.state,
    State: member.state,
    JoinedMethod: member.id === organization.managementAccountId ? 'INVITED' : 'CREATED',
    JoinedTimestamp: new Date('2025-01-01T00:00:00.000Z'),
  };
}

function badToken(token: string): InvalidInputException {
  return new InvalidInputException({
    Message: 'You provided a value that does not match the required pattern.',
    message: 'You provided a value that does not match the required pattern.',
    Reason: 'INVALID_NEXT_TOKEN',
    $metadata: { httpStatusCode: 400, requestId: `bad-token-${token}` },
  });
}

/** One page of `items` from the position the token names; the token is `<scope>:<offset>`. */
function pageOf<T>(
  items: T[],
  scope: string,
  token: string | undefined,
  pageSize: number,
): { page: T[]; NextToken?: string } {
  let offset = 0;
  if (token !== undefined) {
    const match = new RegExp(`^${scope}:(\\d+)$`).exec(token);
    if (!match || Number(match[1]) > items.length) throw badToken(token);
    offset = Number(match[1]);
  }
  const page = items.slice(offset, offset + pageSize);
  const next = offset + pageSize;
  return next < items.length ? { page, NextToken: `${scope}:${next}` } : { page };
}

export interface SimulationCounts {
  /** Organizations calls by operation. */
  calls: Record<string, number>;
}

/**
 * Makes `mock` (mockClient(OrganizationsClient)) answer for `organization` as it is when each call arrives: change
 * `organization.members` between two syncs and the next listing follows. `pageSize` is how many items each page
 * holds (AWS: up to MaxResults, sometimes fewer).
 */
export function answerAsOrganization(
  mock: OrganizationsStub,
  organization: SimulatedOrganization,
  pageSize = 2,
): SimulationCounts {
  const counts: SimulationCounts = { calls: {} };
  const count = (operation: string) => (counts.calls[operation] = (counts.calls[operation] ?? 0) + 1);
  mock.on(DescribeOrganizationCommand).callsFake((): DescribeOrganizationCommandOutput => {
    count('DescribeOrganization');
    const management = `arn:aws:organizations::${organization.managementAccountId}`;
    return {
      $metadata: metadata,
      Organization: {
        Id: organization.id,
        Arn: `${management}:organization/${organization.id}`,
        FeatureSet: 'ALL',
        MasterAccountArn: `${management}:account/${organization.id}/${organization.managementAccountId}`,
        MasterAccountId: organization.managementAccountId,
        MasterAccountEmail: 'aws+management@example.com',
        AvailablePolicyTypes: [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }],
      },
    };
  });
  mock.on(ListRootsCommand).callsFake((input: { NextToken?: string }): ListRootsCommandOutput => {
    count('ListRoots');
    const { page, NextToken } = pageOf([organization.rootId], 'roots', input.NextToken, pageSize);
    return {
      $metadata: metadata,
      Roots: page.map((id) => ({
        Id: id,
        Arn: `arn:aws:organizations::${organization.managementAccountId}:root/${organization.id}/${id}`,
        Name: 'Root',
        PolicyTypes: [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }],
      })),
      ...(NextToken ? { NextToken } : {}),
    };
  });
  mock
    .on(ListOrganizationalUnitsForParentCommand)
    .callsFake(
      (input: { ParentId?: string; NextToken?: string }): ListOrganizationalUnitsForParentCommandOutput => {
        count('ListOrganizationalUnitsForParent');
        const children: OrganizationalUnit[] = organization.units
          .filter((unit) => unit.parent === input.ParentId)
          .map((unit) => ({
            Id: unit.id,
            Arn: `arn:aws:organizations::${organization.managementAccountId}:ou/${organization.id}/${unit.id}`,
            Name: unit.name,
          }));
        const { page, NextToken } = pageOf(children, `ou-${input.ParentId}`, input.NextToken, pageSize);
        return { $metadata: metadata, OrganizationalUnits: page, ...(NextToken ? { NextToken } : {}) };
      },
    );
  mock
    .on(ListAccountsForParentCommand)
    .callsFake((input: { ParentId?: string; NextToken?: string }): ListAccountsForParentCommandOutput => {
      count('ListAccountsForParent');
      const children = organization.members
        .filter((member) => member.parent === input.ParentId)
        .map((member) => awsAccount(organization, member));
      const { page, NextToken } = pageOf(children, `acct-${input.ParentId}`, input.NextToken, pageSize);
      return { $metadata: metadata, Accounts: page, ...(NextToken ? { NextToken } : {}) };
    });
  mock.on(ListAccountsCommand).callsFake((input: { NextToken?: string }): ListAccountsCommandOutput => {
    count('ListAccounts');
    const all = organization.members.map((member) => awsAccount(organization, member));
    const { page, NextToken } = pageOf(all, 'accounts', input.NextToken, pageSize);
    return { $metadata: metadata, Accounts: page, ...(NextToken ? { NextToken } : {}) };
  });
  return counts;
}

/** `count` member accounts spread over `unitCount` OUs under the root, plus the management account in the root. */
export function generatedOrganization(count: number, unitCount = 5): SimulatedOrganization {
  const managementAccountId = '100000000000';
  const rootId = 'r-a1b2';
  const units = Array.from({ length: unitCount }, (_, index) => ({
    id: `ou-a1b2-${String(index).padStart(8, '0')}`,
    name: `unit-${index}`,
    parent: rootId,
  }));
  const members: SimulatedMember[] = [
    { id: managementAccountId, name: 'management', parent: rootId, state: 'ACTIVE' },
  ];
  for (let index = 1; index < count; index++) {
    members.push({
      id: String(100000000000 + index),
      name: `member-${index}`,
      parent: units[index % unitCount].id,
      state: 'ACTIVE',
    });
  }
  return { id: 'o-a1b2c3d4e5', managementAccountId, rootId, units, members };
}
