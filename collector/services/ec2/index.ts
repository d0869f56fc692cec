// EC2/VPC collector module: compute, network and EBS settings of one region.
import type { CollectorModule } from '../../types';
import { collectEc2 } from './collect';
import { ec2Operations, ec2ResourceTypes } from './declarations';

export const ec2Collector: CollectorModule = {
  service: 'ec2',
  scope: 'regional',
  resourceTypes: ec2ResourceTypes,
  operations: ec2Operations,
  collect: collectEc2,
};
