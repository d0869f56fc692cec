import {
  BatchGetSecretValueCommand,
  GetResourcePolicyCommand,
  type GetResourcePolicyCommandOutput,
  GetSecretValueCommand,
  ListSecretsCommand,
  type ListSecretsCommandOutput,
  ResourceNotFoundException,
  SecretsManagerClient,
  SecretsManagerServiceException,
} from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { runInNewContext } from 'node:vm';
import { secretsmanagerCollector } from '../../../../collector/services/secretsmanager';
import { secretAsset } from '../../../../collector/services/secretsmanager/transform';
import { testContext } from '../../harness';

const $metadata = { httpStatusCode: 200, requestId: '3f1c9a52-0000-4000-8000-000000000001' };
const DB = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/orders-db-Ab12Cd';
const API_KEY = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:partner/api-key-Xy98Zw';

// ListSecrets: metadata only (no value), dates as Date objects in the SDK, RotationEnabled only when on.
const secretsPage1: ListSecretsCommandOutput = {
  $metadata,
  SecretList: [
    {
      ARN: DB,
      Name: 'prod/orders-db',
      Description: 'Orders database master user',
      KmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0',
      RotationEnabled: true,
      RotationLambdaARN: 'arn:aws:lambda:us-east-1:123456789012:function:orders-db-rotation',
      RotationRules: { AutomaticallyAfterDays: 30 },
      LastRotatedDate: new Date('2026-11-01T03:00:00Z'),
      LastChangedDate: new Date('2026-11-01T03:00:00Z'),
      LastAccessedDate: new Date('2026-11-21T00:00:00Z'),
      NextRotationDate: new Date('2026-12-01T23:59:59Z'),
      Tags: [{ Key: 'team', Value: 'orders' }],
      SecretVersionsToStages: { 'a1b2c3d4-0000-4000-8000-000000000001': ['AWSCURRENT'] },
      CreatedDate: new Date('2025-01-10T09:00:00Z'),
    },
  ],
  NextToken: 'AYADeBfmh0tKnDqlALRLdKAEzE0ABQACABVhd3MtY3J5cHRvLXB1YmxpYy1rZXk',
};
const secretsPage2: ListSecretsCommandOutput = {
  $metadata,
  SecretList: [
    {
      ARN: API_KEY,
      Name: 'partner/api-key',
      LastChangedDate: new Date('2025-03-01T10:00:00Z'),
      SecretVersionsToStages: { 'a1b2c3d4-0000-4000-8000-000000000002': ['AWSCURRENT'] },
      CreatedDate: new Date('2025-03-01T10:00:00Z'),
    },
  ],
};

const apiKeyPolicy = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: 'secretsmanager:GetSecretValue',
      Resource: '*',
    },
  ],
};
// A secret without a policy: ARN and Name, no ResourcePolicy member.
const dbPolicy: GetResourcePolicyCommandOutput = { $metadata, ARN: DB, Name: 'prod/orders-db' };
const apiKeyPolicyOutput: GetResourcePolicyCommandOutput = {
  $metadata,
  ARN: API_KEY,
  Name: 'partner/api-key',
  ResourcePolicy: JSON.stringify(apiKeyPolicy),
};

/** Secrets Manager's answer without the permission (JSON protocol: the code is the error name). */
const accessDenied = (action: string) =>
  new SecretsManagerServiceException({
    name: 'AccessDeniedException',
    $fault: 'client',
    $metadata: { httpStatusCode: 400, requestId: '3f1c9a52-0000-4000-8000-00000000000e' },
    message: `User: arn:aws:sts::123456789012:assumed-role/CloudwardReadOnly/cloudward is not authorized to perform: ${action} because no identity-based policy allows the ${action} action`,
  });

const secrets = mockClient(SecretsManagerClient);

function mockSecrets(): void {
  secrets
    .on(ListSecretsCommand)
    .resolves(secretsPage1)
    .on(ListSecretsCommand, { NextToken: secretsPage1.NextToken })
    .resolves(secretsPage2);
  secrets.on(GetResourcePolicyCommand, { SecretId: DB }).resolves(dbPolicy);
  secrets.on(GetResourcePolicyCommand, { SecretId: API_KEY }).resolves(apiKeyPolicyOutput);
}

beforeEach(() => secrets.reset());

