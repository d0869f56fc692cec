// The Organizations module run by the collector core's unit runner: a global unit, complete for a member account.
import {
  DescribeOrganizationCommand,
  ListRootsCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { mockClient } from 'aws-sdk-client-mock';
import { organizationsCollector } from '../../../../collector/services/organizations';
import { runModuleUnit } from '../../harness';
import { accessDenied, describeOrganizationOutput } from './fixtures';

const organizations = mockClient(OrganizationsClient);

it('writes the organization in the global region and reports every type complete for a member account', async () => {
  organizations.on(DescribeOrganizationCommand).resolves(describeOrganizationOutput);
  organizations.on(ListRootsCommand).rejects(accessDenied('organizations:ListRoots'));
  const { result, assets: written } = await runModuleUnit(organizationsCollector, { region: 'eu-west-1' });

  expect(result).toMatchObject({
    service: 'organizations',
    region: 'global',
    status: 'ok',
    completeTypes: [
      'aws_organizations_organization',
      'aws_organizations_root',
      'aws_organizations_organizational_unit',
      'aws_organizations_account',
      'aws_organizations_policy',
    ],
    calls: { 'Organizations.DescribeOrganization': 1, 'Organizations.ListRoots': 1 },
  });
  expect(written.map((asset) => [asset.type, asset.region])).toEqual([
    ['aws_organizations_organization', 'global'],
  ]);
});
