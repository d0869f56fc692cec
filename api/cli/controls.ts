// PLACEHOLDER until the evaluator engineer lands `cloudward controls` (list / validate). Replace this file.
export const CONTROLS_USAGE = 'Usage: cloudward controls list | controls validate [DIR]';

export async function controlsCommand(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${CONTROLS_USAGE}\n\ncontrols is not available yet in this build.\n`);
    return 0;
  }
  process.stderr.write('cloudward controls: controls is not available yet\n');
  return 2;
}
