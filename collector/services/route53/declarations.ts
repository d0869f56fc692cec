import type { OperationDeclaration, ResourceTypeDeclaration } from '../../types';

export const route53Operations: OperationDeclaration[] = [
  { api: 'Route53.ListHostedZones', actions: ['route53:ListHostedZones'] },
  { api: 'Route53.ListResourceRecordSets', actions: ['route53:ListResourceRecordSets'] },
];

export const route53ResourceTypes: ResourceTypeDeclaration[] = [
  {
    type: 'aws_route53_hosted_zone',
    class: 'Network',
    listOperation: 'Route53.ListHostedZones',
    detailOperations: ['Route53.ListResourceRecordSets'],
    idSource: 'arn:{p}:route53:::hostedzone/{Id without /hostedzone/}',
  },
];
