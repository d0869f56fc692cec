// Reading AWS errors: the code to record, and which codes mean throttling, a disabled region or "not configured".

const THROTTLING_CODES = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestThrottledException',
  'TooManyRequestsException',
  'ProvisionedThroughputExceededException',
  'TransactionInProgressException',
  'RequestLimitExceeded',
  'BandwidthLimitExceeded',
  'LimitExceededException',
  'RequestThrottled',
  'SlowDown',
  'PriorRequestNotComplete',
  'EC2ThrottledException',
  // IAM's query protocol answers rate limits on some calls with LimitExceeded.
  'LimitExceeded',
]);

/** A region the account has not enabled (or an STS token not valid there) answers with one of these. */
const REGION_DISABLED_CODES = new Set([
  'OptInRequired',
  'UnrecognizedClientException',
  'AuthFailure',
  'InvalidClientTokenId',
]);

/**
 * AWS's error code, or a generic code for other failures. Query-protocol services (IAM, SNS) raise SDK classes
 * named after the code with a suffix (`NoSuchEntityException`) and keep the wire code in `Code` (`NoSuchEntity`):
 * the wire code wins.
 */
export function errorCode(error: unknown): string {
  return errorCodes(error)[0] ?? 'Error';
}

/** Every code an SDK error carries (`Code`, then `name`, then `code`), for matching either spelling. */
export function errorCodes(error: unknown): string[] {
  if (!error || typeof error !== 'object') return [];
  const unparseable = unparseableStatus(error);
  if (unparseable !== undefined) return [`HttpStatus${unparseable}`];
  const candidate = error as { name?: unknown; Code?: unknown; code?: unknown };
  const codes = [candidate.Code, candidate.name, candidate.code].filter(
    (value): value is string => typeof value === 'string' && value !== '' && value !== 'Error',
  );
  return [...new Set(codes)];
}

export function errorMessage(error: unknown): string {
  const unparseable = error && typeof error === 'object' ? unparseableStatus(error) : undefined;
  if (unparseable !== undefined) {
    const body = (error as { $responseBodyText?: unknown }).$responseBodyText;
    const start = typeof body === 'string' ? body.replace(/\s+/g, ' ').trim().slice(0, 120) : '';
    return `HTTP ${unparseable} answer that is not in AWS's format${start ? ` (body starts: ${start})` : ''}`;
  }
  if (error instanceof Error) return error.message;
  return String(error);
}

/**
 * The HTTP status of an answer the SDK could not read as AWS's (an emulator's HTML page for an operation it does
 * not implement, a proxy's error page): the SDK's `SyntaxError` or `Unknown` says nothing useful, the status does.
 */
function unparseableStatus(error: object): number | undefined {
  const { name, message, Code, $metadata } = error as {
    name?: unknown;
    message?: unknown;
    Code?: unknown;
    $metadata?: { httpStatusCode?: number };
  };
  const status = $metadata?.httpStatusCode;
  if (typeof status !== 'number' || Code !== undefined) return undefined;
  const deserialisation = typeof message === 'string' && message.includes('Deserialization error');
  // `Unknown`: the SDK's name when an XML answer carries no error code it can find.
  if (deserialisation || ['SyntaxError', 'Unknown', 'UnknownError'].includes(String(name))) return status;
  // Query protocol (SNS, IAM...) with no code in the body: the SDK names the error after the HTTP status alone
  // (SNS's 404 becomes `NotFoundException`, which would read as "the topic is gone").
  return 'Code' in error && message === 'Unknown' ? status : undefined;
}

export function isThrottlingError(error: unknown): boolean {
  if (error && typeof error === 'object') {
    const metadata = (error as { $metadata?: { httpStatusCode?: number } }).$metadata;
    if (metadata?.httpStatusCode === 429) return true;
  }
  return errorCodes(error).some((code) => THROTTLING_CODES.has(code));
}

export function isRegionDisabledError(error: unknown): boolean {
  return REGION_DISABLED_CODES.has(errorCode(error));
}

/** An Error carrying an AWS code, for `typeFailed` when only the code of a failed read was kept. */
export function errorWithCode(code: string): Error {
  return Object.assign(new Error(code), { name: code });
}

/** Raised when a module sends an operation it did not declare (the onboarding policy would not grant it). */
export class UndeclaredOperationError extends Error {
  constructor(service: string, api: string) {
    super(`collector module ${service} called ${api}, which it does not declare in its operations`);
    this.name = 'UndeclaredOperation';
  }
}
