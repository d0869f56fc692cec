import {
  DescribeOrganizationCommand,
  ListAccountsCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { mockClient } from 'aws-sdk-client-mock';
import { organizationsCollector } from '../../../../collector/services/organizations';
import { testContext } from '../../harness';
import { accessDenied, accountsPage1, accountsPage2, describeOrganizationOutput, notInUse } from './fixtures';

const organizations = mockClient(OrganizationsClient);

beforeEach(() => organizations.reset());

describe('organizationsCollector', () => {
  it('lists every account page from the management account', async () => {
    organizations.on(DescribeOrganizationCommand).resolves(describeOrganizationOutput);
    organizations.on(ListAccountsCommand).resolves(accountsPage1);
    organizations.on(ListAccountsCommand, { NextToken: 'accounts-page-2' }).resolves(accountsPage2);
    const run = testContext(organizationsCollector, { accountId: '111111111111' });

    await organizationsCollector.collect(run.ctx);

    // Every declared operation is used: the onboarding policy grants nothing this module does not need.
    expect(new Set(run.calls)).toEqual(
      new Set(organizationsCollector.operations.map((operation) => operation.api)),
    );

    expect(run.assets.map((asset) => `${asset.type} ${asset.name}`)).toEqual([
      'aws_organizations_organization o-a1b2c3d4e5',
      'aws_organizations_account management',
      'aws_organizations_account prod',
    ]);
    expect(run.assets.every((asset) => asset.region === 'global')).toBe(true);
    expect(run.failures).toEqual([]);
  });

  it('does not call ListAccounts from a member account', async () => {
    organizations.on(DescribeOrganizationCommand).resolves(describeOrganizationOutput);
    organizations.on(ListAccountsCommand).rejects(accessDenied('organizations:ListAccounts'));
    const run = testContext(organizationsCollector, { accountId: '123456789012' });

    await organizationsCollector.collect(run.ctx);

    expect(run.calls).toEqual(['Organizations.DescribeOrganization']);
    expect(run.assets.map((asset) => asset.type)).toEqual(['aws_organizations_organization']);
    expect(run.failures).toEqual([]);
  });

  it('reads nothing, without error, for an account outside any organization', async () => {
    organizations.on(DescribeOrganizationCommand).rejects(notInUse());
    const run = testContext(organizationsCollector);

    await organizationsCollector.collect(run.ctx);

    expect(run.assets).toEqual([]);
    expect(run.failures).toEqual([]);
    expect(run.calls).toEqual(['Organizations.DescribeOrganization']);
  });

  it('keeps the organization and marks accounts failed when ListAccounts is denied', async () => {
    organizations.on(DescribeOrganizationCommand).resolves(describeOrganizationOutput);
    const denied = accessDenied('organizations:ListAccounts');
    organizations.on(ListAccountsCommand).rejects(denied);
    const run = testContext(organizationsCollector, { accountId: '111111111111' });

    await organizationsCollector.collect(run.ctx);

    expect(run.assets.map((asset) => asset.type)).toEqual(['aws_organizations_organization']);
    expect(run.failures).toEqual([{ type: 'aws_organizations_account', error: denied }]);
  });

  it('throws with both types failed when DescribeOrganization is denied', async () => {
    organizations.on(DescribeOrganizationCommand).rejects(accessDenied('organizations:DescribeOrganization'));
    const run = testContext(organizationsCollector);

    await expect(organizationsCollector.collect(run.ctx)).rejects.toMatchObject({
      name: 'AccessDeniedException',
      $metadata: { httpStatusCode: 403 },
    });
    expect(run.failures.map((failure) => failure.type)).toEqual([
      'aws_organizations_organization',
      'aws_organizations_account',
    ]);
  });
});
