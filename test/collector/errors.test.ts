// Which code a failure is recorded under (collector/errors.ts): AWS's own, or the HTTP status of an answer the SDK
// could not read as AWS's. Error objects shaped as SDK v3 raises them (checked against real clients given these
// HTTP answers).
import { errorCode, errorMessage } from '../../collector/errors';

const withStatus = <T extends object>(error: T, httpStatusCode: number) =>
  Object.assign(error, { $metadata: { httpStatusCode, attempts: 1 } });

describe('errorCode', () => {
  it("keeps AWS's code: the query protocol's wire code, or the JSON protocol's type", () => {
    const sns = withStatus(
      Object.assign(new Error('Topic does not exist'), { name: 'NotFoundException', Code: 'NotFound' }),
      404,
    );
    expect(errorCode(sns)).toBe('NotFound');
    // A JSON-protocol error without a message is still AWS's answer, not an unreadable one.
    const json = withStatus(Object.assign(new Error('Unknown'), { name: 'AccessDeniedException' }), 400);
    expect(errorCode(json)).toBe('AccessDeniedException');
  });

  it('records the HTTP status of answers that are not in AWS format', () => {
    const htmlToJson = withStatus(
      Object.assign(new SyntaxError("Unexpected token '<'\n  Deserialization error: ..."), {}),
      404,
    );
    expect(errorCode(htmlToJson)).toBe('HttpStatus404');
    const htmlToXml = withStatus(Object.assign(new Error('Unknown'), { name: 'Unknown' }), 501);
    expect(errorCode(htmlToXml)).toBe('HttpStatus501');
    // The query protocol names a code-less answer after its status alone: SNS's 404 is not "the topic is gone".
    const queryNoCode = withStatus(
      Object.assign(new Error('Unknown'), { name: 'NotFoundException', Code: undefined, Type: undefined }),
      404,
    );
    expect(errorCode(queryNoCode)).toBe('HttpStatus404');
    expect(errorMessage(queryNoCode)).toBe("HTTP 404 answer that is not in AWS's format");
  });

  it('keeps network error codes', () => {
    expect(errorCode(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))).toBe('ECONNRESET');
  });
});
