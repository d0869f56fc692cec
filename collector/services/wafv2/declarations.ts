import type { OperationDeclaration, ResourceTypeDeclaration } from '../../types';

export const wafv2Operations: OperationDeclaration[] = [
  { api: 'WAFV2.ListWebACLs', actions: ['wafv2:ListWebACLs'] },
  { api: 'WAFV2.GetWebACL', actions: ['wafv2:GetWebACL'] },
  { api: 'WAFV2.ListLoggingConfigurations', actions: ['wafv2:ListLoggingConfigurations'] },
  { api: 'WAFV2.ListResourcesForWebACL', actions: ['wafv2:ListResourcesForWebACL'] },
];

export const wafv2ResourceTypes: ResourceTypeDeclaration[] = [
  {
    type: 'aws_wafv2_web_acl',
    class: 'Firewall',
    listOperation: 'WAFV2.ListWebACLs',
    detailOperations: ['WAFV2.GetWebACL', 'WAFV2.ListLoggingConfigurations', 'WAFV2.ListResourcesForWebACL'],
    idSource:
      'ARN (REGIONAL web ACLs in their region; CLOUDFRONT web ACLs read in us-east-1, where AWS keeps them)',
  },
];
