// Runs every analyser over the estate and merges their facts per asset (see controls/LANGUAGE.md, facts table).
import type { Estate } from '../engine/estate';

export interface AnalyserOptions {
  now?: Date;
}

/** Asset.id -> facts computed by the analysers (only assets that got at least one fact). */
export async function runAnalysers(
  _estate: Estate,
  _options: AnalyserOptions = {},
): Promise<Map<string, Record<string, unknown>>> {
  return new Map();
}
