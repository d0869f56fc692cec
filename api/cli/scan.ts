// PLACEHOLDER until the scan engineer lands `cloudward scan` (one-shot collect + evaluate). Replace this file.
export const SCAN_USAGE =
  'Usage: cloudward scan [--role-arn ARN --external-id X] --regions r1,r2 [--format table|json|csv|ocsf|html] [--output FILE] [--fail-on SEVERITY]';

export async function scanCommand(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${SCAN_USAGE}\n\nscan is not available yet in this build.\n`);
    return 0;
  }
  process.stderr.write('cloudward scan: scan is not available yet\n');
  return 2;
}
