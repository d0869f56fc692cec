// cloudformation/organization.yaml: one stack in the management account that holds the role there and a
// service-managed StackSet deploying the same role (name, external ID, trusted principal) to the OUs' accounts.
import { parse as parseYaml } from 'yaml';
import { EXTERNAL_ID, file, itPassesCfnLint, renderedBundle, TRUSTED_PRINCIPAL } from './fixture';

let files: Map<string, string>;
beforeAll(async () => {
  ({ files } = await renderedBundle({}));
});

it('deploys the stack role to the members through a service-managed, auto-deploying StackSet on the given OUs', () => {
  const template = parseYaml(file(files, 'cloudformation/organization.yaml'), { version: '1.1' });
  const stackSet = template.Resources.CloudwardMemberRoles;
  expect(stackSet.Type).toBe('AWS::CloudFormation::StackSet');
  expect(stackSet.Properties).toMatchObject({
    PermissionModel: 'SERVICE_MANAGED',
    AutoDeployment: { Enabled: true, RetainStacksOnAccountRemoval: false },
    Capabilities: ['CAPABILITY_NAMED_IAM'],
    StackInstancesGroup: [
      {
        DeploymentTargets: { OrganizationalUnitIds: { Ref: 'OrganizationalUnitIds' } },
        Regions: [{ Ref: 'DeploymentRegion' }],
      },
    ],
  });
  // The members get exactly the single-account role template, fed the same parameters.
  const memberTemplate = JSON.parse(stackSet.Properties.TemplateBody);
  const stackRole = parseYaml(file(files, 'cloudformation/cloudward-role.yaml'), { version: '1.1' });
  expect(memberTemplate.Resources).toEqual(stackRole.Resources);
  expect(stackSet.Properties.Parameters).toContainEqual({
    ParameterKey: 'ExternalId',
    ParameterValue: { Ref: 'ExternalId' },
  });
  expect(template.Parameters.ExternalId.Default).toBe(EXTERNAL_ID);
  expect(template.Parameters.TrustedPrincipal.Default).toBe(TRUSTED_PRINCIPAL);
  // The management account's own role is in the same stack (StackSets skip the management account).
  expect(template.Resources.CloudwardRole.Type).toBe('AWS::IAM::Role');
  expect(Object.keys(template.Outputs)).toEqual(
    expect.arrayContaining(['RoleArn', 'ExternalId', 'MemberRoleName']),
  );
  expect(file(files, 'cloudformation/README.md')).toContain('--template-body file://organization.yaml');
});

itPassesCfnLint('passes cfn-lint, with the member template too', () => {
  const organization = file(files, 'cloudformation/organization.yaml');
  const template = parseYaml(organization, { version: '1.1' });
  return {
    'organization.yaml': organization,
    'member.json': template.Resources.CloudwardMemberRoles.Properties.TemplateBody,
  };
});
