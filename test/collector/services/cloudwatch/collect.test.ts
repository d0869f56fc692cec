import {
  CloudWatchClient,
  DescribeAlarmsCommand,
  type DescribeAlarmsCommandOutput,
  ListTagsForResourceCommand,
  type ListTagsForResourceCommandOutput,
  type MetricAlarm,
  ResourceNotFoundException,
} from '@aws-sdk/client-cloudwatch';
import {
  CloudWatchLogsClient,
  DescribeLogGroupsCommand,
  DescribeMetricFiltersCommand,
  type DescribeMetricFiltersCommandOutput,
} from '@aws-sdk/client-cloudwatch-logs';
import { mockClient } from 'aws-sdk-client-mock';
import { collectAccount } from '../../../../collector/runner';
import { cloudwatchCollector } from '../../../../collector/services/cloudwatch';
import { logsCollector } from '../../../../collector/services/logs';
import type { Asset, Relationship } from '../../../../store/model';
import { emulatorFailures } from '../../emulator-errors';
import { testContext } from '../../harness';
import { awsError } from '../iam/aws-error';

const $metadata = { httpStatusCode: 200, requestId: 'req-1' };
const TOPIC = 'arn:aws:sns:us-east-1:123456789012:security-alerts';
const ROOT_FILTER = 'arn:aws:logs:us-east-1:123456789012:metric-filter/cloudtrail/root-usage';

const rootAlarm: MetricAlarm = {
  AlarmName: 'root-usage',
  AlarmArn: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:root-usage',
  AlarmConfigurationUpdatedTimestamp: new Date('2024-01-01T00:00:00Z'),
  ActionsEnabled: true,
  OKActions: [],
  AlarmActions: [TOPIC],
  InsufficientDataActions: [],
  StateValue: 'OK',
  StateReason: 'Threshold Crossed',
  StateUpdatedTimestamp: new Date('2026-11-22T00:00:00Z'),
  MetricName: 'RootAccountUsage',
  Namespace: 'CISBenchmark',
  Statistic: 'Sum',
  Dimensions: [],
  Period: 300,
  EvaluationPeriods: 1,
  Threshold: 1,
  ComparisonOperator: 'GreaterThanOrEqualToThreshold',
  StateTransitionedTimestamp: new Date('2026-11-22T00:00:00Z'),
};

const cpuAlarm: MetricAlarm = {
  AlarmName: 'cpu-high',
  AlarmArn: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:cpu-high',
  ActionsEnabled: true,
  AlarmActions: [
    'arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:abc:autoScalingGroupName/web:policyName/up',
  ],
  StateValue: 'INSUFFICIENT_DATA',
  Metrics: [
    {
      Id: 'm1',
      MetricStat: {
        Metric: { Namespace: 'AWS/EC2', MetricName: 'CPUUtilization', Dimensions: [] },
        Period: 60,
        Stat: 'Average',
      },
      ReturnData: true,
    },
  ],
  EvaluationPeriods: 3,
  Threshold: 80,
  ComparisonOperator: 'GreaterThanThreshold',
};

const alarmsPage1: DescribeAlarmsCommandOutput = {
  $metadata,
  MetricAlarms: [rootAlarm],
  CompositeAlarms: [],
  NextToken: 'alarms-2',
};
const alarmsPage2: DescribeAlarmsCommandOutput = { $metadata, MetricAlarms: [cpuAlarm], CompositeAlarms: [] };

const filters: DescribeMetricFiltersCommandOutput = {
  $metadata,
  metricFilters: [
    {
      filterName: 'root-usage',
      filterPattern: '{ $.userIdentity.type = "Root" }',
      metricTransformations: [
        { metricName: 'RootAccountUsage', metricNamespace: 'CISBenchmark', metricValue: '1' },
      ],
      creationTime: 1704067300000,
      logGroupName: 'cloudtrail',
    },
    {
      filterName: 'unrelated',
      filterPattern: 'ERROR',
      metricTransformations: [{ metricName: 'Errors', metricNamespace: 'App', metricValue: '1' }],
      creationTime: 1704067300000,
      logGroupName: 'app',
    },
  ],
};

const rootAlarmTags: ListTagsForResourceCommandOutput = {
  $metadata,
  Tags: [
    { Key: 'Environment', Value: 'production' },
    { Key: 'Owner', Value: 'security' },
  ],
};
const noTags: ListTagsForResourceCommandOutput = { $metadata, Tags: [] };

