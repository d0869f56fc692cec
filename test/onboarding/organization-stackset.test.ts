// cloudformation/organization.yaml: one stack in the management account that holds the role there and a
// service-managed StackSet deploying the same role (name, external ID, trusted principal) to the OUs' accounts.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { EXTERNAL_ID, file, renderedBundle, TRUSTED_PRINCIPAL } from './fixture';

const PATH = `/root/.pyenv/shims:${process.env.PATH}`;
const cfnLint = spawnSync('cfn-lint', ['--version'], { env: { ...process.env, PATH } }).status === 0;

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

(cfnLint ? it : it.skip)(
  'passes cfn-lint, with the member template too',
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'cloudward-org-cfn-'));
    try {
      const template = parseYaml(file(files, 'cloudformation/organization.yaml'), { version: '1.1' });
      writeFileSync(join(dir, 'organization.yaml'), file(files, 'cloudformation/organization.yaml'));
      writeFileSync(
        join(dir, 'member.json'),
        template.Resources.CloudwardMemberRoles.Properties.TemplateBody,
      );
      const result = spawnSync('cfn-lint', [join(dir, 'organization.yaml'), join(dir, 'member.json')], {
        env: { ...process.env, PATH },
        encoding: 'utf8',
      });
      expect(`${result.stdout}${result.stderr}`).toBe('');
      expect(result.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
  60_000,
);
