// Where each report format goes: stdout without --output; the file itself for one format; for several, a
// directory (existing, or written with a trailing slash) gets `cloudward-scan.<ext>` per format, anything else
// is a base name that gets `.<ext>` per format (a known report extension on it is dropped first).
import { closeSync, existsSync, mkdirSync, openSync, statSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { REPORT_EXTENSIONS, REPORT_FORMATS, type ReportFormat } from './index';

export class OutputPlanError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutputPlanError';
  }
}

export interface PlannedOutput {
  format: ReportFormat;
  /** Undefined: stdout. */
  file?: string;
}

export function parseFormats(values: string[]): ReportFormat[] {
  const formats: ReportFormat[] = [];
  for (const value of values) {
    if (!(REPORT_FORMATS as readonly string[]).includes(value))
      throw new OutputPlanError(`unknown format "${value}" (formats: ${REPORT_FORMATS.join(', ')})`);
    if (!formats.includes(value as ReportFormat)) formats.push(value as ReportFormat);
  }
  return formats.length ? formats : ['table'];
}

function isDirectory(target: string): boolean {
  return existsSync(target) && statSync(target).isDirectory();
}

export function planOutputs(formats: ReportFormat[], output: string | undefined): PlannedOutput[] {
  if (output === undefined) {
    if (formats.length > 1)
      throw new OutputPlanError(
        'several formats need --output (a directory, or a base name that gets one extension per format)',
      );
    return [{ format: formats[0] }];
  }
  if (output.trim() === '') throw new OutputPlanError('--output must not be empty');
  if (formats.length === 1) {
    if (isDirectory(output))
      return [
        { format: formats[0], file: path.join(output, `cloudward-scan.${REPORT_EXTENSIONS[formats[0]]}`) },
      ];
    return [{ format: formats[0], file: output }];
  }
  if (output.endsWith('/') || output.endsWith(path.sep) || isDirectory(output)) {
    return formats.map((format) => ({
      format,
      file: path.join(output, `cloudward-scan.${REPORT_EXTENSIONS[format]}`),
    }));
  }
  const known = Object.values(REPORT_EXTENSIONS)
    .sort((a, b) => b.length - a.length)
    .find((extension) => output.endsWith(`.${extension}`));
  const base = known ? output.slice(0, -(known.length + 1)) : output;
  return formats.map((format) => ({ format, file: `${base}.${REPORT_EXTENSIONS[format]}` }));
}

/** Checks the files' folders can be written to before the scan runs (a bad path fails fast). */
export function checkOutputTargets(outputs: PlannedOutput[]): void {
  for (const { file } of outputs) {
    if (!file) continue;
    const dir = path.dirname(path.resolve(file));
    if (existsSync(dir) && !statSync(dir).isDirectory())
      throw new OutputPlanError(`cannot write ${file}: ${dir} is not a directory`);
    if (isDirectory(file)) throw new OutputPlanError(`cannot write ${file}: it is a directory`);
  }
}

export function writeOutput(file: string, text: string): void {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  writeFileSync(file, text);
}

/** writeOutput for a report given in pieces (reportChunks): written as they come, never joined whole. */
export function writeOutputChunks(file: string, chunks: Iterable<string>): void {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const fd = openSync(file, 'w');
  try {
    for (const chunk of chunks) writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
}
