// Fingerprint of an evaluation's input: if it matches the last one, re-running analysers and controls would
// produce the same results, so evaluateAccount can skip them. Built incrementally (one hash, fed per asset).
import type { UnreadType } from './engine/estate';
import { createHash, type Hash } from 'node:crypto';
import type { Relationship } from '../store/model';
import type { ControlSet, EvalAsset } from './types';

/** JSON with object keys sorted, so equal values always hash equally whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
}

/** Identity of the control set: ids plus a hash of every definition and framework (compiled closures left out). */
export function controlSetIdentity(set: ControlSet): string {
  const hash = createHash('sha256');
  for (const control of [...set.controls].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const { compiled: _compiled, file: _file, ...definition } = control;
    hash.update(canonicalJson(definition)).update('\n');
  }
  for (const framework of [...set.frameworks].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const { file: _file, ...definition } = framework;
    hash.update(canonicalJson(definition)).update('\n');
  }
  return `${set.controls.map((control) => control.id).join(',')}#${hash.digest('hex')}`;
}

export class EvaluationFingerprint {
  private readonly hash: Hash = createHash('sha256');

  /**
   * `day` (UTC date) is part of the input: controls may compare ages against the evaluation time, so an
   * unchanged estate is re-evaluated at least once a day.
   */
  constructor(controls: ControlSet, day: string) {
    this.hash.update(`controls:${controlSetIdentity(controls)}\nday:${day}\n`);
  }

  /**
   * Assets must arrive in a stable order (streamAssets orders by id). The account id is input too: analysers
   * compare it with the account ids in ARNs (and a fingerprint stored when the evaluator was handed another id
   * must not let a run be skipped).
   */
  addAsset(asset: EvalAsset): void {
    this.hash
      .update('asset:')
      .update(
        canonicalJson([
          asset.accountId,
          asset.id,
          asset.type,
          asset.region,
          // Reasons and evidence name the asset, so a rename is a change.
          asset.name,
          asset.config,
          asset.tags,
          asset.readErrors ?? null,
        ]),
      )
      .update('\n');
  }

  addRelationships(relationships: Relationship[]): void {
    const lines = relationships.map((edge) =>
      canonicalJson([edge.fromId, edge.verb, edge.toId, edge.service, edge.region, edge.properties ?? null]),
    );
    // Sorted here so the store's row order can never make equal sets differ.
    lines.sort();
    for (const line of lines) this.hash.update('edge:').update(line).update('\n');
  }

  /** Types a sync could not list change verdicts (aggregates over them say error), so they are input too. */
  addUnreadTypes(unread: readonly UnreadType[]): void {
    const lines = unread.map((entry) =>
      canonicalJson([entry.accountId, entry.type, entry.region, entry.code]),
    );
    lines.sort();
    for (const line of lines) this.hash.update('unread:').update(line).update('\n');
  }

  digest(): string {
    return this.hash.digest('hex');
  }
}

/** The parts that identify one finding across runs: the same control on the same resource in the same place. */
export interface FindingIdentity {
  controlId: string;
  /** ARN, or the synthetic id of collector/CATALOG.md. */
  resourceArn: string;
  accountId: string;
  region: string;
}

/**
 * Stable per-finding fingerprint (hex sha256 of the identity): equal across runs, versions and report formats
 * as long as the control id and resource id stay, whatever the verdict's wording. `scan --baseline` matches on it.
 */
export function findingFingerprint(finding: FindingIdentity): string {
  return createHash('sha256')
    .update(canonicalJson([finding.controlId, finding.resourceArn, finding.accountId, finding.region]))
    .digest('hex');
}
