// The three forms, read back from what was generated (synthesised Terraform JSON, CloudFormation YAML,
// manual JSON): the same role, trust, SecurityAudit attachment, custom policy and regions in each.
import { parse as parseYaml } from 'yaml';
import { file, renderedBundle, EXTERNAL_ID, TRUSTED_PRINCIPAL } from './fixture';
import { cloudFormationGrant, jsonGrant, normaliseGrant, terraformGrant, type RoleGrant } from './grants';
import type { OnboardingPlan } from '../../onboarding/plan';

let plan: OnboardingPlan;
let files: Map<string, string>;
let grants: Record<'terraform' | 'cloudformation' | 'stackset' | 'json', RoleGrant>;

beforeAll(async () => {
  ({ plan, files } = await renderedBundle({ restrictRegions: true }));
  grants = {
    terraform: terraformGrant(file(files, 'terraform/cdk.tf.json')),
    cloudformation: cloudFormationGrant(file(files, 'cloudformation/cloudward-role.yaml')),
    stackset: cloudFormationGrant(file(files, 'cloudformation/stackset.yaml')),
    json: jsonGrant(files),
  };
});

describe.each(['terraform', 'cloudformation', 'stackset', 'json'] as const)('the %s form', (form) => {
  it('creates the role with the default name and a one-hour maximum session', () => {
    expect(grants[form].roleName).toBe('CloudwardReadOnly');
    expect(grants[form].maxSessionDuration).toBe(3600);
  });

  it('trusts only the trusted principal, with StringEquals sts:ExternalId', () => {
    const trust = normaliseGrant(grants[form]).trustPolicy;
    expect(trust.Statement).toEqual([
      {
        Sid: 'CloudwardAssumeRole',
        Effect: 'Allow',
        Principal: { AWS: [TRUSTED_PRINCIPAL] },
        Action: ['sts:AssumeRole'],
        Condition: { StringEquals: { 'sts:ExternalId': [EXTERNAL_ID] } },
      },
    ]);
  });

  it('attaches SecurityAudit and nothing else managed', () => {
    expect(grants[form].managedPolicyArns).toEqual(['arn:aws:iam::aws:policy/SecurityAudit']);
  });

  it('carries the custom read-only policy with exactly the computed extra actions', () => {
    const custom = grants[form].inlinePolicies.CloudwardReadOnlyExtras;
    expect(custom).toBeDefined();
    const granted = custom.Statement.flatMap((s) => [s.Action ?? []].flat()).sort();
    expect(granted).toEqual([...plan.permissions.customActions].sort());
  });

  it('carries the region restriction for the chosen regions', () => {
    const restriction = normaliseGrant(grants[form]).inlinePolicies.CloudwardRegionRestriction;
    expect(restriction.Statement).toHaveLength(1);
    expect(restriction.Statement[0].Effect).toBe('Deny');
    expect(restriction.Statement[0].Condition).toEqual({
      StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1', 'us-east-1'] },
    });
  });
});

it('grants the same permissions in all forms', () => {
  const reference = normaliseGrant(grants.terraform);
  expect(normaliseGrant(grants.cloudformation)).toEqual(reference);
  expect(normaliseGrant(grants.stackset)).toEqual(reference);
  expect(normaliseGrant(grants.json)).toEqual(reference);
});

it('puts the chosen regions in every form', () => {
  for (const form of ['terraform', 'cloudformation', 'json']) {
    expect(JSON.parse(file(files, `${form}/regions.json`))).toEqual({
      regions: ['eu-west-1', 'us-east-1'],
      restrictRegions: true,
    });
  }
  const config = JSON.parse(file(files, 'terraform/cdk.tf.json'));
  expect(config.variable.regions).toMatchObject({
    type: 'list(string)',
    default: ['eu-west-1', 'us-east-1'],
  });
  const template = parseYaml(file(files, 'cloudformation/cloudward-role.yaml'));
  expect(template.Parameters.Regions).toMatchObject({
    Type: 'CommaDelimitedList',
    Default: 'eu-west-1,us-east-1',
  });
});

