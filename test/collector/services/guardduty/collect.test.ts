import {
  GetDetectorCommand,
  type GetDetectorCommandOutput,
  GuardDutyClient,
  ListDetectorsCommand,
} from '@aws-sdk/client-guardduty';
import { mockClient } from 'aws-sdk-client-mock';
import { guarddutyCollector } from '../../../../collector/services/guardduty';
import { testContext } from '../../harness';
import { awsError } from '../iam/aws-error';

const $metadata = { httpStatusCode: 200, requestId: 'req-1' };
const detector: GetDetectorCommandOutput = {
  $metadata,
  CreatedAt: '2024-01-01T00:00:00.000Z',
  FindingPublishingFrequency: 'SIX_HOURS',
  ServiceRole:
    'arn:aws:iam::123456789012:role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty',
  Status: 'ENABLED',
  UpdatedAt: '2026-11-01T00:00:00.000Z',
  Tags: { env: 'prod' },
  Features: [
    { Name: 'CLOUD_TRAIL', Status: 'ENABLED', UpdatedAt: new Date('2024-01-01T00:00:00Z') },
    { Name: 'S3_DATA_EVENTS', Status: 'DISABLED', UpdatedAt: new Date('2024-01-01T00:00:00Z') },
  ],
};

const guardduty = mockClient(GuardDutyClient);
beforeEach(() => guardduty.reset());

describe('guarddutyCollector', () => {
  it('reads every page of detectors with GetDetector under `Detector` and the synthetic id', async () => {
    guardduty
      .on(ListDetectorsCommand)
      .resolves({ $metadata, DetectorIds: ['12abc34d567e8fa901bc2d34e56789f0'], NextToken: 'detectors-2' })
      .on(ListDetectorsCommand, { NextToken: 'detectors-2' })
      .resolves({ $metadata, DetectorIds: ['98abc34d567e8fa901bc2d34e56789f0'] });
    guardduty.on(GetDetectorCommand).resolves(detector);
    guardduty
      .on(GetDetectorCommand, { DetectorId: '98abc34d567e8fa901bc2d34e56789f0' })
      .rejects(awsError('AccessDeniedException', 403));
    const run = testContext(guarddutyCollector);
    await guarddutyCollector.collect(run.ctx);
    expect(run.assets).toEqual([
      {
        id: 'arn:aws:guardduty:us-east-1:123456789012:detector/12abc34d567e8fa901bc2d34e56789f0',
        accountId: '123456789012',
        region: 'us-east-1',
        service: 'guardduty',
        type: 'aws_guardduty_detector',
        class: 'Detector',
        name: '12abc34d567e8fa901bc2d34e56789f0',
        tags: { env: 'prod' },
        config: {
          DetectorId: '12abc34d567e8fa901bc2d34e56789f0',
          Detector: {
            CreatedAt: '2024-01-01T00:00:00.000Z',
            FindingPublishingFrequency: 'SIX_HOURS',
            ServiceRole: detector.ServiceRole,
            Status: 'ENABLED',
            UpdatedAt: '2026-11-01T00:00:00.000Z',
            Tags: { env: 'prod' },
            Features: [
              { Name: 'CLOUD_TRAIL', Status: 'ENABLED', UpdatedAt: '2024-01-01T00:00:00.000Z' },
              { Name: 'S3_DATA_EVENTS', Status: 'DISABLED', UpdatedAt: '2024-01-01T00:00:00.000Z' },
            ],
          },
        },
      },
      {
        id: 'arn:aws:guardduty:us-east-1:123456789012:detector/98abc34d567e8fa901bc2d34e56789f0',
        accountId: '123456789012',
        region: 'us-east-1',
        service: 'guardduty',
        type: 'aws_guardduty_detector',
        class: 'Detector',
        name: '98abc34d567e8fa901bc2d34e56789f0',
        tags: {},
        config: { DetectorId: '98abc34d567e8fa901bc2d34e56789f0' },
        readErrors: { Detector: 'AccessDeniedException' },
      },
    ]);
  });

  it('keeps the detector with a read error when the endpoint fails GetDetector on its side', async () => {
    guardduty
      .on(ListDetectorsCommand)
      .resolves({ $metadata, DetectorIds: ['12abc34d567e8fa901bc2d34e56789f0'] });
    guardduty
      .on(GetDetectorCommand)
      .rejects(awsError('InternalServerErrorException', 500, 'Internal server error'));
    const run = testContext(guarddutyCollector);
    await guarddutyCollector.collect(run.ctx);
    expect(run.failures).toEqual([]);
    expect(run.assets.map((asset) => [asset.name, asset.config, asset.readErrors])).toEqual([
      [
        '12abc34d567e8fa901bc2d34e56789f0',
        { DetectorId: '12abc34d567e8fa901bc2d34e56789f0' },
        { Detector: 'InternalServerErrorException' },
      ],
    ]);
  });

  it('emits nothing when GuardDuty has no detector in the region', async () => {
    guardduty.on(ListDetectorsCommand).resolves({ $metadata, DetectorIds: [] });
    const run = testContext(guarddutyCollector);
    await guarddutyCollector.collect(run.ctx);
    expect(run.assets).toEqual([]);
    expect(run.calls).toEqual(['GuardDuty.ListDetectors']);
  });

  it('throws on a region that is not enabled', async () => {
    const optIn = awsError(
      'UnrecognizedClientException',
      403,
      'The security token included in the request is invalid.',
    );
    guardduty.on(ListDetectorsCommand).rejects(optIn);
    const run = testContext(guarddutyCollector);
    await expect(guarddutyCollector.collect(run.ctx)).rejects.toBe(optIn);
    // A stand-in carries the error, so the region's GuardDuty controls say error rather than "no detector".
    expect(run.assets).toEqual([
      expect.objectContaining({
        id: 'arn:aws:guardduty:us-east-1:123456789012:detector/*',
        type: 'aws_guardduty_detector',
        config: { DetectorId: null, Detector: null },
        readErrors: { Detector: 'UnrecognizedClientException' },
      }),
    ]);
  });
});
