// Shared argument parsing for every sub-command: unknown flags and bad values become a UsageError,
// which main() prints as one line and turns into exit code 2.
import { parseArgs, type ParseArgsConfig } from 'node:util';

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

type Options = NonNullable<ParseArgsConfig['options']>;

export function parseCommandArgs<O extends Options>(
  args: string[],
  options: O,
  allowPositionals = false,
): {
  values: {
    [K in keyof O]?: O[K]['type'] extends 'boolean'
      ? boolean
      : O[K] extends { multiple: true }
        ? string[]
        : string;
  };
  positionals: string[];
} {
  try {
    const parsed = parseArgs({ args, options, strict: true, allowPositionals });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return { values: parsed.values as any, positionals: parsed.positionals };
  } catch (error) {
    // node's messages are long and mention internals; keep the first sentence.
    const message =
      error instanceof Error
        ? error.message.split('\n')[0].replace(/\. To specify a positional.*$/, '')
        : String(error);
    throw new UsageError(message);
  }
}

/** Comma-separated list flag (`--regions a,b`), trimmed, empty parts dropped. */
export function splitList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
}
