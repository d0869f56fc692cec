import {
  AccessDeniedException,
  GetAutomatedDiscoveryConfigurationCommand,
  GetMacieSessionCommand,
  Macie2Client,
} from '@aws-sdk/client-macie2';
import { mockClient } from 'aws-sdk-client-mock';
import { macieCollector } from '../../../../collector/services/macie';
import { testContext } from '../../harness';

const $metadata = { httpStatusCode: 200, requestId: '1f2e3d4c-0000-4000-8000-000000000001' };
const ACCOUNT = '123456789012';

const macie = mockClient(Macie2Client);
beforeEach(() => macie.reset());

// What Macie answers in a region where it was never enabled (HTTP 403).
const notEnabled = () =>
  new AccessDeniedException({ $metadata: { httpStatusCode: 403 }, message: 'Macie is not enabled.' });

describe('macieCollector', () => {
  it('emits the session and the automated discovery configuration when Macie is enabled', async () => {
    macie.on(GetMacieSessionCommand).resolves({
      $metadata,
      createdAt: new Date('2025-02-01T09:00:00Z'),
      findingPublishingFrequency: 'FIFTEEN_MINUTES',
      serviceRole: `arn:aws:iam::${ACCOUNT}:role/aws-service-role/macie.amazonaws.com/AWSServiceRoleForAmazonMacie`,
      status: 'ENABLED',
      updatedAt: new Date('2025-02-01T09:00:00Z'),
    });
    macie.on(GetAutomatedDiscoveryConfigurationCommand).resolves({
      $metadata,
      classificationScopeId: '117b4b5b1e8c4a4f8a1d2e3f4a5b6c7d',
      sensitivityInspectionTemplateId: '9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a',
      status: 'ENABLED',
      firstEnabledAt: new Date('2025-02-02T09:00:00Z'),
      lastUpdatedAt: new Date('2025-02-02T09:00:00Z'),
    });
    const run = testContext(macieCollector, { accountId: ACCOUNT, region: 'eu-west-1' });
    await macieCollector.collect(run.ctx);
    expect(run.assets).toHaveLength(1);
    expect(run.assets[0]).toMatchObject({
      id: `arn:aws:macie2:eu-west-1:${ACCOUNT}:session`,
      type: 'aws_macie_session',
      region: 'eu-west-1',
      config: {
        Session: { status: 'ENABLED', createdAt: '2025-02-01T09:00:00.000Z' },
        AutomatedDiscovery: { status: 'ENABLED' },
      },
    });
    expect(run.assets[0].config.Session).not.toHaveProperty('$metadata');
    expect(run.assets[0].readErrors).toBeUndefined();
  });

  it('reads "Macie is not enabled" as Macie off (a failed check, not an error) and asks nothing more', async () => {
    macie.on(GetMacieSessionCommand).rejects(notEnabled());
    const run = testContext(macieCollector, { accountId: ACCOUNT });
    await macieCollector.collect(run.ctx);
    expect(run.assets.map((asset) => [asset.config, asset.readErrors])).toEqual([
      [{ Session: null, AutomatedDiscovery: null }, undefined],
    ]);
    expect(run.calls).toEqual(['Macie2.GetMacieSession']);
  });

  it('records a denied permission as an error and fails the unit', async () => {
    macie.on(GetMacieSessionCommand).rejects(
      new AccessDeniedException({
        $metadata: { httpStatusCode: 403 },
        message: `User: arn:aws:sts::${ACCOUNT}:assumed-role/CloudwardReadOnly/cloudward is not authorized to perform: macie2:GetMacieSession`,
      }),
    );
    const run = testContext(macieCollector, { accountId: ACCOUNT });
    await expect(macieCollector.collect(run.ctx)).rejects.toMatchObject({ name: 'AccessDeniedException' });
    expect(run.assets.map((asset) => asset.readErrors)).toEqual([
      { Session: 'AccessDeniedException', AutomatedDiscovery: 'AccessDeniedException' },
    ]);
  });

  it('keeps the session when only the automated discovery call is refused', async () => {
    macie.on(GetMacieSessionCommand).resolves({ $metadata, status: 'PAUSED' });
    macie.on(GetAutomatedDiscoveryConfigurationCommand).rejects(
      new AccessDeniedException({
        $metadata: { httpStatusCode: 403 },
        message: 'User is not authorized to perform: macie2:GetAutomatedDiscoveryConfiguration',
      }),
    );
    const run = testContext(macieCollector, { accountId: ACCOUNT });
    await macieCollector.collect(run.ctx);
    expect(run.assets[0].config.Session).toEqual({ status: 'PAUSED' });
    expect(run.assets[0].readErrors).toEqual({ AutomatedDiscovery: 'AccessDeniedException' });
  });
});
