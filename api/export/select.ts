// Which controls a scan runs: `--frameworks`, `--controls` and `--severity` narrow the loaded set; each filter
// given must match something, so a typo fails loudly instead of scanning nothing.
import type { ControlSet, Framework, LoadedControl } from '../../evaluator';
import { SEVERITIES, type Severity } from '../../store/model';

export class SelectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SelectionError';
  }
}

export interface ControlSelection {
  frameworks?: string[];
  controls?: string[];
  severities?: string[];
}

export interface SelectedControls {
  controls: LoadedControl[];
  /** Frameworks reported in the summary: the chosen ones, else every loaded framework. */
  frameworks: Framework[];
  /** True when the run covers each reported framework completely (scores are comparable with `serve`'s). */
  complete: boolean;
}

function listKnown(ids: string[], limit = 8): string {
  return ids.length > limit ? `${ids.slice(0, limit).join(', ')}, ...` : ids.join(', ') || 'none';
}

export function parseSeverities(values: string[]): Severity[] {
  for (const value of values) {
    if (!(SEVERITIES as string[]).includes(value))
      throw new SelectionError(`unknown severity "${value}" (severities: ${SEVERITIES.join(', ')})`);
  }
  return values as Severity[];
}

export function selectControls(set: ControlSet, selection: ControlSelection): SelectedControls {
  let controls = set.controls;
  let frameworks = set.frameworks;
  if (selection.frameworks?.length) {
    const chosen: Framework[] = [];
    for (const id of selection.frameworks) {
      const framework = set.frameworks.find((candidate) => candidate.id === id);
      if (!framework)
        throw new SelectionError(
          `unknown framework "${id}" (frameworks: ${listKnown(
            set.frameworks.map((f) => f.id),
            20,
          )})`,
        );
      chosen.push(framework);
    }
    frameworks = chosen;
    const mapped = new Set(chosen.flatMap((f) => f.requirements.flatMap((r) => r.controls)));
    controls = controls.filter((control) => mapped.has(control.id));
  }
  if (selection.controls?.length) {
    const known = new Set(set.controls.map((control) => control.id));
    for (const id of selection.controls) {
      if (!known.has(id)) throw new SelectionError(`unknown control "${id}" (see cloudward controls list)`);
    }
    const wanted = new Set(selection.controls);
    controls = controls.filter((control) => wanted.has(control.id));
  }
  if (selection.severities?.length) {
    const wanted = new Set(parseSeverities(selection.severities));
    controls = controls.filter((control) => wanted.has(control.severity));
  }
  if (controls.length === 0) throw new SelectionError('no control matches the chosen filters');
  const complete = !selection.controls?.length && !selection.severities?.length;
  return { controls, frameworks, complete };
}
