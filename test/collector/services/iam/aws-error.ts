// Used by every service test in this area (IAM, S3, logging/monitoring modules).
/** An AWS error as the SDK raises it: `name` is the code, with the HTTP status in `$metadata`. */
export function awsError(name: string, httpStatusCode: number, message = name): Error {
  return Object.assign(new Error(message), {
    name,
    $fault: httpStatusCode >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode, requestId: 'req-err' },
  });
}
