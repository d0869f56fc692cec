// Event mode by HTTPS push in the bundle: per region an EventBridge rule targeting an API destination that calls
// Cloudward's event route, its connection holding an event-ingest token that no generated file contains (a
// sensitive Terraform variable, a NoEcho CloudFormation parameter, a shell variable in the manual steps), and a
// delivery role that may only invoke those destinations. The SQS queue and the role's queue permission are left out.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { BASE_INPUT, cloudFormationArgs, file, inTempDir, itPassesCfnLint, renderedBundle } from './fixture';
import { onboardCommand } from '../../api/cli/onboard';
import { UsageError } from '../../api/cli/args';
import { EVENT_SOURCES } from '../../onboarding/events';
import { parseOnboardingInput } from '../../onboarding/options';

const ENDPOINT = 'https://cloudward.example.com';
const URL = 'https://cloudward.example.com/api/v1/events/cloudtrail';

let files: Map<string, string>;
beforeAll(async () => {
  ({ files } = await renderedBundle({ events: true, eventsTarget: 'https', eventsEndpoint: ENDPOINT }));
});

it('writes no token and no queue anywhere in the bundle', () => {
  for (const [path, content] of files) {
    expect(`${path}: ${/cw_[A-Za-z0-9_-]{20,}/.test(content)}`).toBe(`${path}: false`);
  }
  const config = JSON.parse(file(files, 'terraform/cdk.tf.json'));
  expect(config.resource.aws_sqs_queue).toBeUndefined();
  expect(Object.values(config.resource.aws_iam_role_policy).map((p: any) => p.name)).not.toContain(
    'CloudwardEventQueue',
  );
});

describe('input', () => {
  const base = { ...BASE_INPUT, regions: ['eu-west-1'], events: true, eventsTarget: 'https' };

  it('needs an https address for push', () => {
    expect(() => parseOnboardingInput(base)).toThrow(
      "eventsEndpoint: HTTPS push needs Cloudward's public https:// address",
    );
    expect(() => parseOnboardingInput({ ...base, eventsEndpoint: 'http://cloudward.example.com' })).toThrow(
      'eventsEndpoint: "http://cloudward.example.com" must be an https:// address',
    );
    expect(() =>
      parseOnboardingInput({ ...base, eventsEndpoint: 'https://cw.example.com/?token=x' }),
    ).toThrow(/no query or credentials/);
  });
});

