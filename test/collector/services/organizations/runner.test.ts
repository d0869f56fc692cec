// The Organizations module run by the collector core's unit runner: a global unit, complete for a member account.
import { DescribeOrganizationCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { mockClient } from 'aws-sdk-client-mock';
import type { Asset } from '../../../../store/model';
import { ClientFactory } from '../../../../collector/clients';
import { organizationsCollector } from '../../../../collector/services/organizations';
import { runUnit } from '../../../../collector/unit';
import { describeOrganizationOutput } from './fixtures';

const organizations = mockClient(OrganizationsClient);
const credentials = async () => ({ accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' });

it('writes the organization in the global region and reports both types complete for a member account', async () => {
  organizations.on(DescribeOrganizationCommand).resolves(describeOrganizationOutput);
  const written: Asset[] = [];

  const result = await runUnit({
    module: organizationsCollector,
    region: 'eu-west-1',
    accountId: '123456789012',
    partition: 'aws',
    factory: new ClientFactory({ credentials }),
    sink: {
      writeAssets: async (assets) => void written.push(...assets),
      writeRelationships: async () => undefined,
    },
    batchSize: 100,
    timeoutMs: 10_000,
    log: () => undefined,
  });

  expect(result).toMatchObject({
    service: 'organizations',
    region: 'global',
    status: 'ok',
    completeTypes: ['aws_organizations_organization', 'aws_organizations_account'],
    calls: { 'Organizations.DescribeOrganization': 1 },
  });
  expect(written.map((asset) => [asset.type, asset.region])).toEqual([
    ['aws_organizations_organization', 'global'],
  ]);
});
