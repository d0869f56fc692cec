// The process-wide control set (built-ins + CLOUDWARD_CONTROLS_DIR), loaded once on first use.
import type { ControlSet } from '../types';
import { loadControls } from './loader';

let cached: ControlSet | undefined;

/** Loads on first call (throws ControlLoadError with `<file>: <reason>` lines); later calls reuse it. */
export function defaultControlSet(): ControlSet {
  cached ??= loadControls();
  return cached;
}

/** Forgets the cached set (tests, or after custom controls changed). */
export function resetDefaultControlSet(): void {
  cached = undefined;
}

/** Control ids of a framework, or of one requirement in it; null when either is unknown. */
export function resolveControlIdsIn(
  set: ControlSet,
  frameworkId: string,
  requirementId?: string,
): string[] | null {
  const framework = set.frameworks.find((candidate) => candidate.id === frameworkId);
  if (!framework) return null;
  if (requirementId === undefined)
    return [...new Set(framework.requirements.flatMap((requirement) => requirement.controls))];
  const requirement = framework.requirements.find((candidate) => candidate.id === requirementId);
  return requirement ? [...requirement.controls] : null;
}