describe('terraform', () => {
  type Resources = Record<string, Record<string, any>>;
  let config: { resource: Resources; variable: Record<string, any> };
  beforeAll(() => {
    config = JSON.parse(file(files, 'terraform/cdk.tf.json'));
  });

  it('takes the token as a sensitive variable with no default', () => {
    expect(config.variable.cloudward_event_token).toEqual({
      type: 'string',
      sensitive: true,
      description: expect.stringContaining('event-ingest'),
    });
    expect(file(files, 'terraform/README.md')).toContain('TF_VAR_cloudward_event_token');
  });

  it('creates a connection, an API destination and a rule targeting it in each region', () => {
    const { resource } = config;
    for (const type of [
      'aws_cloudwatch_event_connection',
      'aws_cloudwatch_event_api_destination',
      'aws_cloudwatch_event_rule',
      'aws_cloudwatch_event_target',
    ]) {
      expect(Object.values(resource[type]).map((r) => r.region)).toEqual(['eu-west-1', 'us-east-1']);
    }
    const connection = Object.values(resource.aws_cloudwatch_event_connection)[0];
    expect(connection).toMatchObject({
      authorization_type: 'API_KEY',
      auth_parameters: { api_key: { key: 'X-Cloudward-Token', value: '${var.cloudward_event_token}' } },
    });
    const [connectionKey] = Object.keys(resource.aws_cloudwatch_event_connection);
    const [destinationKey, destination] = Object.entries(resource.aws_cloudwatch_event_api_destination)[0];
    expect(destination).toMatchObject({
      invocation_endpoint: URL,
      http_method: 'POST',
      connection_arn: `\${aws_cloudwatch_event_connection.${connectionKey}.arn}`,
    });
    const [roleKey] = Object.entries(resource.aws_iam_role).find(([, role]) =>
      String(role.name_prefix).startsWith('cloudward-event-delivery'),
    )!;
    const target = Object.values(resource.aws_cloudwatch_event_target)[0];
    expect(target).toMatchObject({
      arn: `\${aws_cloudwatch_event_api_destination.${destinationKey}.arn}`,
      role_arn: `\${aws_iam_role.${roleKey}.arn}`,
    });
  });

  it('lets EventBridge of this account assume the delivery role, to invoke those destinations only', () => {
    const { resource } = config;
    const role = Object.values(resource.aws_iam_role).find((r) =>
      String(r.name_prefix).startsWith('cloudward-event-delivery'),
    )!;
    expect(JSON.parse(role.assume_role_policy).Statement).toEqual([
      {
        Effect: 'Allow',
        Principal: { Service: 'events.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } },
      },
    ]);
    const policy = Object.values(resource.aws_iam_role_policy).find(
      (p) => p.name === 'InvokeCloudwardApiDestination',
    )!;
    const statement = JSON.parse(policy.policy).Statement;
    expect(statement).toHaveLength(1);
    expect(statement[0].Action).toBe('events:InvokeApiDestination');
    expect(statement[0].Resource).toEqual(
      Object.keys(resource.aws_cloudwatch_event_api_destination).map(
        (key) => `\${aws_cloudwatch_event_api_destination.${key}.arn}`,
      ),
    );
  });
});

describe('cloudformation', () => {
  it('takes the token as a NoEcho parameter and wires rule -> destination -> connection', () => {
    const template = parseYaml(file(files, 'cloudformation/cloudward-events.yaml'));
    expect(template.Parameters.EventIngestToken).toMatchObject({ Type: 'String', NoEcho: true });
    const {
      CloudwardEventConnection,
      CloudwardEventDestination,
      CloudwardEventRule,
      CloudwardEventDeliveryRole,
    } = template.Resources;
    expect(template.Resources.CloudwardEventQueue).toBeUndefined();
    expect(CloudwardEventConnection.Properties.AuthParameters.ApiKeyAuthParameters).toEqual({
      ApiKeyName: 'X-Cloudward-Token',
      ApiKeyValue: { Ref: 'EventIngestToken' },
    });
    expect(CloudwardEventDestination.Properties).toMatchObject({
      InvocationEndpoint: URL,
      HttpMethod: 'POST',
      ConnectionArn: { 'Fn::GetAtt': ['CloudwardEventConnection', 'Arn'] },
    });
    expect(CloudwardEventRule.Properties.EventPattern.source).toEqual([...EVENT_SOURCES]);
    expect(CloudwardEventRule.Properties.Targets).toEqual([
      {
        Id: 'cloudward-push',
        Arn: { 'Fn::GetAtt': ['CloudwardEventDestination', 'Arn'] },
        RoleArn: { 'Fn::GetAtt': ['CloudwardEventDeliveryRole', 'Arn'] },
      },
    ]);
    expect(CloudwardEventDeliveryRole.Properties.Policies[0].PolicyDocument.Statement[0]).toMatchObject({
      Action: 'events:InvokeApiDestination',
      Resource: [{ 'Fn::GetAtt': ['CloudwardEventDestination', 'Arn'] }],
    });
    expect(file(files, 'cloudformation/README.md')).toContain(
      'ParameterKey=EventIngestToken,ParameterValue="$CLOUDWARD_EVENT_TOKEN"',
    );
  });

  itPassesCfnLint('passes cfn-lint', () => ({
    'events.yaml': file(files, 'cloudformation/cloudward-events.yaml'),
  }));
});

describe('json', () => {
  it('creates the connection from $CLOUDWARD_EVENT_TOKEN and scopes the delivery role to our destinations', () => {
    const steps = file(files, 'json/steps.md');
    for (const region of ['eu-west-1', 'us-east-1']) {
      expect(steps).toContain(
        `aws events create-connection --region ${region} --name cloudward-events --authorization-type API_KEY ` +
          '--auth-parameters "ApiKeyAuthParameters={ApiKeyName=X-Cloudward-Token,ApiKeyValue=$CLOUDWARD_EVENT_TOKEN}"',
      );
      expect(steps).toContain(`--invocation-endpoint ${URL} --http-method POST`);
    }
    expect(steps).not.toContain('aws sqs create-queue');
    const policy = JSON.parse(file(files, 'json/events/delivery-policy.json'));
    expect(policy.Statement[0].Resource).toEqual([
      'arn:aws:events:eu-west-1:123456789012:api-destination/cloudward-events/*',
      'arn:aws:events:us-east-1:123456789012:api-destination/cloudward-events/*',
    ]);
  });
});

it('onboard --events-push URL writes the push template; a bad URL is one line and exit 2', () =>
  inTempDir('cloudward-push-cli-', async (out) => {
    const args = cloudFormationArgs(out);
    expect(await onboardCommand([...args, '--events-push', ENDPOINT], { stdout: () => undefined })).toBe(0);
    const template = parseYaml(readFileSync(join(out, 'cloudformation', 'cloudward-events.yaml'), 'utf8'));
    expect(template.Resources.CloudwardEventDestination.Properties.InvocationEndpoint).toBe(URL);
    await expect(
      onboardCommand([...args, '--events-push', 'ftp://x'], { stdout: () => undefined }),
    ).rejects.toThrow(
      new UsageError(
        '--events-push: "ftp://x" must be an https:// address like https://cloudward.example.com (no query or credentials)',
      ),
    );
  }));
