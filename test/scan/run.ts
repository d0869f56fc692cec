// Runs `cloudward scan` through the CLI entry point (exit codes as a shell sees them) against a replayed account.
import { main } from '../../api/cli/main';
import type { ScanIo } from '../../api/cli/scan';
import { accountRecording, replay, staticCredentials } from './fixtures';

export interface ScanRun {
  code: number;
  stdout: string;
  stderr: string;
  /** AWS calls the replay answered. */
  calls: number;
}

export async function runScanCli(
  args: string[],
  io: Partial<ScanIo> = {},
  recording = accountRecording(),
): Promise<ScanRun> {
  let stdout = '';
  let stderr = '';
  const { clientConfig, stats } = replay(recording);
  const code = await main(['scan', ...args], {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    env: {},
    sourceCredentials: staticCredentials,
    clientConfig,
    now: () => new Date('2026-11-22T12:00:00Z'),
    ...io,
  } as ScanIo);
  return { code, stdout, stderr, calls: stats.calls };
}
