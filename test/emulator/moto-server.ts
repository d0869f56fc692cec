// Shared by the emulator suites: a private moto_server on a free port (started by bench/moto-server.ts, which
// the scan benchmark shares), an estate seeded into it by a boto3 script, and `cloudward scan` run against it.
// Suites run only where moto_server and python3 with boto3 are installed (our CI machines have them) and say
// they are skipped elsewhere.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { main } from '../../api/cli/main';
import { useEndpointEnv } from '../../bench/collector-fake-aws-http';
import { MOTO_ACCOUNT, motoMissing, startMotoProcess } from '../../bench/moto-server';

export { MOTO_ACCOUNT };

export const motoAvailable = motoMissing() === null;

/** `describe` where moto can run, `describe.skip` (with a note) where it cannot. */
export function motoSuite(name: string): jest.Describe {
  if (!motoAvailable)
    console.warn(`moto_server or python3 with boto3 is not installed: "${name}" is skipped`);
  return motoAvailable ? describe : describe.skip;
}

export interface MotoServer {
  url: string;
  /** Runs test/emulator/<script> with the server's URL; returns the JSON its last stdout line prints (or {}). */
  seed(script: string): Promise<Record<string, string>>;
  /** Points this process's AWS clients at the server (AWS_ENDPOINT_URL, key credentials); returns the undo. */
  useEnv(): () => void;
  stop(): Promise<void>;
}

/** `env`: extra environment for moto_server (e.g. MOTO_IAM_LOAD_MANAGED_POLICIES; Jest's process.env is a copy). */
export async function startMoto(env: Record<string, string> = {}): Promise<MotoServer> {
  const moto = await startMotoProcess(env);
  const url = moto.url;
  return {
    url,
    async seed(script) {
      const { stdout } = await promisify(execFile)('python3', [path.join(__dirname, script), url]);
      const last = stdout.trim().split('\n').pop() ?? '';
      return last.startsWith('{') ? (JSON.parse(last) as Record<string, string>) : {};
    },
    useEnv: () => useEndpointEnv(url, { AWS_REGION: 'us-east-1' }),
    stop: () => moto.stop(),
  };
}

export interface ScanFinding {
  controlId: string;
  status: string;
  /** The resource's name where it has one. */
  resourceId: string;
  resourceArn?: string;
  region: string;
  reason: string;
}

export interface ScanReport {
  findings: ScanFinding[];
  assets: { type: string; id: string; region: string }[];
  errors: { service: string; region: string; code: string; message: string }[];
}

/** `cloudward scan --format json` against the server, as a user would run it (exit code and report). */
export async function scanMoto(
  server: MotoServer,
  args: string[] = ['--regions', 'us-east-1,eu-west-1'],
  options: { now?: Date } = {},
): Promise<{ code: number; report: ScanReport; stderr: string }> {
  const restore = server.useEnv();
  let stdout = '';
  let stderr = '';
  try {
    const code = await main(['scan', '--format', 'json', ...args], {
      stdout: (text: string) => (stdout += text),
      stderr: (text: string) => (stderr += text),
      env: { AWS_REGION: 'us-east-1' },
      ...(options.now ? { now: () => options.now! } : {}),
    } as never);
    return { code, report: (stdout ? JSON.parse(stdout) : {}) as ScanReport, stderr };
  } finally {
    restore();
  }
}

/** Statuses of `controlId` for a resource given by name, id or the end of its ARN. */
export function statusesOf(report: ScanReport, controlId: string, resource: string): string[] {
  return report.findings
    .filter(
      (finding) =>
        finding.controlId === controlId &&
        (finding.resourceId === resource ||
          !!finding.resourceArn?.endsWith(`/${resource}`) ||
          !!finding.resourceArn?.endsWith(`:${resource}`)),
    )
    .map((finding) => finding.status);
}
