// Parsed control and framework YAML kept beside the build (dist/controls-cache.json), keyed by each file's content
// hash. Parsing the ~250 built-in files took ~0.6 s of every scan's and server's start (the YAML parser, not the
// validation); JSON of the same values parses in a few milliseconds. A file whose text is not in the cache (edited
// since the build, a custom control) is parsed as YAML, so the cache can be stale or missing without changing what
// is loaded.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const CACHE_VERSION = 1;

/** Parsed values by the SHA-256 of the file's text. */
export type YamlCache = Map<string, unknown>;

/** dist/controls-cache.json when running from the build; from source it is <repo>/controls-cache.json (absent). */
export function defaultYamlCachePath(): string {
  return path.resolve(__dirname, '..', '..', 'controls-cache.json');
}

export function textHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The cache at `file`, or undefined when there is none or it is unreadable (then every file is parsed). */
export function readYamlCache(file = defaultYamlCachePath()): YamlCache | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as {
      version?: unknown;
      entries?: Record<string, unknown>;
    };
    if (parsed.version !== CACHE_VERSION || typeof parsed.entries !== 'object' || parsed.entries === null)
      return undefined;
    return new Map(Object.entries(parsed.entries));
  } catch {
    return undefined;
  }
}

/** Writes the cache of every given file's parsed value (`parse` returns undefined for a file it cannot parse). */
export function writeYamlCache(
  files: string[],
  parse: (text: string) => unknown,
  out = defaultYamlCachePath(),
): number {
  const entries: Record<string, unknown> = {};
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const value = parse(text);
    if (value !== undefined) entries[textHash(text)] = value;
  }
  writeFileSync(out, JSON.stringify({ version: CACHE_VERSION, entries }));
  return Object.keys(entries).length;
}
