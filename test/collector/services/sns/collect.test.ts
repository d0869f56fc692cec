import {
  GetTopicAttributesCommand,
  type GetTopicAttributesCommandOutput,
  ListSubscriptionsCommand,
  type ListSubscriptionsCommandOutput,
  ListTagsForResourceCommand,
  type ListTagsForResourceCommandOutput,
  ListTopicsCommand,
  type ListTopicsCommandOutput,
  NotFoundException,
  ResourceNotFoundException,
  SNSClient,
} from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { snsCollector } from '../../../../collector/services/sns';
import { emulatorFailures } from '../../emulator-errors';
import { testContext } from '../../harness';
import { awsError } from '../iam/aws-error';

const $metadata = { httpStatusCode: 200, requestId: 'req-1' };
const ALERTS = 'arn:aws:sns:us-east-1:123456789012:security-alerts';
const BUILDS = 'arn:aws:sns:us-east-1:123456789012:builds';

const topicsPage1: ListTopicsCommandOutput = {
  $metadata,
  Topics: [{ TopicArn: ALERTS }],
  NextToken: 'topics-2',
};
const topicsPage2: ListTopicsCommandOutput = { $metadata, Topics: [{ TopicArn: BUILDS }] };

const alertsPolicy = {
  Version: '2008-10-17',
  Id: '__default_policy_ID',
  Statement: [
    {
      Sid: '__default_statement_ID',
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: ['SNS:Publish', 'SNS:Subscribe'],
      Resource: ALERTS,
      Condition: { StringEquals: { 'AWS:SourceOwner': '123456789012' } },
    },
  ],
};

const alertsAttributes: GetTopicAttributesCommandOutput = {
  $metadata,
  Attributes: {
    TopicArn: ALERTS,
    Owner: '123456789012',
    Policy: JSON.stringify(alertsPolicy),
    DisplayName: '',
    SubscriptionsConfirmed: '1',
    SubscriptionsPending: '0',
    SubscriptionsDeleted: '0',
    EffectiveDeliveryPolicy: '{"http":{"defaultHealthyRetryPolicy":{"numRetries":3}}}',
    KmsMasterKeyId: 'alias/aws/sns',
  },
};

const buildsAttributes: GetTopicAttributesCommandOutput = {
  $metadata,
  Attributes: { TopicArn: BUILDS, Owner: '123456789012', SubscriptionsConfirmed: '0' },
};

const subscriptionsPage1: ListSubscriptionsCommandOutput = {
  $metadata,
  Subscriptions: [
    {
      SubscriptionArn: `${ALERTS}:0f1e2d3c-0000-4000-8000-000000000001`,
      Owner: '123456789012',
      Protocol: 'email',
      Endpoint: 'secops@example.com',
      TopicArn: ALERTS,
    },
  ],
  NextToken: 'subs-2',
};
const subscriptionsPage2: ListSubscriptionsCommandOutput = {
  $metadata,
  Subscriptions: [
    {
      SubscriptionArn: 'PendingConfirmation',
      Owner: '123456789012',
      Protocol: 'https',
      Endpoint: 'https://hooks.example.com/sns',
      TopicArn: ALERTS,
    },
  ],
};

const alertsTags: ListTagsForResourceCommandOutput = {
  $metadata,
  Tags: [
    { Key: 'Environment', Value: 'production' },
    { Key: 'Owner', Value: 'secops' },
  ],
};
const noTags: ListTagsForResourceCommandOutput = { $metadata, Tags: [] };

const sns = mockClient(SNSClient);

function mockTopics(): void {
  sns
    .on(ListTopicsCommand)
    .resolves(topicsPage1)
    .on(ListTopicsCommand, { NextToken: 'topics-2' })
    .resolves(topicsPage2);
  sns.on(GetTopicAttributesCommand, { TopicArn: ALERTS }).resolves(alertsAttributes);
  sns.on(GetTopicAttributesCommand, { TopicArn: BUILDS }).resolves(buildsAttributes);
  sns
    .on(ListSubscriptionsCommand)
    .resolves(subscriptionsPage1)
    .on(ListSubscriptionsCommand, { NextToken: 'subs-2' })
    .resolves(subscriptionsPage2);
  sns.on(ListTagsForResourceCommand, { ResourceArn: ALERTS }).resolves(alertsTags);
  sns.on(ListTagsForResourceCommand, { ResourceArn: BUILDS }).resolves(noTags);
}

beforeEach(() => sns.reset());

