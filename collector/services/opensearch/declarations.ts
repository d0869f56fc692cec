import type { OperationDeclaration, ResourceTypeDeclaration } from '../../types';

// Domain settings only (IAM prefix `es`): no call here reads an index or a document.
export const opensearchOperations: OperationDeclaration[] = [
  { api: 'OpenSearch.ListDomainNames', actions: ['es:ListDomainNames'] },
  { api: 'OpenSearch.DescribeDomains', actions: ['es:DescribeDomains'] },
];

export const opensearchResourceTypes: ResourceTypeDeclaration[] = [
  {
    type: 'aws_opensearch_domain',
    class: 'Database',
    listOperation: 'OpenSearch.ListDomainNames',
    detailOperations: ['OpenSearch.DescribeDomains'],
    idSource: 'DomainStatus.ARN',
  },
];
