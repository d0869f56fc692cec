import {
  DescribeDocumentPermissionCommand,
  type DescribeDocumentPermissionCommandOutput,
  DescribeParametersCommand,
  type DescribeParametersCommandOutput,
  GetDocumentCommand,
  GetParameterCommand,
  GetParametersByPathCommand,
  GetParametersCommand,
  InvalidDocument,
  ListDocumentsCommand,
  type ListDocumentsCommandOutput,
  SSMClient,
  SSMServiceException,
} from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { ssmCollector } from '../../../../collector/services/ssm';
import { testContext } from '../../harness';

const $metadata = { httpStatusCode: 200, requestId: '7c2b1f0e-0000-4000-8000-000000000001' };
const KEY = 'arn:aws:kms:us-east-1:123456789012:key/1a2b3c4d-5e6f-7081-92a3-b4c5d6e7f809';

// DescribeParameters: metadata only. AWS may answer a page with no parameters but a NextToken (it filters after
// paging), so the second page here is empty and the third holds the rest.
const parametersPage1: DescribeParametersCommandOutput = {
  $metadata,
  Parameters: [
    {
      Name: '/prod/orders/db-password',
      ARN: 'arn:aws:ssm:us-east-1:123456789012:parameter/prod/orders/db-password',
      Type: 'SecureString',
      KeyId: KEY,
      LastModifiedDate: new Date('2026-10-01T08:00:00Z'),
      LastModifiedUser: 'arn:aws:iam::123456789012:user/deploy',
      Version: 4,
      Tier: 'Standard',
      Policies: [],
      DataType: 'text',
    },
  ],
  NextToken: 'AAEAAX1page2token',
};
const parametersPage2: DescribeParametersCommandOutput = {
  $metadata,
  Parameters: [],
  NextToken: 'AAEAAX1page3token',
};
const parametersPage3: DescribeParametersCommandOutput = {
  $metadata,
  Parameters: [
    {
      Name: 'legacy-api-token',
      Type: 'String',
      LastModifiedDate: new Date('2025-02-01T08:00:00Z'),
      LastModifiedUser: 'arn:aws:iam::123456789012:user/ops',
      Version: 1,
      Tier: 'Standard',
      Policies: [],
      DataType: 'text',
    },
    {
      Name: '/prod/orders/queue-url',
      ARN: 'arn:aws:ssm:us-east-1:123456789012:parameter/prod/orders/queue-url',
      Type: 'String',
      LastModifiedDate: new Date('2026-01-01T08:00:00Z'),
      Version: 1,
      Tier: 'Standard',
      Policies: [],
      DataType: 'text',
    },
  ],
};

const documentsPage1: ListDocumentsCommandOutput = {
  $metadata,
  DocumentIdentifiers: [
    {
      Name: 'restart-orders-app',
      CreatedDate: new Date('2025-06-01T10:00:00Z'),
      Owner: '123456789012',
      PlatformTypes: ['Linux', 'MacOS'],
      DocumentVersion: '2',
      DocumentType: 'Command',
      SchemaVersion: '2.2',
      DocumentFormat: 'YAML',
      Tags: [{ Key: 'team', Value: 'orders' }],
    },
  ],
  NextToken: 'AAEAAdocpage2',
};
const documentsPage2: ListDocumentsCommandOutput = {
  $metadata,
  DocumentIdentifiers: [
    {
      Name: 'rotate-keys',
      CreatedDate: new Date('2025-07-01T10:00:00Z'),
      Owner: '123456789012',
      PlatformTypes: ['Linux'],
      DocumentVersion: '1',
      DocumentType: 'Automation',
      SchemaVersion: '0.3',
      DocumentFormat: 'JSON',
      Tags: [],
    },
  ],
};
const publicPermission: DescribeDocumentPermissionCommandOutput = {
  $metadata,
  AccountIds: ['all'],
  AccountSharingInfoList: [{ AccountId: 'all', SharedDocumentVersion: '$DEFAULT' }],
};
// A document shared with one partner account, over two pages.
const sharedPermission1: DescribeDocumentPermissionCommandOutput = {
  $metadata,
  AccountIds: ['444455556666'],
  AccountSharingInfoList: [{ AccountId: '444455556666', SharedDocumentVersion: '$DEFAULT' }],
  NextToken: 'AAEAApermpage2',
};
const sharedPermission2: DescribeDocumentPermissionCommandOutput = {
  $metadata,
  AccountIds: [],
  AccountSharingInfoList: [],
};

