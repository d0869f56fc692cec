// Runs `cloudward scan --demo` through the CLI entry point with the test clock (reports, exit code, stderr).
import { main } from '../../api/cli/main';
import type { ScanIo } from '../../api/cli/scan';

export const DEMO_NOW = new Date('2026-11-22T12:00:00Z');

export interface DemoScan {
  code: number;
  stdout: string;
  stderr: string;
}

export async function demoScan(args: string[]): Promise<DemoScan> {
  let stdout = '';
  let stderr = '';
  const code = await main(['scan', '--demo', ...args], {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    env: {},
    now: () => DEMO_NOW,
  } as ScanIo);
  return { code, stdout, stderr };
}

/** stderr without the progress lines (what a CI log shows between them). */
export function messages(stderr: string): string[] {
  return stderr
    .split('\n')
    .filter((line) => line && !line.startsWith('scan: ') && !line.startsWith('Scanning '));
}
