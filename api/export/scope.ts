// --resource-tags / --resource-arn: a CI job that owns a few resources sees only their findings. The whole account
// is still collected and evaluated (analysers need the neighbours: a security group's exposure depends on the
// route tables around it); only the results and assets in the report are narrowed.
import type { EvalAsset } from '../../evaluator';
import type { ScanScope } from './model';

export class ScopeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScopeError';
  }
}

/** `key=value[,key=value]` (repeatable): the split is on the first `=`, so a value may contain `=`. */
export function parseResourceTags(values: string[]): Record<string, string> | undefined {
  if (!values.length) return undefined;
  const tags: Record<string, string> = {};
  for (const pair of values) {
    const equals = pair.indexOf('=');
    if (equals <= 0)
      throw new ScopeError(`--resource-tags wants key=value pairs, got "${pair}" (e.g. Team=payments)`);
    const key = pair.slice(0, equals).trim();
    const value = pair.slice(equals + 1).trim();
    if (Object.hasOwn(tags, key) && tags[key] !== value)
      throw new ScopeError(`--resource-tags names the tag "${key}" twice with different values`);
    tags[key] = value;
  }
  return tags;
}

export function parseResourceArns(values: string[]): string[] | undefined {
  if (!values.length) return undefined;
  for (const arn of values) {
    if (!/^arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:[^:]*:.+/.test(arn))
      throw new ScopeError(`--resource-arn wants ARNs (arn:aws:s3:::my-bucket), got "${arn}"`);
  }
  return [...new Set(values)];
}

/** An asset is in scope when it has every tag given (same value) and, with --resource-arn, one of the ARNs. */
export function inScope(asset: Pick<EvalAsset, 'id' | 'tags'>, scope: ScanScope): boolean {
  if (scope.resourceArns && !scope.resourceArns.includes(asset.id)) return false;
  if (scope.resourceTags) {
    for (const [key, value] of Object.entries(scope.resourceTags)) {
      if (!Object.hasOwn(asset.tags ?? {}, key) || asset.tags[key] !== value) return false;
    }
  }
  return true;
}

/** The assets a scope keeps, and their ids (undefined when there is no scope: everything is kept). */
export function scopedAssets<A extends Pick<EvalAsset, 'id' | 'tags'>>(
  assets: A[],
  scope: ScanScope | undefined,
): { assets: A[]; ids?: Set<string> } {
  if (!scope || (!scope.resourceArns && !scope.resourceTags)) return { assets };
  const kept = assets.filter((asset) => inScope(asset, scope));
  return { assets: kept, ids: new Set(kept.map((asset) => asset.id)) };
}