/** SSM's answer without the permission (JSON protocol: the code is the error name). */
const accessDenied = (action: string) =>
  new SSMServiceException({
    name: 'AccessDeniedException',
    $fault: 'client',
    $metadata: { httpStatusCode: 400, requestId: '7c2b1f0e-0000-4000-8000-00000000000e' },
    message: `User: arn:aws:sts::123456789012:assumed-role/CloudwardReadOnly/cloudward is not authorized to perform: ${action} because no identity-based policy allows the ${action} action`,
  });

const ssm = mockClient(SSMClient);

function mockSsm(): void {
  ssm
    .on(DescribeParametersCommand)
    .resolves(parametersPage1)
    .on(DescribeParametersCommand, { NextToken: parametersPage1.NextToken })
    .resolves(parametersPage2)
    .on(DescribeParametersCommand, { NextToken: parametersPage2.NextToken })
    .resolves(parametersPage3);
  ssm
    .on(ListDocumentsCommand)
    .resolves(documentsPage1)
    .on(ListDocumentsCommand, { NextToken: documentsPage1.NextToken })
    .resolves(documentsPage2);
  ssm
    .on(DescribeDocumentPermissionCommand, { Name: 'restart-orders-app' })
    .resolves(publicPermission)
    .on(DescribeDocumentPermissionCommand, { Name: 'rotate-keys' })
    .resolves(sharedPermission1)
    .on(DescribeDocumentPermissionCommand, { Name: 'rotate-keys', NextToken: 'AAEAApermpage2' })
    .resolves(sharedPermission2);
}

beforeEach(() => ssm.reset());

