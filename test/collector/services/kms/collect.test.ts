import {
  DescribeKeyCommand,
  GetKeyPolicyCommand,
  GetKeyRotationStatusCommand,
  KMSClient,
  KMSInvalidStateException,
  ListKeysCommand,
  ListResourceTagsCommand,
  NotFoundException,
  UnsupportedOperationException,
} from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';
import { kmsCollector } from '../../../../collector/services/kms';
import type { Asset } from '../../../../store/model';
import { testContext } from '../../harness';
import { awsError } from '../iam/aws-error';
import {
  ASYMMETRIC,
  AWS_MANAGED,
  arnOf,
  CUSTOMER,
  descriptions,
  keyPolicy,
  keyPolicyDocument,
  keysPage1,
  keysPage2,
  noTags,
  PENDING,
  rotationEnabled,
  tagsPage1,
  tagsPage2,
} from './fixtures';

const kms = mockClient(KMSClient);

function mockKeys(): void {
  kms
    .on(ListKeysCommand)
    .resolves(keysPage1)
    .on(ListKeysCommand, { Marker: 'keys-page-2' })
    .resolves(keysPage2);
  for (const [id, output] of Object.entries(descriptions))
    kms.on(DescribeKeyCommand, { KeyId: arnOf(id) }).resolves(output);
  kms.on(GetKeyRotationStatusCommand, { KeyId: arnOf(CUSTOMER) }).resolves(rotationEnabled);
  kms.on(GetKeyRotationStatusCommand, { KeyId: arnOf(ASYMMETRIC) }).rejects(
    new UnsupportedOperationException({
      message: 'not supported for asymmetric keys',
      $metadata: { httpStatusCode: 400 },
    }),
  );
  kms.on(GetKeyPolicyCommand).resolves(keyPolicy);
  kms.on(ListResourceTagsCommand).resolves(noTags);
  kms
    .on(ListResourceTagsCommand, { KeyId: arnOf(CUSTOMER) })
    .resolves(tagsPage1)
    .on(ListResourceTagsCommand, { KeyId: arnOf(CUSTOMER), Marker: 'tags-page-2' })
    .resolves(tagsPage2);
}

const byId = (assets: Asset[], id: string) => assets.find((asset) => asset.id === arnOf(id));

beforeEach(() => kms.reset());