describe('secretsmanagerCollector', () => {
  it('emits every secret of every page with its metadata, tags and parsed resource policy', async () => {
    mockSecrets();
    const run = testContext(secretsmanagerCollector);
    await secretsmanagerCollector.collect(run.ctx);
    expect(secrets.commandCalls(ListSecretsCommand)).toHaveLength(2);
    expect(run.assets.map((asset) => [asset.type, asset.class, asset.id, asset.name, asset.region])).toEqual([
      ['aws_secretsmanager_secret', 'Key', DB, 'prod/orders-db', 'us-east-1'],
      ['aws_secretsmanager_secret', 'Key', API_KEY, 'partner/api-key', 'us-east-1'],
    ]);
    expect(run.assets[0].config).toMatchObject({
      ARN: DB,
      RotationEnabled: true,
      LastAccessedDate: '2026-11-21T00:00:00.000Z',
      CreatedDate: '2025-01-10T09:00:00.000Z',
      ResourcePolicy: null,
    });
    expect(run.assets[0].tags).toEqual({ team: 'orders' });
    expect(run.assets[1].config.ResourcePolicy).toEqual(apiKeyPolicy);
    expect(run.assets[1].config).not.toHaveProperty('RotationEnabled');
    expect(run.assets[1].tags).toEqual({});
  });

  it("links the secret's customer managed key to it (ENCRYPTS); the default key gives no edge", async () => {
    mockSecrets();
    const run = testContext(secretsmanagerCollector);
    await secretsmanagerCollector.collect(run.ctx);
    expect(run.relationships.map((edge) => [edge.fromId, edge.verb, edge.toId])).toEqual([
      [secretsPage1.SecretList![0].KmsKeyId, 'ENCRYPTS', DB],
    ]);
  });

  it('never reads a secret value', async () => {
    mockSecrets();
    const run = testContext(secretsmanagerCollector);
    await secretsmanagerCollector.collect(run.ctx);
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(0);
    expect(secrets.commandCalls(BatchGetSecretValueCommand)).toHaveLength(0);
    expect(new Set(run.calls)).toEqual(
      new Set(['SecretsManager.ListSecrets', 'SecretsManager.GetResourcePolicy']),
    );
    expect(secretsmanagerCollector.operations.flatMap((operation) => operation.actions)).toEqual([
      'secretsmanager:ListSecrets',
      'secretsmanager:GetResourcePolicy',
    ]);
  });

  it('fails the unit with AWS code when ListSecrets is denied (nothing emitted, so nothing is deleted)', async () => {
    secrets.on(ListSecretsCommand).rejects(accessDenied('secretsmanager:ListSecrets'));
    const run = testContext(secretsmanagerCollector);
    await expect(secretsmanagerCollector.collect(run.ctx)).rejects.toMatchObject({
      name: 'AccessDeniedException',
    });
    expect(run.assets).toEqual([]);
  });

  it('keeps a secret whose policy is denied, with readErrors.ResourcePolicy (its public verdict is then unknown)', async () => {
    mockSecrets();
    secrets
      .on(GetResourcePolicyCommand, { SecretId: API_KEY })
      .rejects(accessDenied('secretsmanager:GetResourcePolicy'));
    const run = testContext(secretsmanagerCollector);
    await secretsmanagerCollector.collect(run.ctx);
    expect(run.assets.map((asset) => [asset.id, asset.readErrors])).toEqual([
      [DB, undefined],
      [API_KEY, { ResourcePolicy: 'AccessDeniedException' }],
    ]);
    expect(run.assets[1].config).not.toHaveProperty('ResourcePolicy');
  });

  it('drops a secret deleted since the list (ResourceNotFoundException)', async () => {
    mockSecrets();
    secrets.on(GetResourcePolicyCommand, { SecretId: DB }).rejects(
      new ResourceNotFoundException({
        message: "Secrets Manager can't find the specified secret.",
        $metadata: { httpStatusCode: 400 },
      }),
    );
    const run = testContext(secretsmanagerCollector);
    await secretsmanagerCollector.collect(run.ctx);
    expect(run.assets.map((asset) => asset.id)).toEqual([API_KEY]);
  });

  it('makes no further calls in a region without secrets', async () => {
    secrets.on(ListSecretsCommand).resolves({ $metadata, SecretList: [] });
    const run = testContext(secretsmanagerCollector);
    await secretsmanagerCollector.collect(run.ctx);
    expect(run.assets).toEqual([]);
    expect(run.calls).toEqual(['SecretsManager.ListSecrets']);
  });
});

describe('secretAsset dates', () => {
  it('writes dates from another realm (a structuredClone under a VM, as the demo replay makes) as ISO strings', () => {
    const foreign = runInNewContext('new Date("2026-11-21T00:00:00Z")') as Date;
    expect(foreign instanceof Date).toBe(false);
    const asset = secretAsset(
      {
        partition: 'aws',
        accountId: '123456789012',
        region: 'us-east-1',
        assetRegion: 'us-east-1',
        service: 'secretsmanager',
      },
      {
        entry: { ARN: DB, Name: 'prod/orders-db', LastAccessedDate: foreign },
        policy: { ok: true, value: null },
      },
    );
    expect(asset.config.LastAccessedDate).toBe('2026-11-21T00:00:00.000Z');
  });
});
