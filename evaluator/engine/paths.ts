// Dotted paths (`config.Rules.0.X`, `config.Attributes[KmsMasterKeyId]`, `$.config.VpcId`) parsed once at load.

export interface ParsedPath {
  /** `$.`: read from the evaluated asset, not the current value (list element or related asset). */
  fromRoot: boolean;
  segments: string[];
  /** How the path is written in evidence (without `$.`). */
  label: string;
}

export class PathSyntaxError extends Error {}

export function parsePath(text: string): ParsedPath {
  if (typeof text !== 'string' || text.trim() === '')
    throw new PathSyntaxError('path must be a non-empty string');
  let rest = text.trim();
  let fromRoot = false;
  if (rest === '$') return { fromRoot: true, segments: [], label: '' };
  if (rest.startsWith('$.')) {
    fromRoot = true;
    rest = rest.slice(2);
  }
  if (rest === '.') return { fromRoot, segments: [], label: '' };
  const segments: string[] = [];
  let index = 0;
  let current = '';
  while (index < rest.length) {
    const char = rest[index];
    if (char === '.') {
      if (current === '') throw new PathSyntaxError(`empty segment in path "${text}"`);
      segments.push(current);
      current = '';
      index++;
    } else if (char === '[') {
      const close = rest.indexOf(']', index);
      if (close < 0) throw new PathSyntaxError(`unclosed "[" in path "${text}"`);
      if (current !== '') segments.push(current);
      const key = rest.slice(index + 1, close);
      if (key === '') throw new PathSyntaxError(`empty [] in path "${text}"`);
      segments.push(key);
      current = '';
      index = close + 1;
      if (index < rest.length && rest[index] !== '.' && rest[index] !== '[') {
        throw new PathSyntaxError(`expected "." or "[" after "]" in path "${text}"`);
      }
      if (rest[index] === '.') {
        index++;
        if (index >= rest.length) throw new PathSyntaxError(`path "${text}" ends with "."`);
      }
    } else {
      current += char;
      index++;
    }
  }
  if (current !== '') segments.push(current);
  if (segments.length === 0) throw new PathSyntaxError(`empty path "${text}"`);
  return { fromRoot, segments, label: formatSegments(segments) };
}

/** `config.IpPermissions[0].IpRanges` style: numeric segments in brackets, keys with dots in brackets. */
export function formatSegments(segments: string[]): string {
  let out = '';
  for (const segment of segments) {
    if (/^\d+$/.test(segment) || segment.includes('.') || segment.includes(' ')) out += `[${segment}]`;
    else out += out === '' ? segment : `.${segment}`;
  }
  return out;
}

export function joinLabel(prefix: string, label: string): string {
  if (prefix === '') return label;
  if (label === '') return prefix;
  return label.startsWith('[') ? prefix + label : `${prefix}.${label}`;
}

/** Reads a value; `undefined` when any step is missing. Numeric segments index arrays. */
export function readSegments(value: unknown, segments: string[]): unknown {
  let current = value;
  for (const segment of segments) {
    if (current === null || current === undefined || typeof current !== 'object') return undefined;
    if (Array.isArray(current)) {
      if (!/^\d+$/.test(segment)) return undefined;
      current = current[Number(segment)];
    } else {
      current = (current as Record<string, unknown>)[segment];
    }
  }
  return current;
}