describe('snsCollector', () => {
  it('emits every topic with parsed policy and its subscriptions from the account-wide listing', async () => {
    mockTopics();
    const run = testContext(snsCollector);
    await snsCollector.collect(run.ctx);
    expect(sns.commandCalls(ListSubscriptionsCommand)).toHaveLength(2);
    expect(run.assets.map((asset) => [asset.type, asset.class, asset.id, asset.name])).toEqual([
      ['aws_sns_topic', 'Channel', ALERTS, 'security-alerts'],
      ['aws_sns_topic', 'Channel', BUILDS, 'builds'],
    ]);
    expect(run.assets[0].config).toEqual({
      TopicArn: ALERTS,
      TopicAttributes: { Attributes: { ...alertsAttributes.Attributes, Policy: alertsPolicy } },
      Subscriptions: [
        ...(subscriptionsPage1.Subscriptions ?? []),
        ...(subscriptionsPage2.Subscriptions ?? []),
      ],
      Tags: alertsTags.Tags,
    });
    expect(run.assets[1].config).toEqual({
      TopicArn: BUILDS,
      TopicAttributes: { Attributes: buildsAttributes.Attributes },
      Subscriptions: [],
      Tags: [],
    });
  });

  it("reads each topic's tags by TopicArn into a plain map; an untagged topic has none", async () => {
    mockTopics();
    const run = testContext(snsCollector);
    await snsCollector.collect(run.ctx);
    expect(sns.commandCalls(ListTagsForResourceCommand).map((call) => call.args[0].input)).toEqual([
      { ResourceArn: ALERTS },
      { ResourceArn: BUILDS },
    ]);
    expect(run.assets.map((asset) => [asset.id, asset.tags, asset.readErrors])).toEqual([
      [ALERTS, { Environment: 'production', Owner: 'secops' }, undefined],
      [BUILDS, {}, undefined],
    ]);
  });

  it('keeps a topic whose tags are denied, with readErrors.Tags', async () => {
    mockTopics();
    sns
      .on(ListTagsForResourceCommand, { ResourceArn: BUILDS })
      .rejects(awsError('AuthorizationError', 403, 'not authorized to perform: SNS:ListTagsForResource'));
    const run = testContext(snsCollector);
    await snsCollector.collect(run.ctx);
    const builds = run.assets.find((asset) => asset.id === BUILDS);
    expect(builds?.readErrors).toEqual({ Tags: 'AuthorizationError' });
    expect(builds?.tags).toEqual({});
    expect(builds?.config).not.toHaveProperty('Tags');
    expect(builds?.config).toHaveProperty('TopicAttributes');
  });

  it('drops a topic whose tag call answers ResourceNotFound (deleted since the list)', async () => {
    mockTopics();
    sns.on(ListTagsForResourceCommand, { ResourceArn: BUILDS }).rejects(
      Object.assign(
        new ResourceNotFoundException({
          message: 'Resource does not exist',
          $metadata: { httpStatusCode: 404 },
        }),
        { Code: 'ResourceNotFound' },
      ),
    );
    const run = testContext(snsCollector);
    await snsCollector.collect(run.ctx);
    expect(run.assets.map((asset) => asset.id)).toEqual([ALERTS]);
  });

  it.each(emulatorFailures('sns', 'ListTagsForResource'))(
    'keeps every topic with readErrors.Tags when ListTagsForResource fails: %s',
    async (_label, failure, code) => {
      mockTopics();
      sns.on(ListTagsForResourceCommand).rejects(failure());
      const run = testContext(snsCollector);
      await snsCollector.collect(run.ctx);
      expect(run.assets.map((asset) => [asset.id, asset.readErrors])).toEqual([
        [ALERTS, { Tags: code }],
        [BUILDS, { Tags: code }],
      ]);
      expect(run.assets[0].config).toHaveProperty('TopicAttributes');
      expect(run.assets[0].config).toHaveProperty('Subscriptions');
    },
  );

  it('keeps topics whose calls meet an HTML 404 page (emulator or proxy): not a NotFound from SNS', async () => {
    mockTopics();
    // What the SDK raises for a 404 whose body is not SNS's XML: NotFoundException without the wire code.
    const page404 = () => new NotFoundException({ message: 'Unknown', $metadata: { httpStatusCode: 404 } });
    sns.on(GetTopicAttributesCommand, { TopicArn: ALERTS }).rejects(page404());
    sns.on(ListTagsForResourceCommand, { ResourceArn: BUILDS }).rejects(page404());
    const run = testContext(snsCollector);
    await snsCollector.collect(run.ctx);
    expect(run.assets.map((asset) => [asset.id, Object.keys(asset.readErrors ?? {})])).toEqual([
      [ALERTS, ['TopicAttributes']],
      [BUILDS, ['Tags']],
    ]);
  });

  it('records a failed subscription listing on every topic', async () => {
    mockTopics();
    sns
      .on(ListSubscriptionsCommand)
      .rejects(awsError('AuthorizationError', 403, 'not authorized to perform: SNS:ListSubscriptions'));
    const run = testContext(snsCollector);
    await snsCollector.collect(run.ctx);
    expect(run.assets.map((asset) => asset.readErrors)).toEqual([
      { Subscriptions: 'AuthorizationError' },
      { Subscriptions: 'AuthorizationError' },
    ]);
  });

  it('records denied attributes per topic and drops topics deleted since the list', async () => {
    mockTopics();
    sns.on(GetTopicAttributesCommand, { TopicArn: ALERTS }).rejects(awsError('AuthorizationError', 403));
    sns
      .on(GetTopicAttributesCommand, { TopicArn: BUILDS })
      .rejects(
        Object.assign(
          new NotFoundException({ message: 'Topic does not exist', $metadata: { httpStatusCode: 404 } }),
          { Code: 'NotFound' },
        ),
      );
    const run = testContext(snsCollector);
    await snsCollector.collect(run.ctx);
    expect(run.assets.map((asset) => asset.id)).toEqual([ALERTS]);
    expect(run.assets[0].readErrors).toEqual({ TopicAttributes: 'AuthorizationError' });
    expect(run.assets[0].config).not.toHaveProperty('TopicAttributes');
  });

  it('makes no further calls in a region without topics', async () => {
    sns.on(ListTopicsCommand).resolves({ $metadata, Topics: [] });
    const run = testContext(snsCollector);
    await snsCollector.collect(run.ctx);
    expect(run.assets).toEqual([]);
    expect(run.calls).toEqual(['SNS.ListTopics']);
  });

  it('throws when ListTopics is denied', async () => {
    const denied = awsError('AuthorizationError', 403);
    sns.on(ListTopicsCommand).rejects(denied);
    const run = testContext(snsCollector);
    await expect(snsCollector.collect(run.ctx)).rejects.toBe(denied);
  });
});
