// Failures as AWS emulators produce them for an operation they do not implement, as the SDK v3 raises them
// (checked against a real client given these HTTP answers), plus AWS's own documented server errors.
import { awsError } from './services/iam/aws-error';

/** LocalStack: HTTP 501 with a JSON `InternalFailure` body for an operation it does not implement. */
export const localstackNotImplemented = (service: string, operation: string): Error =>
  awsError(
    'InternalFailure',
    501,
    `API action '${operation}' for service '${service}' not yet implemented or pro feature`,
  );

/**
 * moto server: an HTML error page (404 for a route it lacks, 500 for NotImplementedError) that the SDK cannot
 * parse, so it raises a SyntaxError carrying the HTTP status.
 */
export const motoHtmlErrorPage = (httpStatusCode: 404 | 500): Error =>
  Object.assign(
    new SyntaxError(
      `Unexpected token '<', "<!doctype "... is not valid JSON\n  Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.`,
    ),
    { $metadata: { httpStatusCode }, $responseBodyText: '<!doctype html><title>Not Found</title>' },
  );

/** AWS's documented common errors for a failure on its side. */
export const internalFailure = (): Error =>
  awsError('InternalFailure', 500, 'The request processing has failed because of an unknown error.');
export const serviceUnavailable = (): Error =>
  awsError('ServiceUnavailable', 503, 'The request has failed due to a temporary failure of the server.');

/** Every failure above with the code our readErrors record for it (collector/errors.ts), for `it.each`. */
export function emulatorFailures(service: string, operation: string): [string, () => Error, string][] {
  return [
    ['LocalStack 501 not implemented', () => localstackNotImplemented(service, operation), 'InternalFailure'],
    ['moto 404 page (no route)', () => motoHtmlErrorPage(404), 'HttpStatus404'],
    ['moto 500 page (NotImplementedError)', () => motoHtmlErrorPage(500), 'HttpStatus500'],
    ['AWS InternalFailure 500', internalFailure, 'InternalFailure'],
    ['AWS ServiceUnavailable 503', serviceUnavailable, 'ServiceUnavailable'],
  ];
}
