import type { OperationDeclaration, ResourceTypeDeclaration } from '../../types';

export const cloudtrailOperations: OperationDeclaration[] = [
  { api: 'CloudTrail.DescribeTrails', actions: ['cloudtrail:DescribeTrails'] },
  { api: 'CloudTrail.GetTrailStatus', actions: ['cloudtrail:GetTrailStatus'] },
  { api: 'CloudTrail.GetEventSelectors', actions: ['cloudtrail:GetEventSelectors'] },
  { api: 'CloudTrail.ListTags', actions: ['cloudtrail:ListTags'] },
];

export const cloudtrailResourceTypes: ResourceTypeDeclaration[] = [
  {
    type: 'aws_cloudtrail_trail',
    class: 'Logs',
    listOperation: 'CloudTrail.DescribeTrails',
    detailOperations: ['CloudTrail.GetTrailStatus', 'CloudTrail.GetEventSelectors', 'CloudTrail.ListTags'],
    idSource: 'Trail.TrailARN (trails whose HomeRegion is the region read)',
  },
];
