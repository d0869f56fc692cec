// Tags read by a per-resource detail call (CATALOG.md rule 5): AWS's answer under `config.Tags`, the plain map in
// `Asset.tags`, or the call's error code in `readErrors.Tags` (rule 3) with `tags` left empty.
import type { Asset } from '../store/model';
import { type DetailResult, mergeDetail } from './read';

export const TAGS_KEY = 'Tags';

/** Merges a tag call's outcome; `toMap` turns AWS's tag member (list or map) into `Asset.tags`. */
export function mergeTags<T>(
  asset: Pick<Asset, 'config' | 'readErrors' | 'tags'>,
  outcome: DetailResult<T> | undefined,
  toMap: (value: T) => Record<string, string>,
): void {
  if (outcome === undefined) return;
  mergeDetail(asset, TAGS_KEY, outcome);
  if (outcome.ok) asset.tags = toMap(outcome.value);
}

/** A tag map as AWS returns it (Lambda, CloudWatch Logs), with non-string values kept as strings. */
export function tagsFromMap(tags: Record<string, string | undefined> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(tags ?? {})) out[key] = value ?? '';
  return out;
}
