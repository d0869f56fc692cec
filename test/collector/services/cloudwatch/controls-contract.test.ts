// Contract check between these collectors and the built-in controls: the CIS monitoring chain
// (trail LOGS_TO log group <- MONITORS metric filter <- MONITORS alarm -> NOTIFIES topic with a subscription),
// collected through the real modules, passes the control and fails once the topic has no subscriber.
import {
  CloudTrailClient,
  DescribeTrailsCommand,
  GetEventSelectorsCommand,
  GetTrailStatusCommand,
} from '@aws-sdk/client-cloudtrail';
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import {
  CloudWatchLogsClient,
  DescribeLogGroupsCommand,
  DescribeMetricFiltersCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import {
  GetTopicAttributesCommand,
  ListSubscriptionsCommand,
  ListTopicsCommand,
  SNSClient,
} from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { cloudtrailCollector } from '../../../../collector/services/cloudtrail';
import { cloudwatchCollector } from '../../../../collector/services/cloudwatch';
import { logsCollector } from '../../../../collector/services/logs';
import { snsCollector } from '../../../../collector/services/sns';
import type { CollectorModule } from '../../../../collector/types';
import { evaluateEstate, loadControls } from '../../../../evaluator';
import type { Asset, Relationship } from '../../../../store/model';
import { testContext } from '../../harness';
import { allManagementEvents, loggingStatus, trails } from '../cloudtrail/fixtures';
import { logGroupsPage1, metricFiltersPage2, rootUsageFilter } from '../logs/fixtures';

const $metadata = { httpStatusCode: 200 };
const TOPIC = 'arn:aws:sns:us-east-1:123456789012:security-alerts';
const CONTROL = 'cloudwatch_root_account_usage_alarm_configured';

const cloudtrail = mockClient(CloudTrailClient);
const logs = mockClient(CloudWatchLogsClient);
const cloudwatch = mockClient(CloudWatchClient);
const sns = mockClient(SNSClient);

function mockMonitoredRegion(subscribed: boolean, actionsEnabled = true): void {
  cloudtrail.on(DescribeTrailsCommand).resolves({ $metadata, trailList: [trails.trailList![0]] });
  cloudtrail.on(GetTrailStatusCommand).resolves(loggingStatus);
  cloudtrail.on(GetEventSelectorsCommand).resolves(allManagementEvents);
  logs.on(DescribeLogGroupsCommand).resolves({ ...logGroupsPage1, nextToken: undefined });
  logs.on(DescribeMetricFiltersCommand).resolves({ ...metricFiltersPage2, metricFilters: [rootUsageFilter] });
  cloudwatch.on(DescribeAlarmsCommand).resolves({
    $metadata,
    MetricAlarms: [
      {
        AlarmName: 'root-usage',
        AlarmArn: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:root-usage',
        ActionsEnabled: actionsEnabled,
        AlarmActions: [TOPIC],
        MetricName: 'RootAccountUsage',
        Namespace: 'CISBenchmark',
        Statistic: 'Sum',
        Period: 300,
        EvaluationPeriods: 1,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      },
    ],
  });
  sns.on(ListTopicsCommand).resolves({ $metadata, Topics: [{ TopicArn: TOPIC }] });
  sns.on(GetTopicAttributesCommand).resolves({ $metadata, Attributes: { TopicArn: TOPIC } });
  sns.on(ListSubscriptionsCommand).resolves({
    $metadata,
    Subscriptions: subscribed
      ? [
          {
            SubscriptionArn: `${TOPIC}:0f1e2d3c-0000-4000-8000-000000000001`,
            Protocol: 'email',
            Endpoint: 'secops@example.com',
            TopicArn: TOPIC,
          },
        ]
      : [],
  });
}

async function collectRegion(): Promise<{ assets: Asset[]; relationships: Relationship[] }> {
  const assets: Asset[] = [
    {
      id: 'arn:aws:iam::123456789012:root',
      accountId: '123456789012',
      region: 'global',
      service: 'account',
      type: 'aws_account',
      class: 'Account',
      name: '123456789012',
      tags: {},
      config: { AccountId: '123456789012', Partition: 'aws', Regions: ['us-east-1'] },
    },
  ];
  const relationships: Relationship[] = [];
  const modules: CollectorModule[] = [cloudtrailCollector, logsCollector, cloudwatchCollector, snsCollector];
  for (const module of modules) {
    const run = testContext(module);
    await module.collect(run.ctx);
    expect(run.failures).toEqual([]);
    assets.push(...run.assets);
    relationships.push(...run.relationships);
  }
  return { assets, relationships };
}

beforeEach(() => {
  for (const mock of [cloudtrail, logs, cloudwatch, sns]) mock.reset();
});

describe('CIS monitoring chain against the built-in control', () => {
  const control = loadControls().controls.find((candidate) => candidate.id === CONTROL);

  it('passes when the alarm on the root-usage filter notifies a subscribed topic', async () => {
    mockMonitoredRegion(true);
    const { assets, relationships } = await collectRegion();
    const { results } = await evaluateEstate(assets, relationships, [control!], { analysers: false });
    expect(results.map((result) => [result.assetId, result.status])).toEqual([
      ['arn:aws:iam::123456789012:root', 'pass'],
    ]);
  });

  it('fails when the topic has no subscriber', async () => {
    mockMonitoredRegion(false);
    const { assets, relationships } = await collectRegion();
    const { results } = await evaluateEstate(assets, relationships, [control!], { analysers: false });
    expect(results.map((result) => result.status)).toEqual(['fail']);
  });

  it("fails when the alarm's actions are disabled (it notifies nobody)", async () => {
    mockMonitoredRegion(true, false);
    const { assets, relationships } = await collectRegion();
    const { results } = await evaluateEstate(assets, relationships, [control!], { analysers: false });
    expect(results.map((result) => result.status)).toEqual(['fail']);
  });
});
