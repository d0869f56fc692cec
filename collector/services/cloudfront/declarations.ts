import type { OperationDeclaration, ResourceTypeDeclaration } from '../../types';

export const cloudfrontOperations: OperationDeclaration[] = [
  { api: 'CloudFront.ListDistributions', actions: ['cloudfront:ListDistributions'] },
  { api: 'CloudFront.GetDistributionConfig', actions: ['cloudfront:GetDistributionConfig'] },
];

export const cloudfrontResourceTypes: ResourceTypeDeclaration[] = [
  {
    type: 'aws_cloudfront_distribution',
    class: 'Gateway',
    listOperation: 'CloudFront.ListDistributions',
    detailOperations: ['CloudFront.GetDistributionConfig'],
    idSource: 'ARN',
  },
];
