// AWS Organizations (global): the organization, and its accounts when this is the management account
// (CATALOG.md: aws_organizations_organization, aws_organizations_account).
import { OrganizationsClient, type Organization } from '@aws-sdk/client-organizations';
import type { CollectorModule } from '../../types';
import { accountPages, describeOrganization } from './get';
import { errorCode } from '../../errors';
import { ListFailures, whereOf } from '../../read';
import {
  ACCOUNT_TYPE,
  isManagementAccount,
  ORGANIZATION_TYPE,
  transformAccount,
  transformOrganization,
} from './transform';

export const organizationsCollector: CollectorModule = {
  service: 'organizations',
  scope: 'global',
  resourceTypes: [
    {
      type: ORGANIZATION_TYPE,
      class: 'Account',
      listOperation: 'Organizations.DescribeOrganization',
      idSource: 'Organization.Arn',
    },
    {
      type: ACCOUNT_TYPE,
      class: 'Account',
      listOperation: 'Organizations.ListAccounts',
      idSource: 'Account.Arn (management account only)',
    },
  ],
  operations: [
    { api: 'Organizations.DescribeOrganization', actions: ['organizations:DescribeOrganization'] },
    { api: 'Organizations.ListAccounts', actions: ['organizations:ListAccounts'] },
  ],
  async collect(ctx) {
    // The SDK resolves every commercial region to the global endpoint (us-east-1), so ctx.region is fine.
    const client = ctx.client(OrganizationsClient);
    const scope = whereOf(ctx, 'organizations');
    const failures = new ListFailures(ctx, [ORGANIZATION_TYPE, ACCOUNT_TYPE]);

    let organization: Organization | undefined;
    // Accounts are only listed once we know this is the management account.
    const read = await failures.run([ORGANIZATION_TYPE, ACCOUNT_TYPE], async () => {
      try {
        organization = await describeOrganization(client, ctx.signal);
      } catch (error) {
        // Not in an organization: read completely, and there is nothing.
        if (errorCode(error) === 'AWSOrganizationsNotInUseException') return;
        throw error;
      }
      if (organization) await ctx.emit({ assets: [transformOrganization(scope, organization)] });
    });

    // A member account cannot list accounts: skipping is a complete read of what this account can see.
    if (read && organization && isManagementAccount(organization, ctx.accountId)) {
      await failures.run([ACCOUNT_TYPE], async () => {
        for await (const accounts of accountPages(client, ctx.signal)) {
          await ctx.emit({ assets: accounts.map((account) => transformAccount(scope, account)) });
        }
      });
    }
    failures.finish();
  },
};
