// GuardDuty (regional): detectors and their status, features and data sources.
import { GetDetectorCommand, GuardDutyClient, paginateListDetectors } from '@aws-sdk/client-guardduty';
import type { Asset } from '../../../store/model';
import type { CollectContext, CollectorModule } from '../../types';
import { errorCode } from '../../errors';
import { type OutputOutcome, mergeDetails, readOutput, whereOf } from '../../read';
import { type Where, makeAsset } from '../../shape';

export const guarddutyCollector: CollectorModule = {
  service: 'guardduty',
  scope: 'regional',
  resourceTypes: [
    {
      type: 'aws_guardduty_detector',
      class: 'Detector',
      listOperation: 'GuardDuty.ListDetectors',
      detailOperations: ['GuardDuty.GetDetector'],
      idSource: 'synthetic: arn:{partition}:guardduty:{region}:{account}:detector/{DetectorId}',
    },
  ],
  operations: [
    { api: 'GuardDuty.ListDetectors', actions: ['guardduty:ListDetectors'] },
    { api: 'GuardDuty.GetDetector', actions: ['guardduty:GetDetector'] },
  ],
  collect: collectGuardDuty,
};

/** Example: "12abc" + GetDetector {Status: "ENABLED", ...} -> config {DetectorId: "12abc", Detector: {Status, ...}}. */
export function detectorAsset(
  scope: Where,
  partition: string,
  detectorId: string,
  detector: OutputOutcome,
): Asset {
  const merged = mergeDetails({ DetectorId: detectorId }, { Detector: detector });
  const tags = detector.ok && detector.value?.Tags ? (detector.value.Tags as Record<string, string>) : {};
  return makeAsset(scope, {
    id: `arn:${partition}:guardduty:${scope.region}:${scope.accountId}:detector/${detectorId}`,
    type: 'aws_guardduty_detector',
    class: 'Detector',
    name: detectorId,
    tags: { ...tags },
    config: merged.config,
    readErrors: merged.readErrors,
  });
}

/**
 * Stand-in for the detectors of a region whose ListDetectors failed: it carries the error, so "GuardDuty is enabled
 * in this region" and the feature controls say `error` (not read) instead of `fail` (no detector).
 */
export function unreadDetectorsAsset(scope: Where, partition: string, code: string): Asset {
  return makeAsset(scope, {
    id: `arn:${partition}:guardduty:${scope.region}:${scope.accountId}:detector/*`,
    type: 'aws_guardduty_detector',
    class: 'Detector',
    name: 'detectors (not read)',
    config: { DetectorId: null, Detector: null },
    readErrors: { Detector: code },
  });
}

async function collectGuardDuty(ctx: CollectContext): Promise<void> {
  const client = ctx.client(GuardDutyClient);
  const scope = whereOf(ctx, guarddutyCollector.service);
  try {
    for await (const page of paginateListDetectors({ client, pageSize: 50 }, {})) {
      const reads = await ctx.mapLimit(page.DetectorIds ?? [], async (detectorId) => ({
        detectorId,
        detector: await readOutput(() => client.send(new GetDetectorCommand({ DetectorId: detectorId }))),
      }));
      await ctx.emit({
        assets: reads.map((read) => detectorAsset(scope, ctx.partition, read.detectorId, read.detector)),
      });
    }
  } catch (error) {
    await ctx.emit({ assets: [unreadDetectorsAsset(scope, ctx.partition, errorCode(error))] });
    throw error;
  }
}
