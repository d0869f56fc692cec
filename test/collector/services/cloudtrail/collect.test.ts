import {
  CloudTrailARNInvalidException,
  CloudTrailClient,
  DescribeTrailsCommand,
  GetEventSelectorsCommand,
  GetTrailStatusCommand,
  ListTagsCommand,
  ResourceNotFoundException,
  type Trail,
  TrailNotFoundException,
} from '@aws-sdk/client-cloudtrail';
import { mockClient } from 'aws-sdk-client-mock';
import { cloudtrailCollector } from '../../../../collector/services/cloudtrail';
import { emulatorFailures } from '../../emulator-errors';
import { testContext } from '../../harness';
import { awsError } from '../iam/aws-error';
import { allManagementEvents, loggingStatus, stoppedStatus, trailTags, trails } from './fixtures';

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
  cloudtrail.on(ListTagsCommand).resolves(trailTags);
}

const trailNotFound = () =>
  new TrailNotFoundException({ message: 'Unknown trail', $metadata: { httpStatusCode: 400 } });
const resourceNotFound = (arn: string) =>
  new ResourceNotFoundException({
    message: `Resource not found: ${arn}`,
    $metadata: { httpStatusCode: 400 },
  });
/** A trail of this account homed in us-east-1, for tests needing many. */
const trailNamed = (name: string): Trail => ({
  Name: name,
  S3BucketName: 'audit-trail-logs',
  IsMultiRegionTrail: false,
  HomeRegion: 'us-east-1',
  TrailARN: `arn:aws:cloudtrail:us-east-1:123456789012:trail/${name}`,
});

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
    cloudtrail.on(GetTrailStatusCommand, { Name: MINIMAL }).rejects(trailNotFound());
    const run = testContext(cloudtrailCollector);
    await cloudtrailCollector.collect(run.ctx);
    expect(run.assets.map((asset) => asset.id)).toEqual([ORG_AUDIT]);
  });

  it('reads the tags of both trails with one ListTags call: a map in tags, the list in config', async () => {
    mockTrails();
    const run = testContext(cloudtrailCollector);
    await cloudtrailCollector.collect(run.ctx);
    const calls = cloudtrail.commandCalls(ListTagsCommand);
    expect(calls.map((call) => call.args[0].input)).toEqual([{ ResourceIdList: [ORG_AUDIT, MINIMAL] }]);
    const [orgAudit, minimal] = run.assets;
    expect(orgAudit.tags).toEqual({ Environment: 'production', Owner: 'security' });
    expect(orgAudit.config.Tags).toEqual(trailTags.ResourceTagList?.[0].TagsList);
    expect(minimal.tags).toEqual({});
    expect(minimal.config.Tags).toEqual([]);
    expect(run.assets.every((asset) => asset.readErrors === undefined)).toBe(true);
  });

  it("follows NextToken across ListTags pages, joining a trail's tags from every page", async () => {
    mockTrails();
    cloudtrail
      .on(ListTagsCommand)
      .resolves({
        $metadata: {},
        ResourceTagList: [{ ResourceId: ORG_AUDIT, TagsList: [{ Key: 'Environment', Value: 'production' }] }],
        NextToken: 'tags-page-2',
      })
      .on(ListTagsCommand, { NextToken: 'tags-page-2' })
      .resolves({
        $metadata: {},
        ResourceTagList: [
          { ResourceId: ORG_AUDIT, TagsList: [{ Key: 'Owner', Value: 'security' }] },
          { ResourceId: MINIMAL, TagsList: [{ Key: 'Owner', Value: 'platform' }] },
        ],
      });
    const run = testContext(cloudtrailCollector);
    await cloudtrailCollector.collect(run.ctx);
    expect(cloudtrail.commandCalls(ListTagsCommand)).toHaveLength(2);
    expect(run.assets.map((asset) => asset.tags)).toEqual([
      { Environment: 'production', Owner: 'security' },
      { Owner: 'platform' },
    ]);
  });

  it('asks for at most 20 trails per ListTags call', async () => {
    const many = Array.from({ length: 21 }, (_, index) => trailNamed(`trail-${index}`));
    cloudtrail.on(DescribeTrailsCommand).resolves({ $metadata: {}, trailList: many });
    cloudtrail.on(GetTrailStatusCommand).resolves(loggingStatus);
    cloudtrail.on(GetEventSelectorsCommand).resolves(allManagementEvents);
    cloudtrail.on(ListTagsCommand).callsFake((input: { ResourceIdList: string[] }) => ({
      ResourceTagList: input.ResourceIdList.map((arn) => ({
        ResourceId: arn,
        TagsList: [{ Key: 'Name', Value: arn.split('/')[1] }],
      })),
    }));
    const run = testContext(cloudtrailCollector);
    await cloudtrailCollector.collect(run.ctx);
    const sizes = cloudtrail
      .commandCalls(ListTagsCommand)
      .map((call) => call.args[0].input.ResourceIdList?.length);
    expect(sizes).toEqual([20, 1]);
    expect(run.assets).toHaveLength(21);
    expect(run.assets.map((asset) => asset.tags.Name)).toEqual(many.map((trail) => trail.Name));
  });

  it('records a denied ListTags as readErrors.Tags on every trail of the call and keeps them', async () => {
    mockTrails();
    cloudtrail
      .on(ListTagsCommand)
      .rejects(awsError('AccessDeniedException', 403, 'not authorized to perform: cloudtrail:ListTags'));
    const run = testContext(cloudtrailCollector);
    await cloudtrailCollector.collect(run.ctx);
    expect(run.assets.map((asset) => asset.id)).toEqual([ORG_AUDIT, MINIMAL]);
    for (const asset of run.assets) {
      expect(asset.readErrors).toEqual({ Tags: 'AccessDeniedException' });
      expect(asset.tags).toEqual({});
      expect(asset.config).not.toHaveProperty('Tags');
      expect(asset.config).toHaveProperty('TrailStatus');
    }
  });

  it('asks per trail when a batch names a trail deleted since the list, and drops only that one', async () => {
    mockTrails();
    cloudtrail.on(ListTagsCommand).rejects(resourceNotFound(MINIMAL));
    cloudtrail
      .on(ListTagsCommand, { ResourceIdList: [ORG_AUDIT] })
      .resolves({ $metadata: {}, ResourceTagList: [trailTags.ResourceTagList![0]] });
    const run = testContext(cloudtrailCollector);
    await cloudtrailCollector.collect(run.ctx);
    expect(cloudtrail.commandCalls(ListTagsCommand).map((call) => call.args[0].input.ResourceIdList)).toEqual(
      [[ORG_AUDIT, MINIMAL], [ORG_AUDIT], [MINIMAL]],
    );
    expect(run.assets.map((asset) => [asset.id, asset.tags])).toEqual([
      [ORG_AUDIT, { Environment: 'production', Owner: 'security' }],
    ]);
  });

  it("does not read the tags of another account's trail (an organization trail) and keeps it", async () => {
    const orgTrail: Trail = {
      ...trailNamed('organization'),
      TrailARN: 'arn:aws:cloudtrail:us-east-1:999999999999:trail/organization',
      IsOrganizationTrail: true,
    };
    cloudtrail.on(DescribeTrailsCommand).resolves({ $metadata: {}, trailList: [orgTrail] });
    cloudtrail.on(GetTrailStatusCommand).resolves(loggingStatus);
    cloudtrail.on(GetEventSelectorsCommand).resolves(allManagementEvents);
    const run = testContext(cloudtrailCollector);
    await cloudtrailCollector.collect(run.ctx);
    expect(cloudtrail.commandCalls(ListTagsCommand)).toHaveLength(0);
    expect(run.assets.map((asset) => [asset.id, asset.tags, asset.readErrors])).toEqual([
      [orgTrail.TrailARN, {}, undefined],
    ]);
  });

  it('asks per trail when ListTags refuses one ARN of the batch, keeping every trail', async () => {
    mockTrails();
    const refused = new CloudTrailARNInvalidException({
      message: `${MINIMAL} is not a valid trail ARN in this region`,
      $metadata: { httpStatusCode: 400 },
    });
    cloudtrail.on(ListTagsCommand).rejects(refused);
    cloudtrail
      .on(ListTagsCommand, { ResourceIdList: [ORG_AUDIT] })
      .resolves({ $metadata: {}, ResourceTagList: [trailTags.ResourceTagList![0]] });
    const run = testContext(cloudtrailCollector);
    await cloudtrailCollector.collect(run.ctx);
    expect(cloudtrail.commandCalls(ListTagsCommand)).toHaveLength(3);
    expect(run.assets.map((asset) => [asset.id, asset.tags, asset.readErrors])).toEqual([
      [ORG_AUDIT, { Environment: 'production', Owner: 'security' }, undefined],
      [MINIMAL, {}, { Tags: 'CloudTrailARNInvalidException' }],
    ]);
  });

  describe('against an emulator lacking an operation (or AWS failing on its side)', () => {
    it.each(emulatorFailures('cloudtrail', 'ListTags'))(
      'keeps every trail with readErrors.Tags, in one call, when ListTags fails: %s',
      async (_label, failure, code) => {
        mockTrails();
        cloudtrail.on(ListTagsCommand).rejects(failure());
        const run = testContext(cloudtrailCollector);
        await cloudtrailCollector.collect(run.ctx);
        // A failure of the whole call is not asked again per trail.
        expect(cloudtrail.commandCalls(ListTagsCommand)).toHaveLength(1);
        expect(run.assets.map((asset) => [asset.id, asset.readErrors])).toEqual([
          [ORG_AUDIT, { Tags: code }],
          [MINIMAL, { Tags: code }],
        ]);
        expect(run.assets[0].config.TrailStatus).toMatchObject({ IsLogging: true });
        expect(run.failures).toEqual([]);
      },
    );

    it.each(emulatorFailures('cloudtrail', 'GetEventSelectors'))(
      'keeps every trail with readErrors.EventSelectors when GetEventSelectors fails: %s',
      async (_label, failure, code) => {
        mockTrails();
        cloudtrail.on(GetEventSelectorsCommand).rejects(failure());
        const run = testContext(cloudtrailCollector);
        await cloudtrailCollector.collect(run.ctx);
        expect(run.assets.map((asset) => [asset.id, asset.readErrors])).toEqual([
          [ORG_AUDIT, { EventSelectors: code }],
          [MINIMAL, { EventSelectors: code }],
        ]);
        expect(run.assets[0].tags).toEqual({ Environment: 'production', Owner: 'security' });
        expect(run.failures).toEqual([]);
      },
    );
  });

  it('emits nothing for a region without trails', async () => {
    cloudtrail.on(DescribeTrailsCommand).resolves({ $metadata: {}, trailList: [] });
    const run = testContext(cloudtrailCollector);
    await cloudtrailCollector.collect(run.ctx);
    expect(run.assets).toEqual([]);
    expect(cloudtrail.commandCalls(GetTrailStatusCommand)).toHaveLength(0);
    expect(cloudtrail.commandCalls(ListTagsCommand)).toHaveLength(0);
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
