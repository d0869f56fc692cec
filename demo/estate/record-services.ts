// Records every regional service beyond EC2 and load balancing for one demo region.
import type { Recording } from '../recording';
import type { EstateContext } from './profile';
import { recordDataServices } from './record-data-services';
import { recordCertificates } from './record-certificates';
import { recordMessaging } from './record-messaging';
import { recordMonitoring } from './record-monitoring';
import { recordSecrets } from './record-secrets';
import { recordTables } from './record-tables';
import { recordWorkloads } from './record-workloads';
import { recordWorkflows } from './record-workflows';
import { regionNetwork } from './network';

export function recordServices(
  recording: Recording,
  ctx: EstateContext,
  region: string,
  regionIndex: number,
): void {
  recordWorkloads(recording, ctx, regionNetwork(ctx, region, regionIndex), regionIndex);
  recordMonitoring(recording, ctx, region, regionIndex);
  recordMessaging(recording, ctx, region, regionIndex);
  recordSecrets(recording, ctx, region, regionIndex);
  recordTables(recording, ctx, region, regionIndex);
  recordDataServices(recording, ctx, region, regionIndex);
  recordCertificates(recording, ctx, region, regionIndex);
  recordWorkflows(recording, ctx, regionNetwork(ctx, region, regionIndex), regionIndex);
}
