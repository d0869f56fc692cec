import {
  CreatePresignedNotebookInstanceUrlCommand,
  DescribeNotebookInstanceCommand,
  type DescribeNotebookInstanceCommandOutput,
  ListNotebookInstancesCommand,
  type ListNotebookInstancesCommandOutput,
  ListTagsCommand,
  SageMakerClient,
  SageMakerServiceException,
} from '@aws-sdk/client-sagemaker';
import { mockClient } from 'aws-sdk-client-mock';
import { sagemakerCollector } from '../../../../collector/services/sagemaker';
import { testContext } from '../../harness';

const $metadata = { httpStatusCode: 200, requestId: 'e2d3c4b5-0000-4000-8000-000000000001' };
const ACCOUNT = '123456789012';
const RESEARCH = `arn:aws:sagemaker:us-east-1:${ACCOUNT}:notebook-instance/research`;
const SANDBOX = `arn:aws:sagemaker:us-east-1:${ACCOUNT}:notebook-instance/sandbox`;
const ROLE = `arn:aws:iam::${ACCOUNT}:role/service-role/AmazonSageMaker-ExecutionRole-20250101T000000`;
const KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0`;
const created = new Date('2025-02-01T09:00:00Z');

const summary = (name: string, arn: string) => ({
  NotebookInstanceName: name,
  NotebookInstanceArn: arn,
  NotebookInstanceStatus: 'InService' as const,
  Url: `${name}.notebook.us-east-1.sagemaker.aws`,
  InstanceType: 'ml.t3.medium' as const,
  CreationTime: created,
  LastModifiedTime: created,
});
const page1: ListNotebookInstancesCommandOutput = {
  $metadata,
  NotebookInstances: [summary('research', RESEARCH)],
  NextToken: 'dGhpcyBpcyBhbiBvcGFxdWUgdG9rZW4=',
};
const page2: ListNotebookInstancesCommandOutput = {
  $metadata,
  NotebookInstances: [summary('sandbox', SANDBOX)],
};

// A notebook in a private subnet with its own key; one created with the console's defaults (no VPC, root access,
// direct internet access).
const research: DescribeNotebookInstanceCommandOutput = {
  $metadata,
  ...summary('research', RESEARCH),
  SubnetId: 'subnet-0aaa1111bbbb2222c',
  SecurityGroups: ['sg-0notebook0000001'],
  RoleArn: ROLE,
  KmsKeyId: KEY,
  NetworkInterfaceId: 'eni-0a1b2c3d4e5f60718',
  DirectInternetAccess: 'Disabled',
  VolumeSizeInGB: 20,
  RootAccess: 'Disabled',
  PlatformIdentifier: 'notebook-al2-v2',
  InstanceMetadataServiceConfiguration: { MinimumInstanceMetadataServiceVersion: '2' },
};
const sandbox: DescribeNotebookInstanceCommandOutput = {
  $metadata,
  ...summary('sandbox', SANDBOX),
  RoleArn: ROLE,
  DirectInternetAccess: 'Enabled',
  VolumeSizeInGB: 5,
  RootAccess: 'Enabled',
  PlatformIdentifier: 'notebook-al2-v2',
  InstanceMetadataServiceConfiguration: { MinimumInstanceMetadataServiceVersion: '1' },
};

const sagemakerError = (name: string, message: string) =>
  new SageMakerServiceException({ name, $fault: 'client', $metadata: { httpStatusCode: 400 }, message });

const sagemaker = mockClient(SageMakerClient);

function mockNotebooks(): void {
  sagemaker
    .on(ListNotebookInstancesCommand)
    .resolves(page1)
    .on(ListNotebookInstancesCommand, { NextToken: page1.NextToken })
    .resolves(page2);
  sagemaker.on(DescribeNotebookInstanceCommand, { NotebookInstanceName: 'research' }).resolves(research);
  sagemaker.on(DescribeNotebookInstanceCommand, { NotebookInstanceName: 'sandbox' }).resolves(sandbox);
  sagemaker
    .on(ListTagsCommand, { ResourceArn: RESEARCH })
    .resolves({ $metadata, Tags: [{ Key: 'team', Value: 'ml' }], NextToken: 'dGFncy0y' })
    .on(ListTagsCommand, { ResourceArn: RESEARCH, NextToken: 'dGFncy0y' })
    .resolves({ $metadata, Tags: [{ Key: 'data', Value: 'restricted' }] });
  sagemaker.on(ListTagsCommand, { ResourceArn: SANDBOX }).resolves({ $metadata, Tags: [] });
}

beforeEach(() => sagemaker.reset());

describe('sagemakerCollector', () => {
  it('follows NextToken and keeps each notebook instance with its settings and every page of tags', async () => {
    mockNotebooks();
    const run = testContext(sagemakerCollector);
    await sagemakerCollector.collect(run.ctx);
    expect(sagemaker.commandCalls(ListNotebookInstancesCommand)).toHaveLength(2);
    expect(run.assets.map((asset) => [asset.type, asset.class, asset.id, asset.name])).toEqual([
      ['aws_sagemaker_notebook_instance', 'Host', RESEARCH, 'research'],
      ['aws_sagemaker_notebook_instance', 'Host', SANDBOX, 'sandbox'],
    ]);
    const { $metadata: _m, ...described } = research;
    expect(run.assets[0].config).toEqual({
      NotebookInstanceName: 'research',
      NotebookInstanceArn: RESEARCH,
      NotebookInstance: {
        ...described,
        CreationTime: '2025-02-01T09:00:00.000Z',
        LastModifiedTime: '2025-02-01T09:00:00.000Z',
      },
      Tags: [
        { Key: 'team', Value: 'ml' },
        { Key: 'data', Value: 'restricted' },
      ],
    });
    expect(run.assets[0].tags).toEqual({ team: 'ml', data: 'restricted' });
    expect(sagemaker.commandCalls(CreatePresignedNotebookInstanceUrlCommand)).toHaveLength(0);
  });

  it('draws role, subnet, security group and key edges; a notebook outside a VPC has only its role', async () => {
    mockNotebooks();
    const run = testContext(sagemakerCollector);
    await sagemakerCollector.collect(run.ctx);
    expect(run.relationships.map((edge) => [edge.fromId, edge.verb, edge.toId])).toEqual([
      [RESEARCH, 'USES', ROLE],
      [RESEARCH, 'IN', `arn:aws:ec2:us-east-1:${ACCOUNT}:subnet/subnet-0aaa1111bbbb2222c`],
      [`arn:aws:ec2:us-east-1:${ACCOUNT}:security-group/sg-0notebook0000001`, 'PROTECTS', RESEARCH],
      [KEY, 'ENCRYPTS', RESEARCH],
      [SANDBOX, 'USES', ROLE],
    ]);
  });

  it('drops a notebook deleted since the list (ValidationException "RecordNotFound")', async () => {
    mockNotebooks();
    sagemaker
      .on(DescribeNotebookInstanceCommand, { NotebookInstanceName: 'sandbox' })
      .rejects(sagemakerError('ValidationException', 'RecordNotFound'));
    const run = testContext(sagemakerCollector);
    await sagemakerCollector.collect(run.ctx);
    expect(run.assets.map((asset) => asset.id)).toEqual([RESEARCH]);
  });

  it('keeps a notebook whose description failed for another reason, with readErrors.NotebookInstance', async () => {
    mockNotebooks();
    sagemaker
      .on(DescribeNotebookInstanceCommand, { NotebookInstanceName: 'sandbox' })
      .rejects(
        sagemakerError(
          'AccessDeniedException',
          `User: arn:aws:sts::${ACCOUNT}:assumed-role/CloudwardReadOnly/cloudward is not authorized to perform: sagemaker:DescribeNotebookInstance`,
        ),
      );
    const run = testContext(sagemakerCollector);
    await sagemakerCollector.collect(run.ctx);
    expect(run.assets.map((asset) => [asset.id, asset.readErrors])).toEqual([
      [RESEARCH, undefined],
      [SANDBOX, { NotebookInstance: 'AccessDeniedException' }],
    ]);
  });

  it('fails the unit with AWS code when ListNotebookInstances is denied', async () => {
    sagemaker
      .on(ListNotebookInstancesCommand)
      .rejects(
        sagemakerError('AccessDeniedException', 'not authorized to perform: sagemaker:ListNotebookInstances'),
      );
    const run = testContext(sagemakerCollector);
    await expect(sagemakerCollector.collect(run.ctx)).rejects.toMatchObject({
      name: 'AccessDeniedException',
    });
    expect(run.assets).toEqual([]);
  });

  it('makes no further calls in a region without notebook instances', async () => {
    sagemaker.on(ListNotebookInstancesCommand).resolves({ $metadata, NotebookInstances: [] });
    const run = testContext(sagemakerCollector);
    await sagemakerCollector.collect(run.ctx);
    expect(run.assets).toEqual([]);
    expect(run.calls).toEqual(['SageMaker.ListNotebookInstances']);
  });
});
