// Stand-ins until the collector and evaluator are wired in by the integrator (see api/integrations.ts).
// They fail loudly and permanently, so a sync is recorded as failed with a clear reason instead of retrying.
import { PermanentJobError } from './queue';
import type { RunEvaluation, RunSync } from './account-jobs';

export const syncNotAvailable: RunSync = async () => {
  throw new PermanentJobError(
    'sync is not available: the collector (syncAccount) is not wired into api/integrations.ts',
  );
};

export const evaluationNotAvailable: RunEvaluation = async () => {
  throw new PermanentJobError(
    'evaluation is not available: the evaluator (evaluateAccount) is not wired into api/integrations.ts',
  );
};
