// Structured JSON logs (pino) for `serve` and `worker`: one line per event, level from CLOUDWARD_LOG_LEVEL, and no
// secret in any line. Secrets are removed twice: by key (headers, external IDs, AWS credentials) anywhere in the
// logged fields, and by shape (bearer tokens, cw_ tokens, AWS secret keys) inside any string, messages included,
// because an error message can quote what it was given.
import pino, { type DestinationStream, type Level } from 'pino';

export type LogFields = Record<string, unknown>;

/** What the server, the job runner and the routes log through. A message-only logger fits it too. */
export interface AppLogger {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** CLOUDWARD_LOG_LEVEL (default info); anything else is the operator's typo, reported rather than ignored. */
export function logLevelFromEnv(env: NodeJS.ProcessEnv): LogLevel {
  const raw = env.CLOUDWARD_LOG_LEVEL?.trim().toLowerCase();
  if (raw === undefined || raw === '') return 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(raw))
    throw new InvalidLogLevelError(
      `CLOUDWARD_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${env.CLOUDWARD_LOG_LEVEL}"`,
    );
  return raw as LogLevel;
}

export class InvalidLogLevelError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidLogLevelError';
  }
}

export const REDACTED = '[redacted]';

/** Field names whose value is a secret wherever they appear (compared lower-case, without `-`, `_` and `:`). */
const SECRET_KEYS = new Set(
  [
    'authorization',
    'proxy-authorization',
    'cookie',
    'set-cookie',
    'token',
    'accessToken',
    'adminToken',
    'metricsToken',
    'password',
    'secret',
    'secretKey',
    'externalId',
    'sts:ExternalId',
    'externalIdCiphertext',
    'secretAccessKey',
    'aws_secret_access_key',
    'sessionToken',
    'aws_session_token',
    'credentials',
  ].map(normaliseKey),
);

function normaliseKey(key: string): string {
  return key.toLowerCase().replace(/[-_:]/g, '');
}

/** Secrets recognisable by their shape inside free text, with what replaces them. */
const SECRET_PATTERNS: [RegExp, string][] = [
  // `Authorization: Bearer <token>` or any "Bearer <token>" quoted in a message (8+ characters: not prose such as
  // "the bearer token").
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi, `$1 ${REDACTED}`],
  // Cloudward API tokens (cw_ + 43 base64url characters), even without "Bearer" in front.
  [/\bcw_[A-Za-z0-9_-]{16,}/g, REDACTED],
  // ExternalId=..., "ExternalId":"...", sts:ExternalId ... in an AWS request or policy quoted in an error.
  [/((?:sts:)?ExternalId["']?\s*[:=]\s*["']?)[^"'\s,&}]+/gi, `$1${REDACTED}`],
  // AWS secret access keys and session tokens quoted with their name.
  [/((?:aws_)?(?:secret_?access_?key|session_?token)["']?\s*[:=]\s*["']?)[^"'\s,&}]+/gi, `$1${REDACTED}`],
  // X-Amz-Security-Token / X-Amz-Signature in a presigned URL.
  [/(X-Amz-(?:Security-Token|Signature|Credential)=)[^&\s"']+/gi, `$1${REDACTED}`],
];

/** Removes secrets recognisable by their shape from a string. */
export function redactText(text: string): string {
  let result = text;
  for (const [pattern, replacement] of SECRET_PATTERNS) result = result.replace(pattern, replacement);
  return result;
}

/** A copy of `value` with secret-named fields replaced and secret-shaped text redacted, at any depth. */
export function redactValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object' || depth > 8) return value;
  if (value instanceof Error) {
    return {
      type: value.name,
      message: redactText(value.message),
      ...(value.stack ? { stack: redactText(value.stack) } : {}),
    };
  }
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1));
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    result[key] = SECRET_KEYS.has(normaliseKey(key)) ? REDACTED : redactValue(item, depth + 1);
  }
  return result;
}

export interface CreateLoggerOptions {
  level?: LogLevel;
  /** Where the JSON lines go (default stdout); tests pass a stream that collects them. */
  destination?: DestinationStream;
  /** Fields on every line (e.g. `{ process: 'worker' }`). */
  base?: LogFields;
}

export interface StructuredLogger extends AppLogger {
  /** A logger whose lines all carry `bindings` (e.g. the request id). */
  child(bindings: LogFields): StructuredLogger;
  readonly level: LogLevel;
}

export function createLogger(options: CreateLoggerOptions = {}): StructuredLogger {
  const root = pino(
    {
      level: options.level ?? 'info',
      base: { service: 'cloudward', pid: process.pid, ...(options.base ?? {}) },
      timestamp: pino.stdTimeFunctions.isoTime,
      // Level names ("info"), not pino's numbers, so a person and jq read the same line.
      formatters: { level: (label) => ({ level: label }) },
      messageKey: 'msg',
    },
    options.destination ?? pino.destination({ fd: 1, sync: true }),
  );
  return wrap(root, options.level ?? 'info');
}

function wrap(instance: pino.Logger, level: LogLevel): StructuredLogger {
  const write = (method: Level) => (message: string, fields?: LogFields) => {
    if (!instance.isLevelEnabled(method)) return;
    const safeFields = fields ? (redactValue(fields) as LogFields) : {};
    instance[method](safeFields, redactText(message));
  };
  return {
    level,
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    child: (bindings) => wrap(instance.child(redactValue(bindings) as LogFields), level),
  };
}

/** A destination that hands each JSON line to `write` (the CLI's stdout, or a test's array). */
export function lineDestination(write: (line: string) => void): DestinationStream {
  return { write };
}

/**
 * Fields of an error for a log line: its name and message (redacted like every other field). Under `error`, not
 * pino's `err`, whose serializer expects an Error instance.
 */
export function errorFields(error: unknown): LogFields {
  if (error instanceof Error) return { error: { type: error.name, message: error.message } };
  return { error: { message: String(error) } };
}
