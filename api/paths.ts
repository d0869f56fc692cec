// Locations relative to the repository root, valid both from TypeScript sources (jest) and from dist/ (build).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

function findRoot(): string {
  let dir = __dirname;
  for (let i = 0; i < 5; i++) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    dir = path.dirname(dir);
  }
  return process.cwd();
}

export const REPOSITORY_ROOT = findRoot();

export function packageVersion(): string {
  try {
    return (
      (JSON.parse(readFileSync(path.join(REPOSITORY_ROOT, 'package.json'), 'utf8')) as { version?: string })
        .version ?? '0.0.0'
    );
  } catch {
    return '0.0.0';
  }
}

export const DEFAULT_WEB_DIR = path.join(REPOSITORY_ROOT, 'web', 'dist');
