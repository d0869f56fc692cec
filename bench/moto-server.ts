// A private moto_server (the AWS emulator, Python) on a free loopback port in its own process. Shared by the
// emulator test suites (test/emulator/moto-server.ts) and the scan benchmark (bench/scan-bench.ts).
// moto_server and python3 with boto3 come from the machine (here under pyenv: PATH=/root/.pyenv/shims:$PATH).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export const MOTO_ACCOUNT = '123456789012';

/** Why moto cannot run here, or null when moto_server and python3 with boto3 are both installed. */
export function motoMissing(): string | null {
  if (spawnSync('moto_server', ['--help'], { stdio: 'ignore' }).status !== 0)
    return 'moto_server is not on PATH (pip install "moto[server]"; under pyenv: PATH=/root/.pyenv/shims:$PATH)';
  if (spawnSync('python3', ['-c', 'import boto3'], { stdio: 'ignore' }).status !== 0)
    return 'python3 cannot import boto3 (pip install boto3)';
  return null;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilUp(url: string, child: ChildProcess): Promise<void> {
  for (let attempt = 0; attempt < 150; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`moto_server exited with code ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/moto-api/data.json`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`moto_server did not answer at ${url}`);
}

export interface MotoProcess {
  /** `http://127.0.0.1:<port>` */
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** `env`: extra environment for moto_server (e.g. MOTO_IAM_LOAD_MANAGED_POLICIES). */
export async function startMotoProcess(env: Record<string, string> = {}): Promise<MotoProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], {
    stdio: 'ignore',
    env: { ...process.env, ...env },
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill();
    await exited;
  };
  try {
    await waitUntilUp(url, child);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, pid: child.pid!, stop };
}
