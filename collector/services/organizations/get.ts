// Organizations reads: the organization this account belongs to, and (management account only) its accounts.
import {
  DescribeOrganizationCommand,
  paginateListAccounts,
  type Account,
  type Organization,
  type OrganizationsClient,
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
