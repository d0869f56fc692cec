import type { OperationDeclaration, ResourceTypeDeclaration } from '../../types';

export const route53Operations: OperationDeclaration[] = [
  { api: 'Route53.ListHostedZones', actions: ['route53:ListHostedZones'] },
  { api: 'Route53.ListResourceRecordSets', actions: ['route53:ListResourceRecordSets'] },
  { api: 'Route53.ListQueryLoggingConfigs', actions: ['route53:ListQueryLoggingConfigs'] },
];

export const route53ResourceTypes: ResourceTypeDeclaration[] = [
  {
    type: 'aws_route53_hosted_zone',
    class: 'Network',
    listOperation: 'Route53.ListHostedZones',
    detailOperations: ['Route53.ListResourceRecordSets', 'Route53.ListQueryLoggingConfigs'],
    idSource: 'arn:{p}:route53:::hostedzone/{Id without /hostedzone/}',
  },
];
