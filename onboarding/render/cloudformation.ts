// cloudformation/: one template used both as a stack (one account) and as a service-managed StackSet (an AWS
// Organization, seed 000). External ID, trusted principal, role name and regions are parameters.
import { stringify } from 'yaml';
import { CUSTOM_POLICY_NAME, REGION_POLICY_NAME } from '../permissions';
import { GLOBAL_SERVICE_ACTIONS } from '../policies';
import type { OnboardingPlan } from '../plan';
import { MAX_SESSION_SECONDS } from '../stack';
import { hasEksAccess, renderEksScript } from './eks-script';
import { json, regionsFile } from './documents';
import { EVENTS_TEMPLATE, eventsCloudFormationReadme, eventsTemplate } from './events';

const ROLE_LOGICAL_ID = 'CloudwardRole';

export function cloudFormationTemplate(plan: OnboardingPlan, description: string): Record<string, unknown> {
  const policies: Record<string, unknown>[] = [];
  if (plan.permissions.customActions.length > 0) {
    policies.push({ PolicyName: CUSTOM_POLICY_NAME, PolicyDocument: plan.permissions.customPolicy });
  }
  if (plan.restrictRegions) {
    policies.push({
      PolicyName: REGION_POLICY_NAME,
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'CloudwardDenyOtherRegions',
            Effect: 'Deny',
            NotAction: [...GLOBAL_SERVICE_ACTIONS],
            Resource: '*',
            Condition: { StringNotEquals: { 'aws:RequestedRegion': { Ref: 'Regions' } } },
          },
        ],
      },
    });
  }
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: description,
    Parameters: {
      ExternalId: {
        Type: 'String',
        Default: plan.externalId,
        MinLength: 2,
        MaxLength: 1224,
        AllowedPattern: '[\\w+=,.@:/-]*',
        Description: 'External ID Cloudward presents when assuming the role',
      },
      TrustedPrincipal: {
        Type: 'String',
        Default: plan.trustedPrincipal,
        AllowedPattern: 'arn:aws[a-z-]*:iam::\\d{12}:.+',
        Description: 'The IAM identity Cloudward runs as',
      },
      RoleName: {
        Type: 'String',
        Default: plan.roleName,
        AllowedPattern: '[\\w+=,.@-]{1,64}',
        Description: 'Name of the role to create',
      },
      Regions: {
        Type: 'CommaDelimitedList',
        Default: plan.regions.join(','),
        Description: 'Regions Cloudward reads (choose the same ones in Cloudward)',
      },
    },
    Resources: {
      [ROLE_LOGICAL_ID]: {
        Type: 'AWS::IAM::Role',
        Properties: {
          RoleName: { Ref: 'RoleName' },
          Description: 'Read-only access for Cloudward (security posture); assumed with an external ID',
          MaxSessionDuration: MAX_SESSION_SECONDS,
          AssumeRolePolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              {
                Sid: 'CloudwardAssumeRole',
                Effect: 'Allow',
                Principal: { AWS: { Ref: 'TrustedPrincipal' } },
                Action: 'sts:AssumeRole',
                Condition: { StringEquals: { 'sts:ExternalId': { Ref: 'ExternalId' } } },
              },
            ],
          },
          ManagedPolicyArns: [...plan.permissions.managedPolicyArns],
          ...(policies.length > 0 ? { Policies: policies } : {}),
        },
      },
    },
    Outputs: {
      RoleArn: {
        Description: 'Role ARN to enter in Cloudward',
        Value: { 'Fn::GetAtt': [ROLE_LOGICAL_ID, 'Arn'] },
      },
      ExternalId: { Description: 'External ID to enter in Cloudward', Value: { Ref: 'ExternalId' } },
      Regions: {
        Description: 'Regions to choose in Cloudward',
        Value: { 'Fn::Join': [',', { Ref: 'Regions' }] },
      },
    },
  };
}

export function renderCloudFormation(plan: OnboardingPlan): Map<string, string> {
  const files = new Map<string, string>();
  // YAML 1.1 rules quote date-like strings ("2012-10-17"), which YAML 1.1 parsers would otherwise read as dates.
  const yaml = (template: Record<string, unknown>) => stringify(template, { lineWidth: 0, version: '1.1' });
  files.set(
    'cloudformation/cloudward-role.yaml',
    yaml(cloudFormationTemplate(plan, `Cloudward read-only role for account ${plan.accountId}`)),
  );
  files.set(
    'cloudformation/stackset.yaml',
    yaml(
      cloudFormationTemplate(plan, 'Cloudward read-only role, deployed to every account of an organization'),
    ),
  );
  files.set('cloudformation/organization.yaml', yaml(organizationTemplate(plan)));
  files.set(
    'cloudformation/parameters.json',
    json([
      { ParameterKey: 'ExternalId', ParameterValue: plan.externalId },
      { ParameterKey: 'TrustedPrincipal', ParameterValue: plan.trustedPrincipal },
      { ParameterKey: 'RoleName', ParameterValue: plan.roleName },
      { ParameterKey: 'Regions', ParameterValue: plan.regions.join(',') },
    ]),
  );
  if (plan.events) files.set(EVENTS_TEMPLATE, yaml(eventsTemplate(plan)));
  files.set('cloudformation/regions.json', regionsFile(plan));
  files.set('cloudformation/README.md', cloudFormationReadme(plan));
  if (hasEksAccess(plan)) files.set('cloudformation/eks-access.sh', renderEksScript(plan));
  return files;
}

