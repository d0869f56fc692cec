// The ECR module run by the collector core's unit runner: what a sync records when images cannot be listed.
import {
  DescribeImagesCommand,
  DescribeRepositoriesCommand,
  ECRClient,
  GetRepositoryPolicyCommand,
} from '@aws-sdk/client-ecr';
import { mockClient } from 'aws-sdk-client-mock';
import type { Asset } from '../../../../store/model';
import { ClientFactory } from '../../../../collector/clients';
import { ecrCollector } from '../../../../collector/services/ecr';
import { runUnit } from '../../../../collector/unit';
import { accessDenied, policyNotFound, repositoriesPage2 } from './fixtures';

const ecr = mockClient(ECRClient);
const credentials = async () => ({ accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' });

beforeEach(() => ecr.reset());

it('records the unit failed with AWS code and only repositories complete when DescribeImages is denied', async () => {
  ecr.on(DescribeRepositoriesCommand).resolves(repositoriesPage2);
  ecr.on(GetRepositoryPolicyCommand).rejects(policyNotFound('tools'));
  ecr.on(DescribeImagesCommand).rejects(accessDenied('ecr:DescribeImages'));
  const written: Asset[] = [];

  const result = await runUnit({
    module: ecrCollector,
    region: 'us-east-1',
    accountId: '123456789012',
    partition: 'aws',
    factory: new ClientFactory({ credentials }),
    sink: {
      writeAssets: async (assets) => void written.push(...assets),
      writeRelationships: async () => undefined,
    },
    batchSize: 100,
    timeoutMs: 10_000,
    log: () => undefined,
  });

  expect(result).toMatchObject({
    service: 'ecr',
    region: 'us-east-1',
    status: 'failed',
    errorCode: 'AccessDeniedException',
    completeTypes: ['aws_ecr_repository'],
    assetCount: 1,
    calls: { 'ECR.DescribeRepositories': 1, 'ECR.GetRepositoryPolicy': 1, 'ECR.DescribeImages': 1 },
  });
  expect(written.map((asset) => asset.name)).toEqual(['tools']);
});
