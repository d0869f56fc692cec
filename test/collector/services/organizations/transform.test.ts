import {
  ACCOUNT_TYPE,
  isManagementAccount,
  ORGANIZATION_TYPE,
  transformAccount,
  transformOrganization,
} from '../../../../collector/services/organizations/transform';
import type { Where } from '../../../../collector/shape';
import { accountsPage2, organization } from './fixtures';

const scope: Where = {
  accountId: '111111111111',
  partition: 'aws',
  region: 'us-east-1',
  assetRegion: 'global',
  service: 'organizations',
};

describe('organizations transforms', () => {
  it('keeps the organization under its ARN in the global region', () => {
    expect(transformOrganization(scope, organization)).toEqual({
      id: 'arn:aws:organizations::111111111111:organization/o-a1b2c3d4e5',
      accountId: '111111111111',
      region: 'global',
      service: 'organizations',
      type: ORGANIZATION_TYPE,
      class: 'Account',
      name: 'o-a1b2c3d4e5',
      tags: {},
      config: organization,
    });
  });

  it('keeps each account with its join date as an ISO string', () => {
    const asset = transformAccount(scope, accountsPage2.Accounts![0]);

    expect(asset).toMatchObject({
      id: 'arn:aws:organizations::111111111111:account/o-a1b2c3d4e5/123456789012',
      type: ACCOUNT_TYPE,
      name: 'prod',
      config: { Id: '123456789012', Status: 'ACTIVE', JoinedTimestamp: '2025-02-03T04:05:06.000Z' },
    });
  });

  it('recognises the management account by MasterAccountId', () => {
    expect(isManagementAccount(organization, '111111111111')).toBe(true);
    expect(isManagementAccount(organization, '123456789012')).toBe(false);
  });
});
