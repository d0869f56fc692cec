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
]);

/** A region the account has not enabled (or an STS token not valid there) answers with one of these. */
const REGION_DISABLED_CODES = new Set([
  'OptInRequired',
  'UnrecognizedClientException',
  'AuthFailure',
  'InvalidClientTokenId',
]);

/** AWS's error code (`name` on SDK v3 service exceptions), or a generic code for other failures. */
export function errorCode(error: unknown): string {
  if (error && typeof error === 'object') {
    const candidate = error as { name?: unknown; Code?: unknown; code?: unknown };
    for (const value of [candidate.Code, candidate.name, candidate.code]) {
      if (typeof value === 'string' && value && value !== 'Error') return value;
    }
  }
  return 'Error';
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

export function isThrottlingError(error: unknown): boolean {
  if (error && typeof error === 'object') {
    const metadata = (error as { $metadata?: { httpStatusCode?: number } }).$metadata;
    if (metadata?.httpStatusCode === 429) return true;
  }
  return THROTTLING_CODES.has(errorCode(error));
}

export function isRegionDisabledError(error: unknown): boolean {
  return REGION_DISABLED_CODES.has(errorCode(error));
}

/** Raised when a module sends an operation it did not declare (the onboarding policy would not grant it). */
export class UndeclaredOperationError extends Error {
  constructor(service: string, api: string) {
    super(`collector module ${service} called ${api}, which it does not declare in its operations`);
    this.name = 'UndeclaredOperation';
  }
}
