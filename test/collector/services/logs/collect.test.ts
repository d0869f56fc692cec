import {
  CloudWatchLogsClient,
  DescribeLogGroupsCommand,
  DescribeMetricFiltersCommand,
  ListTagsForResourceCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-cloudwatch-logs';
import { mockClient } from 'aws-sdk-client-mock';
import { logsCollector } from '../../../../collector/services/logs';
import { emulatorFailures } from '../../emulator-errors';
import { testContext } from '../../harness';
import { awsError } from '../iam/aws-error';
import {
  cloudtrailGroupTags,
  logGroupsPage1,
  logGroupsPage2,
  metricFiltersPage1,
  metricFiltersPage2,
  noTags,
  rootUsageFilter,
} from './fixtures';

const CLOUDTRAIL_GROUP = 'arn:aws:logs:us-east-1:123456789012:log-group:cloudtrail';
const WORKER_GROUP = 'arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/worker';

const logs = mockClient(CloudWatchLogsClient);

function mockLogs(): void {
  logs
    .on(DescribeLogGroupsCommand)
    .resolves(logGroupsPage1)
    .on(DescribeLogGroupsCommand, { nextToken: 'groups-page-2' })
    .resolves(logGroupsPage2);
  logs
    .on(DescribeMetricFiltersCommand)
    .resolves(metricFiltersPage1)
    .on(DescribeMetricFiltersCommand, { nextToken: 'filters-page-2' })
    .resolves(metricFiltersPage2);
  logs.on(ListTagsForResourceCommand, { resourceArn: CLOUDTRAIL_GROUP }).resolves(cloudtrailGroupTags);
  logs.on(ListTagsForResourceCommand, { resourceArn: WORKER_GROUP }).resolves(noTags);
}

const edge = (fromId: string, verb: string, toId: string) => ({
  accountId: '123456789012',
  fromId,
  verb,
  toId,
  service: 'logs',
  region: 'us-east-1',
});

beforeEach(() => logs.reset());

describe('logsCollector', () => {
  it('reads every page of log groups and metric filters with the documented ids', async () => {
    mockLogs();
    const run = testContext(logsCollector);
    await logsCollector.collect(run.ctx);
    expect(logs.commandCalls(DescribeLogGroupsCommand)).toHaveLength(2);
    expect(logs.commandCalls(DescribeMetricFiltersCommand)).toHaveLength(2);
    expect(run.assets.map((asset) => [asset.type, asset.class, asset.id, asset.name])).toEqual([
      [
        'aws_logs_log_group',
        'Logs',
        'arn:aws:logs:us-east-1:123456789012:log-group:cloudtrail',
        'cloudtrail',
      ],
      [
        'aws_logs_log_group',
        'Logs',
        'arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/worker',
        '/aws/lambda/worker',
      ],
      [
        'aws_logs_metric_filter',
        'Monitor',
        'arn:aws:logs:us-east-1:123456789012:metric-filter/cloudtrail/root-usage',
        'root-usage',
      ],
    ]);
    expect(run.assets[0].config).toEqual({
      ...logGroupsPage1.logGroups?.[0],
      Tags: cloudtrailGroupTags.tags,
    });
    expect(run.assets[2].config).toEqual(rootUsageFilter);
  });

  it('links filters to the log group they read and KMS keys to the groups they encrypt', async () => {
    mockLogs();
    const run = testContext(logsCollector);
    await logsCollector.collect(run.ctx);
    expect(run.relationships).toEqual([
      edge(
        'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
        'ENCRYPTS',
        'arn:aws:logs:us-east-1:123456789012:log-group:cloudtrail',
      ),
      edge(
        'arn:aws:logs:us-east-1:123456789012:metric-filter/cloudtrail/root-usage',
        'MONITORS',
        'arn:aws:logs:us-east-1:123456789012:log-group:cloudtrail',
      ),
    ]);
  });

  it("reads each log group's tags by its ARN without the trailing :*", async () => {
    mockLogs();
    const run = testContext(logsCollector);
    await logsCollector.collect(run.ctx);
    expect(logs.commandCalls(ListTagsForResourceCommand).map((call) => call.args[0].input)).toEqual([
      { resourceArn: CLOUDTRAIL_GROUP },
      { resourceArn: WORKER_GROUP },
    ]);
    const groups = run.assets.filter((asset) => asset.type === 'aws_logs_log_group');
    expect(groups.map((asset) => [asset.id, asset.tags, asset.readErrors])).toEqual([
      [CLOUDTRAIL_GROUP, { Environment: 'production', Owner: 'security' }, undefined],
      [WORKER_GROUP, {}, undefined],
    ]);
    expect(groups[1].config.Tags).toEqual({});
  });

  it('keeps a log group whose tags are denied, with readErrors.Tags', async () => {
    mockLogs();
    logs
      .on(ListTagsForResourceCommand, { resourceArn: WORKER_GROUP })
      .rejects(awsError('AccessDeniedException', 400, 'not authorized to perform: logs:ListTagsForResource'));
    const run = testContext(logsCollector);
    await logsCollector.collect(run.ctx);
    const worker = run.assets.find((asset) => asset.id === WORKER_GROUP);
    expect(worker?.readErrors).toEqual({ Tags: 'AccessDeniedException' });
    expect(worker?.tags).toEqual({});
    expect(worker?.config).not.toHaveProperty('Tags');
    expect(run.failures).toEqual([]);
  });

  it('drops a log group deleted between the list and its tag call', async () => {
    mockLogs();
    logs.on(ListTagsForResourceCommand, { resourceArn: WORKER_GROUP }).rejects(
      new ResourceNotFoundException({
        message: 'The specified log group does not exist.',
        $metadata: { httpStatusCode: 400 },
      }),
    );
    const run = testContext(logsCollector);
    await logsCollector.collect(run.ctx);
    expect(
      run.assets.filter((asset) => asset.type === 'aws_logs_log_group').map((asset) => asset.id),
    ).toEqual([CLOUDTRAIL_GROUP]);
    expect(run.failures).toEqual([]);
  });

  it.each(emulatorFailures('logs', 'ListTagsForResource'))(
    'keeps every log group with readErrors.Tags when ListTagsForResource fails: %s',
    async (_label, failure, code) => {
      mockLogs();
      logs.on(ListTagsForResourceCommand).rejects(failure());
      const run = testContext(logsCollector);
      await logsCollector.collect(run.ctx);
      const groups = run.assets.filter((asset) => asset.type === 'aws_logs_log_group');
      expect(groups.map((asset) => [asset.id, asset.readErrors, asset.tags])).toEqual([
        [CLOUDTRAIL_GROUP, { Tags: code }, {}],
        [WORKER_GROUP, { Tags: code }, {}],
      ]);
      expect(run.relationships).toHaveLength(2);
      expect(run.failures).toEqual([]);
    },
  );

  it('fails only the log group type when DescribeLogGroups is denied', async () => {
    mockLogs();
    const denied = awsError('AccessDeniedException', 400);
    logs.on(DescribeLogGroupsCommand).rejects(denied);
    const run = testContext(logsCollector);
    await logsCollector.collect(run.ctx);
    expect(run.failures).toEqual([{ type: 'aws_logs_log_group', error: denied }]);
    expect(run.assets.map((asset) => asset.type)).toEqual(['aws_logs_metric_filter']);
  });

  it('fails the metric filter type when its listing is throttled past retries on a later page', async () => {
    mockLogs();
    const throttled = awsError('ThrottlingException', 400, 'Rate exceeded');
    logs.on(DescribeMetricFiltersCommand, { nextToken: 'filters-page-2' }).rejects(throttled);
    const run = testContext(logsCollector);
    await logsCollector.collect(run.ctx);
    expect(run.failures).toEqual([{ type: 'aws_logs_metric_filter', error: throttled }]);
    // The first page was already emitted; the type is incomplete, so nothing of it will be marked deleted.
    expect(run.assets.filter((asset) => asset.type === 'aws_logs_metric_filter')).toHaveLength(1);
  });

  it('throws when both lists fail (region not enabled)', async () => {
    const optIn = awsError(
      'UnrecognizedClientException',
      400,
      'The security token included in the request is invalid.',
    );
    logs.onAnyCommand().rejects(optIn);
    const run = testContext(logsCollector);
    await expect(logsCollector.collect(run.ctx)).rejects.toBe(optIn);
  });

  it('emits nothing for an empty region', async () => {
    logs.on(DescribeLogGroupsCommand).resolves({ $metadata: {}, logGroups: [] });
    logs.on(DescribeMetricFiltersCommand).resolves({ $metadata: {}, metricFilters: [] });
    const run = testContext(logsCollector);
    await logsCollector.collect(run.ctx);
    expect(run.assets).toEqual([]);
    expect(run.relationships).toEqual([]);
    expect(run.failures).toEqual([]);
  });
});
