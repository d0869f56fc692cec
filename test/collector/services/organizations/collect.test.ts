import {
  DescribeOrganizationCommand,
  DescribePolicyCommand,
  ListAccountsCommand,
  ListAccountsForParentCommand,
  ListDelegatedAdministratorsCommand,
  ListOrganizationalUnitsForParentCommand,
  ListPoliciesCommand,
  ListRootsCommand,
  ListTargetsForPolicyCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { mockClient } from 'aws-sdk-client-mock';
import { organizationsCollector } from '../../../../collector/services/organizations';
import { testContext } from '../../harness';
import {
  accessDenied,
  accountsIn,
  accountsPage1,
  accountsPage2,
  delegatedAdministrators,
  denyLeaveTargets,
  describeDenyLeave,
  describeFullAccess,
  describeOrganizationOutput,
  fullAccessTargets,
  listPoliciesOutput,
  listRootsOutput,
  noUnits,
  notInUse,
  prodUnits,
  rootUnitsPage1,
  rootUnitsPage2,
} from './fixtures';

const organizations = mockClient(OrganizationsClient);

beforeEach(() => organizations.reset());

function managementEstate(): void {
  organizations.on(DescribeOrganizationCommand).resolves(describeOrganizationOutput);
  organizations.on(ListRootsCommand).resolves(listRootsOutput);
  organizations.on(ListOrganizationalUnitsForParentCommand).resolves(noUnits);
  organizations.on(ListOrganizationalUnitsForParentCommand, { ParentId: 'r-a1b2' }).resolves(rootUnitsPage1);
  organizations
    .on(ListOrganizationalUnitsForParentCommand, { ParentId: 'r-a1b2', NextToken: 'ous-page-2' })
    .resolves(rootUnitsPage2);
  organizations
    .on(ListOrganizationalUnitsForParentCommand, { ParentId: 'ou-a1b2-prod00' })
    .resolves(prodUnits);
  organizations.on(ListAccountsForParentCommand).resolves(accountsIn());
  organizations.on(ListAccountsForParentCommand, { ParentId: 'r-a1b2' }).resolves(accountsIn('111111111111'));
  organizations
    .on(ListAccountsForParentCommand, { ParentId: 'ou-a1b2-prodweb' })
    .resolves(accountsIn('123456789012'));
  organizations.on(ListAccountsCommand).resolves(accountsPage1);
  organizations.on(ListAccountsCommand, { NextToken: 'accounts-page-2' }).resolves(accountsPage2);
  organizations.on(ListPoliciesCommand).resolves(listPoliciesOutput);
  organizations.on(DescribePolicyCommand, { PolicyId: 'p-FullAWSAccess' }).resolves(describeFullAccess);
  organizations.on(DescribePolicyCommand, { PolicyId: 'p-denyleave' }).resolves(describeDenyLeave);
  organizations.on(ListTargetsForPolicyCommand, { PolicyId: 'p-FullAWSAccess' }).resolves(fullAccessTargets);
  organizations.on(ListTargetsForPolicyCommand, { PolicyId: 'p-denyleave' }).resolves(denyLeaveTargets);
  organizations.on(ListDelegatedAdministratorsCommand).resolves(delegatedAdministrators);
}

const short = (arn: string): string => arn.split('/').pop() as string;

describe('organizationsCollector', () => {
  it('reads the whole structure from the management account, following every NextToken', async () => {
    managementEstate();
    const run = testContext(organizationsCollector, { accountId: '111111111111' });

    await organizationsCollector.collect(run.ctx);

    // Every declared operation is used: the onboarding policy grants nothing this module does not need.
    expect(new Set(run.calls)).toEqual(
      new Set(organizationsCollector.operations.map((operation) => operation.api)),
    );
    expect(run.failures).toEqual([]);
    expect(run.assets.map((asset) => `${asset.type} ${asset.name}`).sort()).toEqual([
      'aws_organizations_account management',
      'aws_organizations_account prod',
      'aws_organizations_organization o-a1b2c3d4e5',
      'aws_organizations_organizational_unit prod',
      'aws_organizations_organizational_unit sandbox',
      'aws_organizations_organizational_unit web',
      'aws_organizations_policy FullAWSAccess',
      'aws_organizations_policy deny-leave-org',
      'aws_organizations_root Root',
    ]);
    expect(run.assets.every((asset) => asset.region === 'global')).toBe(true);

    const prod = run.assets.find(
      (asset) => asset.name === 'prod' && asset.type === 'aws_organizations_account',
    );
    expect(prod?.config).toMatchObject({ Id: '123456789012', ParentId: 'ou-a1b2-prodweb', State: 'ACTIVE' });
    const scp = run.assets.find((asset) => asset.name === 'deny-leave-org');
    expect(scp?.config.Content).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' }],
    });

    const organization = run.assets.find((asset) => asset.type === 'aws_organizations_organization');
    expect(organization?.readErrors).toBeUndefined();
    expect(organization?.config).toMatchObject({
      Roots: [{ Id: 'r-a1b2', PolicyTypes: [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }] }],
      ServiceControlPolicies: [
        { Id: 'p-FullAWSAccess', AwsManaged: true, Targets: [{ TargetId: 'r-a1b2', Type: 'ROOT' }] },
        {
          Id: 'p-denyleave',
          AwsManaged: false,
          Targets: [
            { TargetId: 'ou-a1b2-prod00', Type: 'ORGANIZATIONAL_UNIT' },
            { TargetId: '123456789012', Type: 'ACCOUNT' },
          ],
        },
      ],
      DelegatedAdministrators: [{ Id: '123456789012', Status: 'ACTIVE' }],
    });

    expect(
      run.relationships.map((edge) => `${short(edge.fromId)} ${edge.verb} ${short(edge.toId)}`).sort(),
    ).toEqual([
      '111111111111 IN r-a1b2',
      '123456789012 IN ou-a1b2-prodweb',
      'ou-a1b2-prod00 IN r-a1b2',
      'ou-a1b2-prodweb IN ou-a1b2-prod00',
      'ou-a1b2-sandbox IN r-a1b2',
      'p-FullAWSAccess ATTACHED_TO r-a1b2',
      'p-denyleave ATTACHED_TO 123456789012',
      'p-denyleave ATTACHED_TO ou-a1b2-prod00',
    ]);
  });

  it('records the denial on the organization of a member account (not a delegated administrator)', async () => {
    organizations.on(DescribeOrganizationCommand).resolves(describeOrganizationOutput);
    organizations.on(ListRootsCommand).rejects(accessDenied('organizations:ListRoots'));
    organizations.on(ListAccountsCommand).rejects(accessDenied('organizations:ListAccounts'));
    const run = testContext(organizationsCollector, { accountId: '123456789012' });

    await organizationsCollector.collect(run.ctx);

    expect(run.calls).toEqual(['Organizations.DescribeOrganization', 'Organizations.ListRoots']);
    expect(run.assets.map((asset) => asset.type)).toEqual(['aws_organizations_organization']);
    expect(run.assets[0]?.readErrors).toEqual({
      Roots: 'AccessDeniedException',
      ServiceControlPolicies: 'AccessDeniedException',
      DelegatedAdministrators: 'AccessDeniedException',
    });
    expect(run.failures).toEqual([]);
  });

  it('reads the structure from a delegated administrator (a member whose ListRoots succeeds)', async () => {
    managementEstate();
    const run = testContext(organizationsCollector, { accountId: '123456789012' });

    await organizationsCollector.collect(run.ctx);

    expect(run.assets.filter((asset) => asset.type === 'aws_organizations_account')).toHaveLength(2);
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

  it('keeps the rest and marks accounts failed when ListAccounts is denied to the management account', async () => {
    managementEstate();
    const denied = accessDenied('organizations:ListAccounts');
    organizations.on(ListAccountsCommand).rejects(denied);
    const run = testContext(organizationsCollector, { accountId: '111111111111' });

    await organizationsCollector.collect(run.ctx);

    expect(run.assets.some((asset) => asset.type === 'aws_organizations_account')).toBe(false);
    expect(run.assets.some((asset) => asset.type === 'aws_organizations_policy')).toBe(true);
    expect(run.failures).toEqual([{ type: 'aws_organizations_account', error: denied }]);
  });

  it('records a failed SCP listing on the organization, so SCP controls give error', async () => {
    managementEstate();
    organizations.on(ListPoliciesCommand).rejects(accessDenied('organizations:ListPolicies'));
    const run = testContext(organizationsCollector, { accountId: '111111111111' });

    await organizationsCollector.collect(run.ctx);

    const organization = run.assets.find((asset) => asset.type === 'aws_organizations_organization');
    expect(organization?.readErrors).toEqual({ ServiceControlPolicies: 'AccessDeniedException' });
    expect(organization?.config.ServiceControlPolicies).toBeUndefined();
    expect(run.failures.map((failure) => failure.type)).toEqual(['aws_organizations_policy']);
  });

  it('throws with every type failed when DescribeOrganization is denied', async () => {
    organizations.on(DescribeOrganizationCommand).rejects(accessDenied('organizations:DescribeOrganization'));
    const run = testContext(organizationsCollector);

    await expect(organizationsCollector.collect(run.ctx)).rejects.toMatchObject({
      name: 'AccessDeniedException',
      $metadata: { httpStatusCode: 403 },
    });
    expect(run.failures.map((failure) => failure.type)).toEqual([
      'aws_organizations_organization',
      'aws_organizations_root',
      'aws_organizations_organizational_unit',
      'aws_organizations_account',
      'aws_organizations_policy',
    ]);
  });
});
