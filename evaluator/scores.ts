// Compliance scores: passed / evaluated, where evaluated = pass + fail (not_applicable and error are left out).
import type { ControlResultCount } from '../store/store';
import type { EvaluationResult } from '../store/model';
import type { Framework, FrameworkRequirement } from './types';

export interface Tally {
  pass: number;
  fail: number;
  notApplicable: number;
  error: number;
}

export interface Score extends Tally {
  passed: number;
  evaluated: number;
  /** passed / evaluated, or null when nothing was evaluated. */
  score: number | null;
}

export interface RequirementScore extends Score {
  id: string;
  title: string;
  section?: string;
  assessment: FrameworkRequirement['assessment'];
  controls: string[];
}

/** A section's score counts each control of its requirements, and of its sub-sections', once. */
export interface SectionScore extends Score {
  id: string;
  title: string;
  /** The enclosing section ("2" for "2.1", "GV" for "GV.OC"), or null at the top of the tree. */
  parent: string | null;
  /** Requirements in this section and its sub-sections, and how many of them are manual. */
  requirements: number;
  manual: number;
}

export interface FrameworkScore extends Score {
  id: string;
  requirements: RequirementScore[];
  sections: SectionScore[];
}

const empty = (): Tally => ({ pass: 0, fail: 0, notApplicable: 0, error: 0 });

function toScore(tally: Tally): Score {
  const evaluated = tally.pass + tally.fail;
  return { ...tally, passed: tally.pass, evaluated, score: evaluated === 0 ? null : tally.pass / evaluated };
}

function add(into: Tally, from: Tally | undefined): void {
  if (!from) return;
  into.pass += from.pass;
  into.fail += from.fail;
  into.notApplicable += from.notApplicable;
  into.error += from.error;
}

/** Per-control tallies from a list of results (same shape as Store.resultCounts). */
export function countResults(results: Pick<EvaluationResult, 'controlId' | 'status'>[]): Map<string, Tally> {
  const counts = new Map<string, Tally>();
  for (const result of results) countResult(counts, result);
  return counts;
}

/** Adds one result to per-control tallies (for results that arrive one at a time). */
export function countResult(
  counts: Map<string, Tally>,
  result: Pick<EvaluationResult, 'controlId' | 'status'>,
): void {
  let tally = counts.get(result.controlId);
  if (!tally) counts.set(result.controlId, (tally = empty()));
  if (result.status === 'pass') tally.pass++;
  else if (result.status === 'fail') tally.fail++;
  else if (result.status === 'not_applicable') tally.notApplicable++;
  else tally.error++;
}

export function countsFromStore(rows: ControlResultCount[]): Map<string, Tally> {
  return new Map(
    rows.map((row) => [
      row.controlId,
      { pass: row.pass, fail: row.fail, notApplicable: row.notApplicable, error: row.error },
    ]),
  );
}

/** The closest other section whose id prefixes this one's at a dot: "2" for "2.1", "GV" for "GV.OC". */
export function parentSection(id: string, sectionIds: string[]): string | null {
  let parent: string | null = null;
  for (const candidate of sectionIds) {
    if (candidate !== id && id.startsWith(`${candidate}.`) && candidate.length > (parent?.length ?? -1)) {
      parent = candidate;
    }
  }
  return parent;
}

function scoreSections(framework: Framework, counts: Map<string, Tally>): SectionScore[] {
  const ids = framework.sections.map((section) => section.id);
  const parents = new Map(ids.map((id) => [id, parentSection(id, ids)]));
  const within = (section: string | undefined, ancestor: string): boolean => {
    for (let at: string | null | undefined = section; at; at = parents.get(at))
      if (at === ancestor) return true;
    return false;
  };
  return framework.sections.map((section) => {
    const requirements = framework.requirements.filter((requirement) =>
      within(requirement.section, section.id),
    );
    const tally = empty();
    for (const controlId of new Set(requirements.flatMap((requirement) => requirement.controls))) {
      add(tally, counts.get(controlId));
    }
    return {
      id: section.id,
      title: section.title,
      parent: parents.get(section.id) ?? null,
      requirements: requirements.length,
      manual: requirements.filter((requirement) => requirement.assessment === 'manual').length,
      ...toScore(tally),
    };
  });
}

/**
 * A framework's score counts each of its controls once; a section's, each control of the requirements under it
 * once; a requirement's counts all of its controls.
 */
export function scoreFramework(framework: Framework, counts: Map<string, Tally>): FrameworkScore {
  const total = empty();
  const seen = new Set<string>();
  const requirements = framework.requirements.map((requirement) => {
    const tally = empty();
    for (const controlId of requirement.controls) {
      add(tally, counts.get(controlId));
      if (!seen.has(controlId)) {
        seen.add(controlId);
        add(total, counts.get(controlId));
      }
    }
    return {
      id: requirement.id,
      title: requirement.title,
      section: requirement.section,
      assessment: requirement.assessment,
      controls: requirement.controls,
      ...toScore(tally),
    };
  });
  return { id: framework.id, ...toScore(total), requirements, sections: scoreSections(framework, counts) };
}

/** framework id -> { passed, evaluated } as Store.recordScoreSnapshot takes it. */
export function scoreSnapshot(
  frameworks: Framework[],
  counts: Map<string, Tally>,
): Record<string, { passed: number; evaluated: number }> {
  const snapshot: Record<string, { passed: number; evaluated: number }> = {};
  for (const framework of frameworks) {
    const { passed, evaluated } = scoreFramework(framework, counts);
    snapshot[framework.id] = { passed, evaluated };
  }
  return snapshot;
}
