// `cloudward <command>`: dispatch, one-line errors, exit codes (0 ok, 1 runtime failure, 2 usage error).
import { packageVersion } from '../paths';
import { UsageError } from './args';
import { resolveIo, type CliIo } from './io';

export const MAIN_USAGE = `Usage: cloudward <command> [options]

Commands:
  serve      run the API, web UI and job runner
  worker     run BullMQ job workers only (REDIS_URL, DATABASE_URL)
  onboard    write the cross-account IAM role (Terraform, CloudFormation, JSON)
  scan       one-shot collect + evaluate, no server
  controls   list or validate control definitions

Run "cloudward <command> --help" for a command's options.`;

type Command = (args: string[], io: CliIo) => Promise<number>;

// Loaded on demand: `onboard` pulls in cdktf, `serve` a database; neither should slow the other down.
const COMMANDS: Record<string, () => Command> = {
  serve: () => (require('./serve') as typeof import('./serve')).serveCommand,
  worker: () => (require('./worker') as typeof import('./worker')).workerCommand,
  onboard: () => {
    const { onboardCommand } = require('./onboard') as typeof import('./onboard');
    return (args, io) => onboardCommand(args, { stdout: io.stdout, env: io.env });
  },
  scan: () => (require('./scan') as typeof import('./scan')).scanCommand,
  controls: () => (require('./controls') as typeof import('./controls')).controlsCommand,
};

export async function main(argv: string[], io: CliIo = {}): Promise<number> {
  const { out, err } = resolveIo(io);
  const [command, ...rest] = argv;
  if (command === undefined) {
    err(MAIN_USAGE + '\n');
    return 2;
  }
  if (command === '--help' || command === '-h' || command === 'help') {
    out(MAIN_USAGE + '\n');
    return 0;
  }
  if (command === '--version' || command === '-v') {
    out(packageVersion() + '\n');
    return 0;
  }
  const load = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!load) {
    err(
      `cloudward: unknown command "${command}" (commands: ${Object.keys(COMMANDS).join(', ')}; see cloudward --help)\n`,
    );
    return 2;
  }
  try {
    return await load()(rest, io);
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    err(`cloudward ${command}: ${message}\n`);
    // A data directory held by another process is a usage problem: nothing was changed, choose another --data.
    return error instanceof UsageError || (error as Error)?.name === 'DataDirLockedError' ? 2 : 1;
  }
}