const cloudwatch = mockClient(CloudWatchClient);
const logs = mockClient(CloudWatchLogsClient);

function mockAlarms(): void {
  cloudwatch
    .on(DescribeAlarmsCommand)
    .resolves(alarmsPage1)
    .on(DescribeAlarmsCommand, { NextToken: 'alarms-2' })
    .resolves(alarmsPage2);
  logs.on(DescribeMetricFiltersCommand).resolves(filters);
  cloudwatch.on(ListTagsForResourceCommand, { ResourceARN: rootAlarm.AlarmArn }).resolves(rootAlarmTags);
  cloudwatch.on(ListTagsForResourceCommand, { ResourceARN: cpuAlarm.AlarmArn }).resolves(noTags);
}

const edge = (fromId: string, verb: string, toId: string) => ({
  accountId: '123456789012',
  fromId,
  verb,
  toId,
  service: 'cloudwatch',
  region: 'us-east-1',
});

beforeEach(() => {
  cloudwatch.reset();
  logs.reset();
});

describe('cloudwatchCollector', () => {
  it('reads every page of metric alarms as assets with AWS config and ISO dates', async () => {
    mockAlarms();
    const run = testContext(cloudwatchCollector);
    await cloudwatchCollector.collect(run.ctx);
    expect(cloudwatch.commandCalls(DescribeAlarmsCommand)[0].args[0].input).toMatchObject({
      AlarmTypes: ['MetricAlarm'],
    });
    expect(run.assets.map((asset) => [asset.type, asset.class, asset.id, asset.name, asset.region])).toEqual([
      ['aws_cloudwatch_alarm', 'Monitor', rootAlarm.AlarmArn, 'root-usage', 'us-east-1'],
      ['aws_cloudwatch_alarm', 'Monitor', cpuAlarm.AlarmArn, 'cpu-high', 'us-east-1'],
    ]);
    expect(run.assets[0].config).toMatchObject({
      MetricName: 'RootAccountUsage',
      AlarmActions: [TOPIC],
      StateUpdatedTimestamp: '2026-11-22T00:00:00.000Z',
    });
  });

  it('links alarms to SNS topics they notify and to metric filters publishing their metric', async () => {
    mockAlarms();
    const run = testContext(cloudwatchCollector);
    await cloudwatchCollector.collect(run.ctx);
    expect(run.relationships).toEqual([
      edge(rootAlarm.AlarmArn as string, 'NOTIFIES', TOPIC),
      edge(rootAlarm.AlarmArn as string, 'MONITORS', ROOT_FILTER),
    ]);
    expect(run.failures).toEqual([]);
  });

  it('keeps alarms but marks the type incomplete when metric filters cannot be read', async () => {
    mockAlarms();
    const denied = awsError('AccessDeniedException', 400);
    logs.on(DescribeMetricFiltersCommand).rejects(denied);
    const run = testContext(cloudwatchCollector);
    await cloudwatchCollector.collect(run.ctx);
    expect(run.assets).toHaveLength(2);
    expect(run.relationships.map((relationship) => relationship.verb)).toEqual(['NOTIFIES']);
    expect(run.failures).toEqual([{ type: 'aws_cloudwatch_alarm', error: denied }]);
  });

  it("reads each alarm's tags by AlarmArn: a map in tags, the list in config", async () => {
    mockAlarms();
    const run = testContext(cloudwatchCollector);
    await cloudwatchCollector.collect(run.ctx);
    expect(cloudwatch.commandCalls(ListTagsForResourceCommand).map((call) => call.args[0].input)).toEqual([
      { ResourceARN: rootAlarm.AlarmArn },
      { ResourceARN: cpuAlarm.AlarmArn },
    ]);
    expect(run.assets.map((asset) => [asset.id, asset.tags, asset.readErrors])).toEqual([
      [rootAlarm.AlarmArn, { Environment: 'production', Owner: 'security' }, undefined],
      [cpuAlarm.AlarmArn, {}, undefined],
    ]);
    expect(run.assets[0].config.Tags).toEqual(rootAlarmTags.Tags);
    expect(run.assets[1].config.Tags).toEqual([]);
  });

  it('keeps an alarm whose tags are denied, with readErrors.Tags', async () => {
    mockAlarms();
    cloudwatch
      .on(ListTagsForResourceCommand, { ResourceARN: cpuAlarm.AlarmArn })
      .rejects(awsError('AccessDenied', 403, 'not authorized to perform: cloudwatch:ListTagsForResource'));
    const run = testContext(cloudwatchCollector);
    await cloudwatchCollector.collect(run.ctx);
    const cpu = run.assets.find((asset) => asset.id === cpuAlarm.AlarmArn);
    expect(cpu?.readErrors).toEqual({ Tags: 'AccessDenied' });
    expect(cpu?.tags).toEqual({});
    expect(cpu?.config).not.toHaveProperty('Tags');
    expect(run.failures).toEqual([]);
  });

  it('drops an alarm deleted between the list and its tag call', async () => {
    mockAlarms();
    cloudwatch.on(ListTagsForResourceCommand, { ResourceARN: cpuAlarm.AlarmArn }).rejects(
      new ResourceNotFoundException({
        message: 'The specified resource does not exist.',
        $metadata: { httpStatusCode: 404 },
      }),
    );
    const run = testContext(cloudwatchCollector);
    await cloudwatchCollector.collect(run.ctx);
    expect(run.assets.map((asset) => asset.id)).toEqual([rootAlarm.AlarmArn]);
    expect(run.failures).toEqual([]);
  });

  it.each(emulatorFailures('cloudwatch', 'ListTagsForResource'))(
    'keeps every alarm and its edges with readErrors.Tags when ListTagsForResource fails: %s',
    async (_label, failure, code) => {
      mockAlarms();
      cloudwatch.on(ListTagsForResourceCommand).rejects(failure());
      const run = testContext(cloudwatchCollector);
      await cloudwatchCollector.collect(run.ctx);
      expect(run.assets.map((asset) => [asset.id, asset.readErrors])).toEqual([
        [rootAlarm.AlarmArn, { Tags: code }],
        [cpuAlarm.AlarmArn, { Tags: code }],
      ]);
      expect(run.relationships.map((relationship) => relationship.verb)).toEqual(['NOTIFIES', 'MONITORS']);
      expect(run.failures).toEqual([]);
    },
  );

  it('throws when DescribeAlarms is denied', async () => {
    mockAlarms();
    const denied = awsError(
      'AccessDenied',
      403,
      'User is not authorized to perform: cloudwatch:DescribeAlarms',
    );
    cloudwatch.on(DescribeAlarmsCommand).rejects(denied);
    const run = testContext(cloudwatchCollector);
    await expect(cloudwatchCollector.collect(run.ctx)).rejects.toBe(denied);
  });

  it('emits nothing for a region without alarms', async () => {
    cloudwatch.on(DescribeAlarmsCommand).resolves({ $metadata, MetricAlarms: [], CompositeAlarms: [] });
    logs.on(DescribeMetricFiltersCommand).resolves({ $metadata, metricFilters: [] });
    const run = testContext(cloudwatchCollector);
    await cloudwatchCollector.collect(run.ctx);
    expect(run.assets).toEqual([]);
    expect(run.relationships).toEqual([]);
  });
});

describe('cloudwatch and logs in one sync', () => {
  it('list the metric filters once per region between them, and both use the listing', async () => {
    mockAlarms();
    logs.on(DescribeLogGroupsCommand).resolves({ $metadata, logGroups: [] });
    const assets: Asset[] = [];
    const relationships: Relationship[] = [];
    const outcome = await collectAccount(
      {
        awsAccountId: '123456789012',
        regions: ['us-east-1'],
        credentials: async () => ({ accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' }),
        modules: [logsCollector, cloudwatchCollector],
      },
      {
        writeAssets: async (batch) => void assets.push(...batch),
        writeRelationships: async (batch) => void relationships.push(...batch),
      },
    );
    expect(outcome.status).toBe('succeeded');
    expect(logs.commandCalls(DescribeMetricFiltersCommand)).toHaveLength(1);
    expect(
      assets.filter((asset) => asset.type === 'aws_logs_metric_filter').map((asset) => asset.id),
    ).toContain(ROOT_FILTER);
    expect(relationships).toContainEqual(edge(rootAlarm.AlarmArn as string, 'MONITORS', ROOT_FILTER));
  });
});
