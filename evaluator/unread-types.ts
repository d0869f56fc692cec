// Which resource types a sync could not list, from its unit results: what an `assets:` aggregate must not read as
// "there are none" (see evaluateEstate's `unreadTypes` and docs/evaluator.md).
import type { SyncServiceResult } from '../store/model';
import type { UnreadType } from './engine/estate';

/** The part of a collector module's declaration this needs (the evaluator does not import the collector). */
export interface DeclaredTypes {
  service: string;
  resourceTypes: { type: string }[];
}

/**
 * Every declared type a failed unit did not read completely, in that unit's region (`global` for global modules).
 * A unit that succeeded, or a type it read completely, adds nothing: an empty list there is AWS's answer.
 */
export function unreadTypesOf(
  accountId: string,
  services: readonly SyncServiceResult[],
  modules: readonly DeclaredTypes[],
): UnreadType[] {
  const declared = new Map(modules.map((module) => [module.service, module.resourceTypes]));
  const unread: UnreadType[] = [];
  for (const result of services) {
    if (result.status !== 'failed') continue;
    const complete = new Set(result.completeTypes);
    for (const { type } of declared.get(result.service) ?? []) {
      if (!complete.has(type))
        unread.push({ accountId, type, region: result.region, code: result.errorCode ?? 'Error' });
    }
  }
  return unread;
}
