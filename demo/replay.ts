// Replays a Recording through the real SDK clients, with no network. It plugs into the collector's client
// configuration hook (`clientConfig`, merged into every client the ClientFactory builds) as two pieces:
// - `protocol`: stands in for the client's wire protocol: it carries the command input in the request, and
//   answers the deserialise step from the recording (an output, or an AWS-shaped ServiceException);
// - `requestHandler`: echoes the request back instead of opening a socket.
// Everything else is the client's own middleware stack: endpoint resolution, SigV4 signing, adaptive retries,
// the collector's in-flight limits and call counting, and the SDK paginators, exactly as against AWS.
import { ServiceException } from '@smithy/core/client';
import { HttpRequest, HttpResponse } from '@smithy/core/protocols';
import type { RecordedCall, Recording } from './recording';

const INPUT_HEADER = 'x-cloudward-replay-input';

/** Calls nothing was recorded for (they answer `{}`, as an empty account would, and are listed here). */
export interface ReplayStats {
  calls: number;
  misses: string[];
}

interface OperationSchemaLike {
  name?: string;
}

interface ReplayContext {
  clientName?: string;
  commandName?: string;
  region?: string | (() => Promise<string>);
  endpointV2?: { url: URL };
}

function clientOf(context: ReplayContext): string {
  return (context.clientName ?? 'Unknown').replace(/Client$/, '');
}

async function regionOf(context: ReplayContext): Promise<string> {
  const region = context.region;
  return typeof region === 'function' ? await region() : (region ?? 'us-east-1');
}

/** Client configuration that answers every command of every client from `recording`. */
export function replayClientConfig(
  recording: Recording,
  stats: ReplayStats = { calls: 0, misses: [] },
): Record<string, unknown> {
  class ReplayProtocol {
    // The SDK builds one per client from its protocol settings; nothing in them is needed to replay.
    constructor(_settings?: unknown) {}

    getRequestType() {
      return HttpRequest;
    }

    getResponseType() {
      return HttpResponse;
    }

    setSerdeContext(): void {}

    async serializeRequest(_operation: OperationSchemaLike, input: unknown, context: ReplayContext) {
      const url = context.endpointV2?.url ?? new URL('https://replay.invalid/');
      return new HttpRequest({
        protocol: url.protocol,
        hostname: url.hostname,
        path: url.pathname,
        method: 'POST',
        // The input travels with the request (headers survive signing and retries) to the deserialise step.
        headers: { [INPUT_HEADER]: encodeURIComponent(JSON.stringify(input ?? {})), host: url.hostname },
      });
    }

    async deserializeResponse(
      operation: OperationSchemaLike,
      context: ReplayContext,
      response: HttpResponse,
    ) {
      const call: RecordedCall = {
        client: clientOf(context),
        operation: (context.commandName ?? operation.name ?? '').replace(/Command$/, ''),
        region: await regionOf(context),
        input: JSON.parse(decodeURIComponent(response.headers[INPUT_HEADER] ?? '%7B%7D')) as Record<
          string,
          unknown
        >,
      };
      stats.calls += 1;
      const answer = recording.answer(call);
      const $metadata = { httpStatusCode: 200, requestId: `replay-${stats.calls}`, attempts: 1 };
      if (!answer) {
        stats.misses.push(`${call.client}.${call.operation} ${call.region} ${JSON.stringify(call.input)}`);
        return { $metadata };
      }
      if ('error' in answer) {
        const { name, status, message } = answer.error;
        throw new ServiceException({
          name,
          message,
          $fault: status >= 500 ? 'server' : 'client',
          $metadata: { ...$metadata, httpStatusCode: status },
        });
      }
      // A deep copy: the collector may keep what it is given, and rounds share recorded objects.
      return { ...structuredClone(answer.output), $metadata };
    }
  }

  const requestHandler = {
    async handle(request: HttpRequest) {
      return {
        response: new HttpResponse({
          statusCode: 200,
          headers: { [INPUT_HEADER]: request.headers[INPUT_HEADER] ?? '' },
          body: undefined,
        }),
      };
    },
    updateHttpClientConfig: () => undefined,
    httpHandlerConfigs: () => ({}),
    destroy: () => undefined,
  };

  return { protocol: ReplayProtocol, requestHandler };
}
