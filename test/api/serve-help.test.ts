// `serve --help` is the one place an operator learns the environment: every variable the server's code reads
// must be listed there. The code is searched, so a new variable without a help line fails here.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { SERVE_USAGE } from '../../api/cli/serve';

const ROOT = path.join(__dirname, '../..');
// What `serve` loads; onboarding/app.ts is the `cdktf synth` entry point, with its own variables.
const SERVED = ['api', 'collector', 'evaluator', 'store', 'demo', 'controls', 'onboarding'];
const NOT_SERVED = new Set([path.join('onboarding', 'app.ts')]);

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir)).flatMap((name) => {
    const relative = path.join(dir, name);
    if (statSync(path.join(ROOT, relative)).isDirectory()) return sourceFiles(relative);
    return relative.endsWith('.ts') && !NOT_SERVED.has(relative) ? [relative] : [];
  });
}

/** Names read as `env.X`, `env?.X`, `process.env.X` or `env['X']`. */
export function environmentReads(source: string): string[] {
  const names = new Set<string>();
  for (const match of source.matchAll(/\benv\??\.([A-Z][A-Z0-9_]*)\b|\benv\[['"]([A-Z][A-Z0-9_]*)['"]\]/g))
    names.add(match[1] ?? match[2]);
  return [...names];
}

describe('serve --help', () => {
  const reads = new Map<string, string>();
  for (const file of SERVED.flatMap(sourceFiles))
    for (const name of environmentReads(readFileSync(path.join(ROOT, file), 'utf8')))
      if (!reads.has(name)) reads.set(name, file);

  test('the search finds the variables known to be read (so an empty search cannot pass)', () => {
    expect(
      environmentReads("const a = env.CLOUDWARD_X; b = process.env['PORT']; c = env?.REDIS_URL;"),
    ).toEqual(['CLOUDWARD_X', 'PORT', 'REDIS_URL']);
    for (const name of ['CLOUDWARD_TRUSTED_PRINCIPAL', 'CLOUDWARD_TEMPLATE_URL', 'DATABASE_URL', 'REDIS_URL'])
      expect(reads.has(name)).toBe(true);
  });

  test('lists every CLOUDWARD_* and non-AWS variable the server code reads', () => {
    const missing = [...reads]
      // AWS_* are the SDK's own, covered by the help's AWS_PROFILE/AWS_REGION/AWS_ENDPOINT_URL line.
      .filter(([name]) => !name.startsWith('AWS_'))
      .filter(([name]) => !new RegExp(`^\\s+${name}\\s`, 'm').test(SERVE_USAGE))
      .map(([name, file]) => `${name} (read in ${file})`);
    expect(missing).toEqual([]);
    expect(SERVE_USAGE).toMatch(/^\s+AWS_PROFILE, AWS_REGION, AWS_ENDPOINT_URL/m);
  });
});
