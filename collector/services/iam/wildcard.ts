// IAM wildcard matching: `*` is any run of characters (including none and `:`/`/`), `?` is one character.
// Everything else is literal. Actions compare case-insensitively, resource ARNs case-sensitively, as IAM does.

export interface WildcardOptions {
  ignoreCase?: boolean;
}

export function wildcardMatches(pattern: string, value: string, options: WildcardOptions = {}): boolean {
  const escaped = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`, options.ignoreCase ? 'is' : 's').test(value);
}

export function matchesAny(patterns: string[], value: string, options: WildcardOptions = {}): boolean {
  return patterns.some((pattern) => wildcardMatches(pattern, value, options));
}
