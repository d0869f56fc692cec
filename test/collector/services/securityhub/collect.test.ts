import {
  DescribeHubCommand,
  type DescribeHubCommandOutput,
  InvalidAccessException,
  SecurityHubClient,
} from '@aws-sdk/client-securityhub';
import { mockClient } from 'aws-sdk-client-mock';
import { securityhubCollector } from '../../../../collector/services/securityhub';
import { testContext } from '../../harness';
import { awsError } from '../iam/aws-error';

const hub: DescribeHubCommandOutput = {
  $metadata: { httpStatusCode: 200, requestId: 'req-1' },
  HubArn: 'arn:aws:securityhub:us-east-1:123456789012:hub/default',
  SubscribedAt: '2024-01-01T00:00:00.000Z',
  AutoEnableControls: true,
  ControlFindingGenerator: 'SECURITY_CONTROL',
};

const securityhub = mockClient(SecurityHubClient);
beforeEach(() => securityhub.reset());

const hubAsset = (config: Record<string, unknown>) => ({
  id: 'arn:aws:securityhub:us-east-1:123456789012:hub/default',
  accountId: '123456789012',
  region: 'us-east-1',
  service: 'securityhub',
  type: 'aws_securityhub_hub',
  class: 'Detector',
  name: 'default',
  tags: {},
  config,
});

describe('securityhubCollector', () => {
  it('emits the hub with the DescribeHub output when subscribed', async () => {
    securityhub.on(DescribeHubCommand).resolves(hub);
    const run = testContext(securityhubCollector);
    await securityhubCollector.collect(run.ctx);
    expect(run.assets).toEqual([
      hubAsset({
        Hub: {
          HubArn: hub.HubArn,
          SubscribedAt: '2024-01-01T00:00:00.000Z',
          AutoEnableControls: true,
          ControlFindingGenerator: 'SECURITY_CONTROL',
        },
      }),
    ]);
  });

  it('records "not subscribed" as Hub null, a valid result rather than an error', async () => {
    securityhub.on(DescribeHubCommand).rejects(
      new InvalidAccessException({
        message: 'Account 123456789012 is not subscribed to AWS Security Hub',
        Code: 'InvalidAccessException',
        $metadata: { httpStatusCode: 401 },
      }),
    );
    const run = testContext(securityhubCollector);
    await securityhubCollector.collect(run.ctx);
    expect(run.assets).toEqual([hubAsset({ Hub: null })]);
    expect(run.failures).toEqual([]);
  });

  it('throws on AccessDenied, emitting the hub with the read error (its control says error, not "off")', async () => {
    const denied = awsError('AccessDeniedException', 403);
    securityhub.on(DescribeHubCommand).rejects(denied);
    const run = testContext(securityhubCollector);
    await expect(securityhubCollector.collect(run.ctx)).rejects.toBe(denied);
    expect(run.assets).toEqual([
      { ...hubAsset({ Hub: null }), readErrors: { Hub: 'AccessDeniedException' } },
    ]);
  });

  it('throws on a server error that is not in AWS format (an emulator), with the hub unread', async () => {
    const broken = Object.assign(new Error('Internal Server Error'), {
      name: 'Error',
      $metadata: { httpStatusCode: 500 },
    });
    securityhub.on(DescribeHubCommand).rejects(broken);
    const run = testContext(securityhubCollector);
    await expect(securityhubCollector.collect(run.ctx)).rejects.toBe(broken);
    expect(run.assets).toHaveLength(1);
    expect(run.assets[0].readErrors?.Hub).toBeTruthy();
    expect(run.assets[0].config).toEqual({ Hub: null });
  });
});
