// --restrict-regions: regional calls outside the chosen regions are denied, global services keep working.
// Policies are read back from each generated form and evaluated with the IAM simulator.
import { file, renderedBundle } from './fixture';
import {
  allowedByStatements,
  cloudFormationGrant,
  jsonGrant,
  simulate,
  terraformGrant,
  type RoleGrant,
} from './grants';

const forms: Record<string, RoleGrant> = {};

beforeAll(async () => {
  const { files } = await renderedBundle({ restrictRegions: true });
  forms.terraform = terraformGrant(file(files, 'terraform/cdk.tf.json'));
  forms.cloudformation = cloudFormationGrant(file(files, 'cloudformation/cloudward-role.yaml'));
  forms.json = jsonGrant(files);
});

describe.each(['terraform', 'cloudformation', 'json'])('the %s form with restrictRegions', (form) => {
  it.each([
    ['iam:ListRoles', 'ap-southeast-2'],
    ['s3:ListAllMyBuckets', 'ap-southeast-2'],
    ['s3:GetBucketPolicy', 'sa-east-1'],
    ['organizations:DescribeOrganization', 'us-west-2'],
    ['cloudfront:ListDistributions', 'us-west-2'],
    ['route53:ListHostedZones', 'us-west-2'],
  ])('still allows the global %s from %s (not chosen)', async (action, region) => {
    expect(await simulate(forms[form], { action, region })).toBe('Allowed');
  });

  it.each([
    ['ec2:DescribeInstances', 'ap-southeast-2'],
    ['rds:DescribeDBInstances', 'us-west-2'],
    ['lambda:ListFunctions', 'sa-east-1'],
  ])('denies the regional %s in %s (not chosen)', async (action, region) => {
    expect(await simulate(forms[form], { action, region })).toBe('ExplicitlyDenied');
  });

  it.each([
    ['ec2:DescribeInstances', 'eu-west-1'],
    ['ec2:DescribeInstances', 'us-east-1'],
    ['lambda:ListFunctions', 'us-east-1'],
  ])('allows the regional %s in %s (chosen)', async (action, region) => {
    expect(await simulate(forms[form], { action, region })).toBe('Allowed');
  });
});

it('does not restrict regions unless asked', async () => {
  const { files } = await renderedBundle();
  const grant = terraformGrant(file(files, 'terraform/cdk.tf.json'));
  expect(await simulate(grant, { action: 'ec2:DescribeInstances', region: 'ap-southeast-2' })).toBe(
    'Allowed',
  );
});

it('checks API Gateway V2 paths by statement matching (allowed APIs, never API keys)', () => {
  expect(
    allowedByStatements(forms.terraform, 'apigateway:GET', 'arn:aws:apigateway:eu-west-1::/apis/a1/routes'),
  ).toBe(true);
  expect(
    allowedByStatements(forms.terraform, 'apigateway:GET', 'arn:aws:apigateway:eu-west-1::/apikeys'),
  ).toBe(false);
});
