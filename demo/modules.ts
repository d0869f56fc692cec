// The collector modules the demo reads with: exactly the registry (the same code path as a real sync), so a module
// added to the registry is read from the recordings too (an unrecorded call shows up in `replayMisses`).
import { allCollectorModules } from '../collector/registry';
import type { CollectorModule } from '../collector/types';

export function demoModules(registry: CollectorModule[] = allCollectorModules()): CollectorModule[] {
  return registry;
}
