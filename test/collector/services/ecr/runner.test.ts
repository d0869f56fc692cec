// The ECR module run by the collector core's unit runner: what a sync records when images cannot be listed.
import {
  DescribeImagesCommand,
  DescribeRepositoriesCommand,
  ECRClient,
  GetRepositoryPolicyCommand,
} from '@aws-sdk/client-ecr';
import { mockClient } from 'aws-sdk-client-mock';
import { ecrCollector } from '../../../../collector/services/ecr';
import { runModuleUnit } from '../../harness';
import { accessDenied, policyNotFound, repositoriesPage2 } from './fixtures';

const ecr = mockClient(ECRClient);

beforeEach(() => ecr.reset());

it('records the unit failed with AWS code and only repositories complete when DescribeImages is denied', async () => {
  ecr.on(DescribeRepositoriesCommand).resolves(repositoriesPage2);
  ecr.on(GetRepositoryPolicyCommand).rejects(policyNotFound('tools'));
  ecr.on(DescribeImagesCommand).rejects(accessDenied('ecr:DescribeImages'));
  const { result, assets: written } = await runModuleUnit(ecrCollector);

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
