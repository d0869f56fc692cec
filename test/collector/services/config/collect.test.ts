import {
  ConfigServiceClient,
  DescribeConfigurationRecordersCommand,
  DescribeConfigurationRecorderStatusCommand,
  type DescribeConfigurationRecordersCommandOutput,
  type DescribeConfigurationRecorderStatusCommandOutput,
} from '@aws-sdk/client-config-service';
import { mockClient } from 'aws-sdk-client-mock';
import { configCollector } from '../../../../collector/services/config';
import { testContext } from '../../harness';
import { awsError } from '../iam/aws-error';

const $metadata = { httpStatusCode: 200, requestId: 'req-1' };

const recorders: DescribeConfigurationRecordersCommandOutput = {
  $metadata,
  ConfigurationRecorders: [
    {
      arn: 'arn:aws:config:eu-west-1:123456789012:configuration-recorder/default/abcd1234',
      name: 'default',
      roleARN: 'arn:aws:iam::123456789012:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig',
      recordingGroup: {
        allSupported: true,
        includeGlobalResourceTypes: true,
        resourceTypes: [],
        exclusionByResourceTypes: { resourceTypes: [] },
        recordingStrategy: { useOnly: 'ALL_SUPPORTED_RESOURCE_TYPES' },
      },
      recordingMode: { recordingFrequency: 'CONTINUOUS', recordingModeOverrides: [] },
      recordingScope: 'PAID',
    },
  ],
};

const statuses: DescribeConfigurationRecorderStatusCommandOutput = {
  $metadata,
  ConfigurationRecordersStatus: [
    {
      arn: 'arn:aws:config:eu-west-1:123456789012:configuration-recorder/default/abcd1234',
      name: 'default',
      lastStartTime: new Date('2024-05-01T08:00:00Z'),
      recording: true,
      lastStatus: 'Success',
      lastStatusChangeTime: new Date('2026-11-22T18:00:00Z'),
    },
  ],
};

const config = mockClient(ConfigServiceClient);
beforeEach(() => config.reset());

describe('configCollector', () => {
  it('emits each recorder with its matching status under the documented synthetic id', async () => {
    config.on(DescribeConfigurationRecordersCommand).resolves(recorders);
    config.on(DescribeConfigurationRecorderStatusCommand).resolves(statuses);
    const run = testContext(configCollector, { region: 'eu-west-1' });
    await configCollector.collect(run.ctx);
    expect(run.assets).toEqual([
      {
        id: 'arn:aws:config:eu-west-1:123456789012:config-recorder/default',
        accountId: '123456789012',
        region: 'eu-west-1',
        service: 'config',
        type: 'aws_config_recorder',
        class: 'Configuration',
        name: 'default',
        tags: {},
        config: {
          ...recorders.ConfigurationRecorders?.[0],
          ConfigurationRecorderStatus: {
            arn: 'arn:aws:config:eu-west-1:123456789012:configuration-recorder/default/abcd1234',
            name: 'default',
            lastStartTime: '2024-05-01T08:00:00.000Z',
            recording: true,
            lastStatus: 'Success',
            lastStatusChangeTime: '2026-11-22T18:00:00.000Z',
          },
        },
      },
    ]);
  });

  it('sets the status to null when AWS reports none for the recorder', async () => {
    config.on(DescribeConfigurationRecordersCommand).resolves(recorders);
    config
      .on(DescribeConfigurationRecorderStatusCommand)
      .resolves({ $metadata, ConfigurationRecordersStatus: [] });
    const run = testContext(configCollector);
    await configCollector.collect(run.ctx);
    expect(run.assets[0].config.ConfigurationRecorderStatus).toBeNull();
  });

  it('records a denied status call in readErrors', async () => {
    config.on(DescribeConfigurationRecordersCommand).resolves(recorders);
    config.on(DescribeConfigurationRecorderStatusCommand).rejects(awsError('AccessDeniedException', 400));
    const run = testContext(configCollector);
    await configCollector.collect(run.ctx);
    expect(run.assets[0].readErrors).toEqual({ ConfigurationRecorderStatus: 'AccessDeniedException' });
    expect(run.assets[0].config).not.toHaveProperty('ConfigurationRecorderStatus');
  });

  it('keeps the recorder with a read error when the endpoint does not implement the status call', async () => {
    config.on(DescribeConfigurationRecordersCommand).resolves(recorders);
    config
      .on(DescribeConfigurationRecorderStatusCommand)
      .rejects(
        awsError(
          'InternalFailure',
          500,
          'The request processing has failed because of an unknown error, exception or failure.',
        ),
      );
    const run = testContext(configCollector);
    await configCollector.collect(run.ctx);
    expect(run.failures).toEqual([]);
    expect(run.assets.map((asset) => asset.name)).toEqual(['default']);
    expect(run.assets[0].readErrors).toEqual({ ConfigurationRecorderStatus: 'InternalFailure' });
  });

  it('emits nothing and skips the status call in a region without recorders', async () => {
    config.on(DescribeConfigurationRecordersCommand).resolves({ $metadata, ConfigurationRecorders: [] });
    const run = testContext(configCollector);
    await configCollector.collect(run.ctx);
    expect(run.assets).toEqual([]);
    expect(run.calls).toEqual(['ConfigService.DescribeConfigurationRecorders']);
  });

  it('throws when the recorder list is denied', async () => {
    const denied = awsError('AccessDeniedException', 400);
    config.on(DescribeConfigurationRecordersCommand).rejects(denied);
    const run = testContext(configCollector);
    await expect(configCollector.collect(run.ctx)).rejects.toBe(denied);
    // A stand-in carries the error, so "Config records in this region" says error rather than "no recorder".
    expect(run.assets).toEqual([
      expect.objectContaining({
        id: 'arn:aws:config:us-east-1:123456789012:config-recorder/*',
        type: 'aws_config_recorder',
        config: {},
        readErrors: {
          recordingGroup: 'AccessDeniedException',
          ConfigurationRecorderStatus: 'AccessDeniedException',
        },
      }),
    ]);
    expect(run.calls).toEqual(['ConfigService.DescribeConfigurationRecorders']);
  });
});
