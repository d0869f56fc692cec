// Load balancer collector module: ELBv2 (application/network/gateway) and classic ELB of one region.
import type { CollectorModule } from '../../types';
import { collectElb } from './collect';
import { elbOperations, elbResourceTypes } from './declarations';

export const elbCollector: CollectorModule = {
  service: 'elb',
  scope: 'regional',
  resourceTypes: elbResourceTypes,
  operations: elbOperations,
  collect: collectElb,
};