/**
 * One stack for the management account (or a StackSets delegated administrator): the role there, plus a
 * service-managed StackSet that deploys the same role (same name and external ID) to every account of the OUs
 * given, also those that join later. Cloudward's organization connection then needs only the outputs.
 */
export function organizationTemplate(plan: OnboardingPlan): Record<string, unknown> {
  const role = cloudFormationTemplate(
    plan,
    'Cloudward read-only role, deployed to every account of an organization',
  );
  const parameters = role.Parameters as Record<string, unknown>;
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description:
      'Cloudward for an AWS Organization: the role here and a service-managed StackSet for the members',
    Parameters: {
      ...parameters,
      OrganizationalUnitIds: {
        Type: 'CommaDelimitedList',
        Description: 'OUs (or the root, r-xxxx) whose accounts get the role',
      },
      DeploymentRegion: {
        Type: 'String',
        Default: plan.regions[0],
        Description: 'One region for the StackSet instances (the role is global)',
      },
    },
    Resources: {
      ...(role.Resources as Record<string, unknown>),
      CloudwardMemberRoles: {
        Type: 'AWS::CloudFormation::StackSet',
        Properties: {
          StackSetName: { 'Fn::Sub': '${RoleName}-members' },
          Description: 'Cloudward read-only role in every member account',
          PermissionModel: 'SERVICE_MANAGED',
          AutoDeployment: { Enabled: true, RetainStacksOnAccountRemoval: false },
          Capabilities: ['CAPABILITY_NAMED_IAM'],
          ManagedExecution: { Active: true },
          OperationPreferences: { FailureTolerancePercentage: 10, MaxConcurrentPercentage: 25 },
          Parameters: ['ExternalId', 'TrustedPrincipal', 'RoleName', 'Regions'].map((key) => ({
            ParameterKey: key,
            ParameterValue: key === 'Regions' ? { 'Fn::Join': [',', { Ref: 'Regions' }] } : { Ref: key },
          })),
          StackInstancesGroup: [
            {
              DeploymentTargets: { OrganizationalUnitIds: { Ref: 'OrganizationalUnitIds' } },
              Regions: [{ Ref: 'DeploymentRegion' }],
            },
          ],
          TemplateBody: JSON.stringify(role),
        },
      },
    },
    Outputs: {
      ...(role.Outputs as Record<string, unknown>),
      MemberRoleName: {
        Description: 'memberRoleName of the organization connection in Cloudward',
        Value: { Ref: 'RoleName' },
      },
    },
  };
}

function cloudFormationReadme(plan: OnboardingPlan): string {
  const stackName = plan.roleName;
  return [
    `# Cloudward read-only role for account ${plan.accountId} (CloudFormation)`,
    '',
    '## One account',
    '',
    'Run with credentials of the account to connect (IAM is global: any one region will do):',
    '',
    '```sh',
    `aws cloudformation create-stack --stack-name ${stackName} \\`,
    '  --template-body file://cloudward-role.yaml --parameters file://parameters.json \\',
    '  --capabilities CAPABILITY_NAMED_IAM',
    `aws cloudformation wait stack-create-complete --stack-name ${stackName}`,
    `aws cloudformation describe-stacks --stack-name ${stackName} \\`,
    '  --query "Stacks[0].Outputs[?OutputKey==\'RoleArn\'].OutputValue" --output text',
    '```',
    '',
    'Or upload `cloudward-role.yaml` in the console (CloudFormation > Create stack), acknowledge that it creates',
    'IAM resources with custom names, and copy **RoleArn** from the Outputs tab.',
    '',
    '## Every account of an AWS Organization (StackSet)',
    '',
    'From the management account (or a delegated administrator), with trusted access for StackSets enabled:',
    '',
    '```sh',
    `aws cloudformation create-stack-set --stack-set-name ${stackName} \\`,
    '  --template-body file://stackset.yaml --parameters file://parameters.json \\',
    '  --capabilities CAPABILITY_NAMED_IAM --permission-model SERVICE_MANAGED \\',
    '  --auto-deployment Enabled=true,RetainStacksOnAccountRemoval=false',
    `aws cloudformation create-stack-instances --stack-set-name ${stackName} \\`,
    `  --deployment-targets OrganizationalUnitIds=ou-xxxx-xxxxxxxx --regions ${plan.regions[0]}`,
    '```',
    '',
    'Or in one step from the management account: `organization.yaml` creates the role there and the service-managed',
    'StackSet for the members (pass OrganizationalUnitIds, e.g. the root r-xxxx); its outputs are what',
    '`POST /api/v1/organizations` needs (roleArn, externalId, memberRoleName):',
    '',
    '```sh',
    `aws cloudformation create-stack --stack-name ${stackName}-organization \\`,
    '  --template-body file://organization.yaml --capabilities CAPABILITY_NAMED_IAM \\',
    '  --parameters ParameterKey=OrganizationalUnitIds,ParameterValue=r-xxxx',
    '```',
    '',
    'Deploy to one region only (the role is global). Service-managed StackSets skip the management account',
    'itself: create the single-account stack there. Every account then shares this external ID; give each',
    'account in Cloudward the role ARN `arn:aws:iam::<account>:role/' +
      plan.roleName +
      '` and this external ID.',
    '',
    `Then create the account in Cloudward with the role ARN, the external ID and the regions (${plan.regions.join(', ')}).`,
    ...(hasEksAccess(plan)
      ? ['', 'EKS: run `bash eks-access.sh` to add access entries (AmazonEKSViewPolicy, cluster scope).']
      : []),
    ...eventsCloudFormationReadme(plan),
    '',
  ].join('\n');
}
