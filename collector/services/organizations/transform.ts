// Pure: DescribeOrganization / ListAccounts items -> aws_organizations_organization / aws_organizations_account.
//
// Example: Organization { Id: 'o-abc', Arn: 'arn:aws:organizations::111:organization/o-abc',
//   MasterAccountId: '111' } -> id = Arn, name 'o-abc'; Account { Arn, Name: 'prod' } -> id = Arn, name 'prod'.
import type { Account, Organization } from '@aws-sdk/client-organizations';
import type { Asset } from '../../../store/model';
import { makeAsset, plainConfig } from '../../shape';
import { type Where } from '../../shape';

export const ORGANIZATION_TYPE = 'aws_organizations_organization';
export const ACCOUNT_TYPE = 'aws_organizations_account';

export function transformOrganization(scope: Where, organization: Organization): Asset {
  const id = organization.Arn ?? '';
  return makeAsset(scope, {
    id,
    type: ORGANIZATION_TYPE,
    class: 'Account',
    name: organization.Id ?? id,
    config: plainConfig(organization),
  });
}

export function transformAccount(scope: Where, account: Account): Asset {
  const id = account.Arn ?? '';
  return makeAsset(scope, {
    id,
    type: ACCOUNT_TYPE,
    class: 'Account',
    name: account.Name ?? account.Id ?? id,
    config: plainConfig(account),
  });
}

/** Only the management account can list the organization's accounts; members would get AccessDenied. */
export function isManagementAccount(organization: Organization, accountId: string): boolean {
  return organization.MasterAccountId === accountId;
}
