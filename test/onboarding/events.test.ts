// Event mode in the bundle: per region an SSE queue, a rule on CloudTrail write calls targeting it, a queue policy
// that lets only that rule send, and the role allowed to receive/delete on those queues only.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { cloudFormationArgs, file, inTempDir, itPassesCfnLint, renderedBundle } from './fixture';
import { onboardCommand } from '../../api/cli/onboard';
import { EVENT_SOURCES } from '../../onboarding/events';

let files: Map<string, string>;
beforeAll(async () => {
  ({ files } = await renderedBundle({ events: true }));
});

it('leaves event mode out unless asked', async () => {
  const { files: plain } = await renderedBundle({});
  expect([...plain.keys()].filter((path) => path.includes('events'))).toEqual([]);
  const config = JSON.parse(file(plain, 'terraform/cdk.tf.json'));
  expect(config.resource.aws_sqs_queue).toBeUndefined();
  expect(config.resource.aws_cloudwatch_event_rule).toBeUndefined();
});

describe('terraform', () => {
  type Resources = Record<string, Record<string, any>>;
  let resource: Resources;
  beforeAll(() => {
    resource = JSON.parse(file(files, 'terraform/cdk.tf.json')).resource;
  });

  it('creates one SSE queue, rule, target and queue policy per region', () => {
    for (const type of [
      'aws_sqs_queue',
      'aws_cloudwatch_event_rule',
      'aws_cloudwatch_event_target',
      'aws_sqs_queue_policy',
    ]) {
      expect(Object.values(resource[type]).map((r) => r.region)).toEqual(['eu-west-1', 'us-east-1']);
    }
    for (const queue of Object.values(resource.aws_sqs_queue)) {
      expect(queue).toMatchObject({ name: 'cloudward-events', sqs_managed_sse_enabled: true });
    }
  });

  it('matches CloudTrail write calls of the collected services on the default bus and targets the queue', () => {
    const [ruleKey, rule] = Object.entries(resource.aws_cloudwatch_event_rule)[0];
    expect(rule.event_bus_name).toBeUndefined(); // default bus
    const pattern = JSON.parse(rule.event_pattern);
    expect(pattern['detail-type']).toEqual(['AWS API Call via CloudTrail']);
    expect(pattern.detail).toEqual({ readOnly: [false] });
    expect(pattern.source).toEqual(
      expect.arrayContaining(['aws.s3', 'aws.ec2', 'aws.iam', 'aws.rds', 'aws.lambda']),
    );
    const [queueKey] = Object.keys(resource.aws_sqs_queue);
    const target = Object.values(resource.aws_cloudwatch_event_target)[0];
    expect(target.rule).toBe(`\${aws_cloudwatch_event_rule.${ruleKey}.name}`);
    expect(target.arn).toBe(`\${aws_sqs_queue.${queueKey}.arn}`);
  });

  it('lets only events.amazonaws.com send, and only for its rule', () => {
    const [ruleKey] = Object.keys(resource.aws_cloudwatch_event_rule);
    const [queueKey] = Object.keys(resource.aws_sqs_queue);
    const policy = JSON.parse(Object.values(resource.aws_sqs_queue_policy)[0].policy);
    expect(policy.Statement).toEqual([
      expect.objectContaining({
        Effect: 'Allow',
        Principal: { Service: 'events.amazonaws.com' },
        Action: 'sqs:SendMessage',
        Resource: `\${aws_sqs_queue.${queueKey}.arn}`,
        Condition: { ArnEquals: { 'aws:SourceArn': `\${aws_cloudwatch_event_rule.${ruleKey}.arn}` } },
      }),
    ]);
  });

  it('grants the role receive/delete/attributes on those queues only', () => {
    const consumer = Object.values(resource.aws_iam_role_policy).find(
      (p) => p.name === 'CloudwardEventQueue',
    );
    const document = JSON.parse(consumer!.policy);
    expect(document.Statement).toHaveLength(1);
    expect(document.Statement[0].Action).toEqual([
      'sqs:ReceiveMessage',
      'sqs:DeleteMessage',
      'sqs:GetQueueAttributes',
    ]);
    expect(document.Statement[0].Resource).toEqual(
      Object.keys(resource.aws_sqs_queue).map((key) => `\${aws_sqs_queue.${key}.arn}`),
    );
  });
});

describe('cloudformation', () => {
  it('has a per-region events template wired queue -> rule -> policy -> role', () => {
    const template = parseYaml(file(files, 'cloudformation/cloudward-events.yaml'));
    const { CloudwardEventQueue, CloudwardEventRule, CloudwardEventQueuePolicy, CloudwardEventConsumer } =
      template.Resources;
    expect(CloudwardEventQueue.Properties.SqsManagedSseEnabled).toBe(true);
    expect(CloudwardEventRule.Properties.EventPattern.source).toEqual([...EVENT_SOURCES]);
    expect(CloudwardEventRule.Properties.Targets[0].Arn).toEqual({
      'Fn::GetAtt': ['CloudwardEventQueue', 'Arn'],
    });
    expect(CloudwardEventQueuePolicy.Properties.PolicyDocument.Statement[0].Condition).toEqual({
      ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': ['CloudwardEventRule', 'Arn'] } },
    });
    expect(CloudwardEventConsumer.Properties.PolicyDocument.Statement[0].Resource).toEqual([
      { 'Fn::GetAtt': ['CloudwardEventQueue', 'Arn'] },
    ]);
    expect(CloudwardEventConsumer.Properties.RoleName).toEqual({ Ref: 'RoleName' });
    expect(file(files, 'cloudformation/README.md')).toContain(
      '--region us-east-1 --stack-name CloudwardReadOnly-events',
    );
  });

  itPassesCfnLint('passes cfn-lint', () => ({
    'cloudward-events.yaml': file(files, 'cloudformation/cloudward-events.yaml'),
    'cloudward-role.yaml': file(files, 'cloudformation/cloudward-role.yaml'),
  }));
});

describe('json', () => {
  it('lists per-region commands and a consumer policy scoped to the queue ARNs', () => {
    const steps = file(files, 'json/steps.md');
    for (const region of ['eu-west-1', 'us-east-1']) {
      expect(steps).toContain(`aws sqs create-queue --region ${region} --queue-name cloudward-events`);
      expect(steps).toContain(`aws events put-rule --region ${region} --name cloudward-events`);
    }
    const policy = JSON.parse(file(files, 'json/events/consumer-policy.json'));
    expect(policy.Statement[0].Resource).toEqual([
      'arn:aws:sqs:eu-west-1:123456789012:cloudward-events',
      'arn:aws:sqs:us-east-1:123456789012:cloudward-events',
    ]);
    const attributes = JSON.parse(file(files, 'json/events/queue-attributes-us-east-1.json'));
    expect(JSON.parse(attributes.Policy).Statement[0].Condition.ArnEquals['aws:SourceArn']).toBe(
      'arn:aws:events:us-east-1:123456789012:rule/cloudward-events',
    );
  });
});

it('onboard --events writes the events template', () =>
  inTempDir('cloudward-events-cli-', async (out) => {
    const code = await onboardCommand([...cloudFormationArgs(out), '--events'], { stdout: () => undefined });
    expect(code).toBe(0);
    expect(execFileSync('ls', [join(out, 'cloudformation')], { encoding: 'utf8' })).toContain(
      'cloudward-events.yaml',
    );
  }));
