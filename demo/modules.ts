// The collector modules the demo reads with: the registry, plus service modules that exist but are not yet in
// the registry (so the demo shows CloudTrail, Config, KMS and CIS section 5 monitoring). Once the collector
// registers them, the registry copy is used and nothing is read twice.
import { collectorModules } from '../collector/registry';
import { cloudtrailCollector } from '../collector/services/cloudtrail';
import { cloudwatchCollector } from '../collector/services/cloudwatch';
import { configCollector } from '../collector/services/config';
import { kmsCollector } from '../collector/services/kms';
import { logsCollector } from '../collector/services/logs';
import { snsCollector } from '../collector/services/sns';
import type { CollectorModule } from '../collector/types';

const NOT_YET_REGISTERED: CollectorModule[] = [
  kmsCollector,
  cloudtrailCollector,
  logsCollector,
  snsCollector,
  cloudwatchCollector,
  configCollector,
];

export function demoModules(registry: CollectorModule[] = collectorModules): CollectorModule[] {
  const registered = new Set(registry.map((module) => module.service));
  return [...registry, ...NOT_YET_REGISTERED.filter((module) => !registered.has(module.service))];
}
