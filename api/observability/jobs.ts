// The job runner's log lines and metrics: every sync attempt logs its start and its end (outcome, duration, what it
// read), every evaluation its duration and counts, and both feed the /metrics counters. Wraps the integrations'
// runSync/runEvaluation, so the job handlers (api/jobs/) stay as they are.
import type { Integrations } from '../integrations';
import type { RunEvaluation, RunSync } from '../jobs/account-jobs';
import { errorFields, type AppLogger } from './logger';
import type { Metrics } from './metrics';

export interface JobObservability {
  logger: AppLogger;
  metrics?: Metrics;
}

const seconds = (startedAt: bigint) => Number(process.hrtime.bigint() - startedAt) / 1e9;
const milliseconds = (value: number) => Math.round(value * 1000);

export function observeSyncs(runSync: RunSync, { logger, metrics }: JobObservability): RunSync {
  return async (store, account, sync, onProgress) => {
    const fields = { accountId: account.id, syncId: sync.id, trigger: sync.trigger };
    const startedAt = process.hrtime.bigint();
    logger.info('sync started', { ...fields, regions: account.regions.length });
    let outcome;
    try {
      outcome = await runSync(store, account, sync, onProgress);
    } catch (error) {
      const duration = seconds(startedAt);
      metrics?.syncs.inc({ outcome: 'failed' });
      metrics?.syncDuration.observe({ outcome: 'failed' }, duration);
      logger.error('sync failed', { ...fields, durationMs: milliseconds(duration), ...errorFields(error) });
      throw error;
    }
    const duration = seconds(startedAt);
    metrics?.syncs.inc({ outcome });
    metrics?.syncDuration.observe({ outcome }, duration);
    // What the sync read, from the per-service results it recorded.
    const services = (await store.getSync(sync.id).catch(() => null))?.services ?? [];
    const counts = {
      services: services.length,
      servicesFailed: services.filter((service) => service.status === 'failed').length,
      assets: services.reduce((sum, service) => sum + service.assetCount, 0),
      awsCalls: services.reduce(
        (sum, service) => sum + Object.values(service.calls).reduce((a, b) => a + b, 0),
        0,
      ),
      throttles: services.reduce((sum, service) => sum + service.throttles, 0),
    };
    const level = outcome === 'failed' ? 'error' : outcome === 'partial' ? 'warn' : 'info';
    logger[level]('sync finished', { ...fields, outcome, durationMs: milliseconds(duration), ...counts });
    return outcome;
  };
}

export function observeEvaluations(
  runEvaluation: RunEvaluation,
  { logger, metrics }: JobObservability,
): RunEvaluation {
  return async (store, accountId, options) => {
    const startedAt = process.hrtime.bigint();
    try {
      const result = await runEvaluation(store, accountId, options);
      const duration = seconds(startedAt);
      metrics?.evaluations.inc({ outcome: 'succeeded' });
      metrics?.evaluationDuration.observe({ outcome: 'succeeded' }, duration);
      logger.info('evaluation finished', {
        accountId,
        durationMs: milliseconds(duration),
        ...evaluationCounts(result),
      });
      return result;
    } catch (error) {
      const duration = seconds(startedAt);
      metrics?.evaluations.inc({ outcome: 'failed' });
      metrics?.evaluationDuration.observe({ outcome: 'failed' }, duration);
      logger.error('evaluation failed', {
        accountId,
        durationMs: milliseconds(duration),
        ...errorFields(error),
      });
      throw error;
    }
  };
}

/** Assets and results of an evaluator/ AccountEvaluation; nothing for another integration's result. */
function evaluationCounts(result: unknown): Record<string, unknown> {
  if (!result || typeof result !== 'object') return {};
  const { assets, results, skipped } = result as { assets?: unknown; results?: unknown; skipped?: unknown };
  return {
    ...(typeof assets === 'number' ? { assets } : {}),
    ...(typeof results === 'number' ? { results } : {}),
    ...(typeof skipped === 'boolean' ? { skipped } : {}),
  };
}

/** The integrations with their sync and evaluation observed. */
export function observeIntegrations(
  integrations: Integrations,
  observability: JobObservability,
): Integrations {
  return {
    ...integrations,
    runSync: observeSyncs(integrations.runSync, observability),
    runEvaluation: observeEvaluations(integrations.runEvaluation, observability),
  };
}
