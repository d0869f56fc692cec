import {
  CloudTrailClient,
  DescribeTrailsCommand,
  GetEventSelectorsCommand,
  GetTrailStatusCommand,
  TrailNotFoundException,
} from '@aws-sdk/client-cloudtrail';
import { mockClient } from 'aws-sdk-client-mock';
import { cloudtrailCollector } from '../../../../collector/services/cloudtrail';
import { testContext } from '../../harness';
import { awsError } from '../iam/aws-error';
import { allManagementEvents, loggingStatus, stoppedStatus, trails } from './fixtures';

const cloudtrail = mockClient(CloudTrailClient);
const ORG_AUDIT = 'arn:aws:cloudtrail:us-east-1:123456789012:trail/org-audit';
const MINIMAL = 'arn:aws:cloudtrail:us-east-1:123456789012:trail/minimal';

function mockTrails(): void {
  cloudtrail.on(DescribeTrailsCommand).resolves(trails);
  cloudtrail.on(GetTrailStatusCommand, { Name: ORG_AUDIT }).resolves(loggingStatus);
  cloudtrail.on(GetTrailStatusCommand, { Name: MINIMAL }).resolves(stoppedStatus);
  cloudtrail.on(GetEventSelectorsCommand).callsFake((input: { TrailName: string }) => ({
    ...allManagementEvents,
    TrailARN: input.TrailName,
  }));
}

beforeEach(() => cloudtrail.reset());

describe('cloudtrailCollector', () => {
  it('emits the trails homed in the region with status and event selectors merged in', async () => {
    mockTrails();
    const run = testContext(cloudtrailCollector);
    await cloudtrailCollector.collect(run.ctx);
    expect(cloudtrail.commandCalls(DescribeTrailsCommand)[0].args[0].input).toEqual({
      includeShadowTrails: false,
    });
    expect(run.assets.map((asset) => [asset.id, asset.region, asset.type, asset.class])).toEqual([
      [ORG_AUDIT, 'us-east-1', 'aws_cloudtrail_trail', 'Logs'],
      [MINIMAL, 'us-east-1', 'aws_cloudtrail_trail', 'Logs'],
    ]);
    expect(run.assets[0].config).toMatchObject({
      Name: 'org-audit',
      IsMultiRegionTrail: true,
      LogFileValidationEnabled: true,
      TrailStatus: {
        IsLogging: true,
        LatestDeliveryTime: '2026-11-22T18:55:00.000Z',
        StartLoggingTime: '2024-01-01T00:00:00.000Z',
        LatestCloudWatchLogsDeliveryTime: '2026-11-22T18:56:00.000Z',
      },
      EventSelectors: { TrailARN: ORG_AUDIT, EventSelectors: allManagementEvents.EventSelectors },
    });
    expect(run.assets[1].config.TrailStatus).toEqual({
      IsLogging: false,
      StopLoggingTime: '2026-10-01T00:00:00.000Z',
    });
  });

  it('links trails to their bucket, log group (without :*) and KMS key', async () => {
    mockTrails();
    const run = testContext(cloudtrailCollector);
    await cloudtrailCollector.collect(run.ctx);
    const edge = (fromId: string, verb: string, toId: string) => ({
      accountId: '123456789012',
      fromId,
      verb,
      toId,
      service: 'cloudtrail',
      region: 'us-east-1',
    });
    expect(run.relationships).toEqual([
      edge(ORG_AUDIT, 'LOGS_TO', 'arn:aws:s3:::audit-trail-logs'),
      edge(ORG_AUDIT, 'LOGS_TO', 'arn:aws:logs:us-east-1:123456789012:log-group:cloudtrail'),
      edge(
        'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
        'ENCRYPTS',
        ORG_AUDIT,
      ),
      edge(MINIMAL, 'LOGS_TO', 'arn:aws:s3:::minimal-logs'),
    ]);
  });

  it('records a denied detail call in readErrors and keeps the trail', async () => {
    mockTrails();
    cloudtrail
      .on(GetEventSelectorsCommand, { TrailName: MINIMAL })
      .rejects(awsError('AccessDeniedException', 403));
    const run = testContext(cloudtrailCollector);
    await cloudtrailCollector.collect(run.ctx);
    const minimal = run.assets.find((asset) => asset.id === MINIMAL);
    expect(minimal?.readErrors).toEqual({ EventSelectors: 'AccessDeniedException' });
    expect(minimal?.config).not.toHaveProperty('EventSelectors');
  });

  it('drops a trail deleted between the list and its detail calls', async () => {
    mockTrails();
    cloudtrail
      .on(GetTrailStatusCommand, { Name: MINIMAL })
      .rejects(new TrailNotFoundException({ message: 'Unknown trail', $metadata: { httpStatusCode: 400 } }));
    const run = testContext(cloudtrailCollector);
    await cloudtrailCollector.collect(run.ctx);
    expect(run.assets.map((asset) => asset.id)).toEqual([ORG_AUDIT]);
  });

  it('emits nothing for a region without trails', async () => {
    cloudtrail.on(DescribeTrailsCommand).resolves({ $metadata: {}, trailList: [] });
    const run = testContext(cloudtrailCollector);
    await cloudtrailCollector.collect(run.ctx);
    expect(run.assets).toEqual([]);
    expect(cloudtrail.commandCalls(GetTrailStatusCommand)).toHaveLength(0);
  });

  it.each([
    ['AccessDenied', awsError('AccessDeniedException', 403)],
    [
      'a region that is not enabled',
      awsError('UnrecognizedClientException', 403, 'The security token included in the request is invalid.'),
    ],
  ])('throws on %s for the list call, so nothing is marked deleted', async (_label, error) => {
    cloudtrail.on(DescribeTrailsCommand).rejects(error);
    const run = testContext(cloudtrailCollector);
    await expect(cloudtrailCollector.collect(run.ctx)).rejects.toBe(error);
    expect(run.assets).toEqual([]);
  });
});