describe('ssmCollector', () => {
  it('emits every parameter of every page (an empty page with a NextToken included) with its metadata', async () => {
    mockSsm();
    const run = testContext(ssmCollector);
    await ssmCollector.collect(run.ctx);
    expect(ssm.commandCalls(DescribeParametersCommand)).toHaveLength(3);
    const parameters = run.assets.filter((asset) => asset.type === 'aws_ssm_parameter');
    expect(parameters.map((asset) => [asset.id, asset.name, asset.class, asset.region])).toEqual([
      [
        'arn:aws:ssm:us-east-1:123456789012:parameter/prod/orders/db-password',
        '/prod/orders/db-password',
        'Configuration',
        'us-east-1',
      ],
      // No ARN in the answer: built from the name (no double slash for names without a leading one).
      [
        'arn:aws:ssm:us-east-1:123456789012:parameter/legacy-api-token',
        'legacy-api-token',
        'Configuration',
        'us-east-1',
      ],
      [
        'arn:aws:ssm:us-east-1:123456789012:parameter/prod/orders/queue-url',
        '/prod/orders/queue-url',
        'Configuration',
        'us-east-1',
      ],
    ]);
    expect(parameters[0].config).toMatchObject({
      Type: 'SecureString',
      KeyId: KEY,
      LastModifiedDate: '2026-10-01T08:00:00.000Z',
    });
    expect(parameters.every((asset) => !('Value' in asset.config))).toBe(true);
  });

  it("links a SecureString parameter's customer managed key to it (ENCRYPTS)", async () => {
    mockSsm();
    const run = testContext(ssmCollector);
    await ssmCollector.collect(run.ctx);
    expect(run.relationships.map((edge) => [edge.fromId, edge.verb, edge.toId])).toEqual([
      [KEY, 'ENCRYPTS', 'arn:aws:ssm:us-east-1:123456789012:parameter/prod/orders/db-password'],
    ]);
  });

  it('lists only documents the account owns and records who they are shared with ("all" = public)', async () => {
    mockSsm();
    const run = testContext(ssmCollector);
    await ssmCollector.collect(run.ctx);
    expect(ssm.commandCalls(ListDocumentsCommand).map((call) => call.args[0].input.Filters)).toEqual([
      [{ Key: 'Owner', Values: ['Self'] }],
      [{ Key: 'Owner', Values: ['Self'] }],
    ]);
    for (const call of ssm.commandCalls(DescribeDocumentPermissionCommand))
      expect(call.args[0].input.PermissionType).toBe('Share');
    const documents = run.assets.filter((asset) => asset.type === 'aws_ssm_document');
    expect(documents.map((asset) => [asset.id, asset.config.Public, asset.tags])).toEqual([
      ['arn:aws:ssm:us-east-1:123456789012:document/restart-orders-app', true, { team: 'orders' }],
      ['arn:aws:ssm:us-east-1:123456789012:document/rotate-keys', false, {}],
    ]);
    expect(documents[1].config.DocumentPermission).toEqual({
      AccountIds: ['444455556666'],
      AccountSharingInfoList: [{ AccountId: '444455556666', SharedDocumentVersion: '$DEFAULT' }],
    });
  });

  it('never reads a parameter value or a document body', async () => {
    mockSsm();
    const run = testContext(ssmCollector);
    await ssmCollector.collect(run.ctx);
    expect(ssm.commandCalls(GetParameterCommand)).toHaveLength(0);
    expect(ssm.commandCalls(GetParametersCommand)).toHaveLength(0);
    expect(ssm.commandCalls(GetParametersByPathCommand)).toHaveLength(0);
    expect(ssm.commandCalls(GetDocumentCommand)).toHaveLength(0);
    expect(new Set(run.calls)).toEqual(
      new Set(['SSM.DescribeParameters', 'SSM.ListDocuments', 'SSM.DescribeDocumentPermission']),
    );
  });

  it('keeps documents when DescribeParameters is denied (parameters incomplete, nothing of theirs deleted)', async () => {
    mockSsm();
    ssm.on(DescribeParametersCommand).rejects(accessDenied('ssm:DescribeParameters'));
    const run = testContext(ssmCollector);
    await ssmCollector.collect(run.ctx);
    expect(run.failures.map((failure) => failure.type)).toEqual(['aws_ssm_parameter']);
    expect(run.assets.map((asset) => asset.type)).toEqual(['aws_ssm_document', 'aws_ssm_document']);
  });

  it('fails the unit with AWS code when both lists are denied', async () => {
    ssm.on(DescribeParametersCommand).rejects(accessDenied('ssm:DescribeParameters'));
    ssm.on(ListDocumentsCommand).rejects(accessDenied('ssm:ListDocuments'));
    const run = testContext(ssmCollector);
    await expect(ssmCollector.collect(run.ctx)).rejects.toMatchObject({ name: 'AccessDeniedException' });
    expect(run.assets).toEqual([]);
  });

  it('keeps a document whose permission is denied, with readErrors.DocumentPermission and no Public member', async () => {
    mockSsm();
    ssm
      .on(DescribeDocumentPermissionCommand, { Name: 'restart-orders-app' })
      .rejects(accessDenied('ssm:DescribeDocumentPermission'));
    const run = testContext(ssmCollector);
    await ssmCollector.collect(run.ctx);
    const document = run.assets.find((asset) => asset.name === 'restart-orders-app')!;
    expect(document.readErrors).toEqual({ DocumentPermission: 'AccessDeniedException' });
    expect(document.config).not.toHaveProperty('Public');
  });

  it('drops a document deleted since the list (InvalidDocument)', async () => {
    mockSsm();
    ssm.on(DescribeDocumentPermissionCommand, { Name: 'rotate-keys' }).rejects(
      new InvalidDocument({
        message: 'Document with name rotate-keys does not exist.',
        $metadata: { httpStatusCode: 400 },
      }),
    );
    const run = testContext(ssmCollector);
    await ssmCollector.collect(run.ctx);
    expect(
      run.assets.filter((asset) => asset.type === 'aws_ssm_document').map((asset) => asset.name),
    ).toEqual(['restart-orders-app']);
  });

  it('makes no detail calls in a region without parameters or documents', async () => {
    ssm.on(DescribeParametersCommand).resolves({ $metadata, Parameters: [] });
    ssm.on(ListDocumentsCommand).resolves({ $metadata, DocumentIdentifiers: [] });
    const run = testContext(ssmCollector);
    await ssmCollector.collect(run.ctx);
    expect(run.assets).toEqual([]);
    expect(run.calls.sort()).toEqual(['SSM.DescribeParameters', 'SSM.ListDocuments']);
  });
});