describe('terraform', () => {
  it('has an external_id variable, the trust condition reads it, and outputs role ARN, external ID and regions', () => {
    const config = JSON.parse(file(files, 'terraform/cdk.tf.json'));
    expect(config.variable.external_id).toMatchObject({ type: 'string', default: EXTERNAL_ID });
    const trust = Object.values(
      config.data.aws_iam_policy_document as Record<
        string,
        { statement: { condition?: { values: unknown }[] }[] }
      >,
    )
      .flatMap((doc) => doc.statement)
      .find((s) => s.condition?.some((c) => JSON.stringify(c.values) === '["${var.external_id}"]'));
    expect(trust).toBeDefined();
    const roleKey = Object.keys(config.resource.aws_iam_role)[0];
    expect(config.output.role_arn.value).toBe(`\${aws_iam_role.${roleKey}.arn}`);
    expect(config.output.external_id.value).toBe('${var.external_id}');
    expect(config.output.regions.value).toBe('${var.regions}');
  });

  it('pins the AWS provider to 6.x, keeps state local and relative, and sets the first region', () => {
    const config = JSON.parse(file(files, 'terraform/cdk.tf.json'));
    expect(config.terraform.required_providers.aws).toEqual({
      source: 'hashicorp/aws',
      version: '>= 6.0, < 7.0',
    });
    expect(config.terraform.backend.local.path).toBe('terraform.tfstate');
    expect(config.provider.aws[0].region).toBe('eu-west-1');
  });

  it('explains terraform and OpenTofu commands', () => {
    const readme = file(files, 'terraform/README.md');
    expect(readme).toContain('terraform init');
    expect(readme).toContain('terraform apply');
    expect(readme).toContain('tofu apply');
  });
});

describe('cloudformation', () => {
  it('takes ExternalId, TrustedPrincipal and RoleName parameters and outputs the role ARN', () => {
    const template = parseYaml(file(files, 'cloudformation/cloudward-role.yaml'));
    expect(Object.keys(template.Parameters).sort()).toEqual([
      'ExternalId',
      'Regions',
      'RoleName',
      'TrustedPrincipal',
    ]);
    expect(template.Outputs.RoleArn.Value).toEqual({ 'Fn::GetAtt': ['CloudwardRole', 'Arn'] });
    const role = template.Resources.CloudwardRole.Properties;
    expect(role.AssumeRolePolicyDocument.Statement[0].Condition.StringEquals['sts:ExternalId']).toEqual({
      Ref: 'ExternalId',
    });
    expect(role.AssumeRolePolicyDocument.Statement[0].Principal.AWS).toEqual({ Ref: 'TrustedPrincipal' });
  });

  it('keeps date-like versions strings for YAML 1.1 parsers such as CloudFormation', () => {
    const template = parseYaml(file(files, 'cloudformation/cloudward-role.yaml'), { version: '1.1' });
    expect(template.AWSTemplateFormatVersion).toBe('2010-09-09');
    expect(template.Resources.CloudwardRole.Properties.AssumeRolePolicyDocument.Version).toBe('2012-10-17');
  });

  it('documents the organization StackSet commands (service-managed, auto-deployment, OU targets)', () => {
    const readme = file(files, 'cloudformation/README.md');
    expect(readme).toContain('aws cloudformation create-stack-set');
    expect(readme).toContain('--permission-model SERVICE_MANAGED');
    expect(readme).toContain('--auto-deployment Enabled=true');
    expect(readme).toContain('--deployment-targets OrganizationalUnitIds=');
    expect(readme).toContain('file://stackset.yaml');
    const parameters = JSON.parse(file(files, 'cloudformation/parameters.json'));
    expect(parameters).toContainEqual({ ParameterKey: 'ExternalId', ParameterValue: EXTERNAL_ID });
  });
});

describe('json', () => {
  it('lists the exact AWS CLI commands in order', () => {
    const steps = file(files, 'json/steps.md');
    const commands = steps.split('\n').filter((line) => line.startsWith('aws iam'));
    expect(commands.map((c) => c.split(' ').slice(0, 3).join(' '))).toEqual([
      'aws iam create-role',
      'aws iam attach-role-policy',
      'aws iam put-role-policy',
      'aws iam put-role-policy',
      'aws iam get-role',
    ]);
    expect(steps).toContain('arn:aws:iam::123456789012:role/CloudwardReadOnly');
  });
});

it('leaves the region restriction out unless asked', async () => {
  const { files: plain } = await renderedBundle();
  expect(Object.keys(terraformGrant(file(plain, 'terraform/cdk.tf.json')).inlinePolicies)).toEqual([
    'CloudwardReadOnlyExtras',
  ]);
  expect(
    Object.keys(cloudFormationGrant(file(plain, 'cloudformation/cloudward-role.yaml')).inlinePolicies),
  ).toEqual(['CloudwardReadOnlyExtras']);
  expect(plain.has('json/region-restriction-policy.json')).toBe(false);
});