describe('kmsCollector', () => {
  it('reads every page of keys and merges rotation, parsed policy and tags for customer-managed keys', async () => {
    mockKeys();
    const run = testContext(kmsCollector);
    await kmsCollector.collect(run.ctx);
    expect(run.assets.map((asset) => asset.id)).toEqual(
      [CUSTOMER, AWS_MANAGED, PENDING, ASYMMETRIC].map(arnOf),
    );
    const customer = byId(run.assets, CUSTOMER);
    expect(customer).toMatchObject({
      type: 'aws_kms_key',
      class: 'Key',
      region: 'us-east-1',
      tags: { env: 'prod', team: 'data' },
    });
    expect(customer?.readErrors).toBeUndefined();
    expect(customer?.config).toMatchObject({
      KeyId: CUSTOMER,
      KeyArn: arnOf(CUSTOMER),
      KeyManager: 'CUSTOMER',
      KeyState: 'Enabled',
      CreationDate: '2024-01-01T00:00:00.000Z',
      KeyRotationStatus: {
        KeyRotationEnabled: true,
        KeyId: arnOf(CUSTOMER),
        RotationPeriodInDays: 365,
        NextRotationDate: '2027-01-01T00:00:00.000Z',
      },
      KeyPolicy: { Policy: keyPolicyDocument, PolicyName: 'default' },
      ResourceTags: { Tags: [...(tagsPage1.Tags ?? []), ...(tagsPage2.Tags ?? [])] },
    });
    expect(kms.commandCalls(GetKeyPolicyCommand).map((call) => call.args[0].input)).toContainEqual({
      KeyId: arnOf(CUSTOMER),
      PolicyName: 'default',
    });
  });

  it('makes no rotation, policy or tag calls for AWS-managed keys', async () => {
    mockKeys();
    const run = testContext(kmsCollector);
    await kmsCollector.collect(run.ctx);
    const managed = byId(run.assets, AWS_MANAGED);
    expect(managed?.config).not.toHaveProperty('KeyRotationStatus');
    expect(managed?.config).not.toHaveProperty('KeyPolicy');
    const keysCalled = [GetKeyRotationStatusCommand, GetKeyPolicyCommand, ListResourceTagsCommand].flatMap(
      (command) => kms.commandCalls(command).map((call) => (call.args[0].input as { KeyId: string }).KeyId),
    );
    expect(keysCalled).not.toContain(arnOf(AWS_MANAGED));
  });

  it('records rotation as null for keys pending deletion (no call) and for asymmetric keys', async () => {
    mockKeys();
    const run = testContext(kmsCollector);
    await kmsCollector.collect(run.ctx);
    expect(byId(run.assets, PENDING)?.config.KeyRotationStatus).toBeNull();
    expect(byId(run.assets, ASYMMETRIC)?.config.KeyRotationStatus).toBeNull();
    expect(byId(run.assets, ASYMMETRIC)?.readErrors).toBeUndefined();
    const rotationCalls = kms
      .commandCalls(GetKeyRotationStatusCommand)
      .map((call) => call.args[0].input.KeyId);
    expect(rotationCalls).not.toContain(arnOf(PENDING));
  });

  it('keeps a key whose key policy denies DescribeKey, with the error recorded', async () => {
    mockKeys();
    kms
      .on(DescribeKeyCommand, { KeyId: arnOf(CUSTOMER) })
      .rejects(awsError('AccessDeniedException', 400, 'not authorized to perform: kms:DescribeKey'));
    const run = testContext(kmsCollector);
    await kmsCollector.collect(run.ctx);
    const customer = byId(run.assets, CUSTOMER);
    expect(customer?.config).toEqual({ KeyId: CUSTOMER, KeyArn: arnOf(CUSTOMER) });
    expect(customer?.readErrors).toEqual({ KeyMetadata: 'AccessDeniedException' });
  });

  it('records denied policy and throttled rotation reads per key', async () => {
    mockKeys();
    kms.on(GetKeyPolicyCommand, { KeyId: arnOf(CUSTOMER) }).rejects(awsError('AccessDeniedException', 400));
    kms
      .on(GetKeyRotationStatusCommand, { KeyId: arnOf(CUSTOMER) })
      .rejects(awsError('ThrottlingException', 400, 'Rate exceeded'));
    const run = testContext(kmsCollector);
    await kmsCollector.collect(run.ctx);
    expect(byId(run.assets, CUSTOMER)?.readErrors).toEqual({
      KeyPolicy: 'AccessDeniedException',
      KeyRotationStatus: 'ThrottlingException',
    });
  });

  it('drops a key deleted between ListKeys and DescribeKey', async () => {
    mockKeys();
    kms
      .on(DescribeKeyCommand, { KeyId: arnOf(PENDING) })
      .rejects(new NotFoundException({ message: 'gone', $metadata: { httpStatusCode: 400 } }));
    const run = testContext(kmsCollector);
    await kmsCollector.collect(run.ctx);
    expect(byId(run.assets, PENDING)).toBeUndefined();
  });

  it('keeps a key whose rotation call answers KMSInvalidStateException, with rotation null', async () => {
    mockKeys();
    // DescribeKey said Enabled; the key was scheduled for deletion before the rotation call.
    kms.on(GetKeyRotationStatusCommand, { KeyId: arnOf(CUSTOMER) }).rejects(
      new KMSInvalidStateException({
        message: `${arnOf(CUSTOMER)} is pending deletion.`,
        $metadata: { httpStatusCode: 400 },
      }),
    );
    const run = testContext(kmsCollector);
    await kmsCollector.collect(run.ctx);
    const customer = byId(run.assets, CUSTOMER);
    expect(customer?.config.KeyRotationStatus).toBeNull();
    expect(customer?.config.KeyPolicy).toEqual({ Policy: keyPolicyDocument, PolicyName: 'default' });
    expect(customer?.readErrors).toBeUndefined();
    expect(run.failures).toEqual([]);
  });

  it('keeps a key whose tag call fails on the server, with the error recorded for the tags only', async () => {
    mockKeys();
    kms
      .on(ListResourceTagsCommand, { KeyId: arnOf(CUSTOMER) })
      .rejects(
        awsError(
          'InternalFailure',
          500,
          'The request processing has failed because of an unknown error, exception or failure.',
        ),
      );
    const run = testContext(kmsCollector);
    await kmsCollector.collect(run.ctx);
    const customer = byId(run.assets, CUSTOMER);
    expect(customer?.readErrors).toEqual({ ResourceTags: 'InternalFailure' });
    expect(customer?.tags).toEqual({});
    expect(customer?.config.KeyRotationStatus).toMatchObject({ KeyRotationEnabled: true });
  });

  it('takes a page with Truncated false as the last one, whatever NextMarker it carries', async () => {
    mockKeys();
    kms
      .on(ListKeysCommand)
      .resolves({ ...keysPage1, Truncated: false, NextMarker: 'keys-page-2' })
      .on(ListKeysCommand, { Marker: 'keys-page-2' })
      .resolves(keysPage2);
    const run = testContext(kmsCollector);
    await kmsCollector.collect(run.ctx);
    expect(kms.commandCalls(ListKeysCommand).map((call) => call.args[0].input)).toEqual([
      { Limit: 1000, Marker: undefined },
    ]);
    expect(run.assets.map((asset) => asset.id)).toEqual([CUSTOMER, AWS_MANAGED].map(arnOf));
  });

  it('emits nothing for a region without keys', async () => {
    kms.on(ListKeysCommand).resolves({ $metadata: {}, Keys: [], Truncated: false });
    const run = testContext(kmsCollector);
    await kmsCollector.collect(run.ctx);
    expect(run.assets).toEqual([]);
  });

  it('throws when ListKeys is denied', async () => {
    const denied = awsError('AccessDeniedException', 400);
    kms.on(ListKeysCommand).rejects(denied);
    const run = testContext(kmsCollector);
    await expect(kmsCollector.collect(run.ctx)).rejects.toBe(denied);
  });
});
