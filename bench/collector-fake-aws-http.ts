// The fake AWS on a real HTTP port, for what an emulator (LocalStack, moto) exercises and a `requestHandler`
// cannot: clients configured only by AWS_ENDPOINT_URL, the SDK's own HTTP handler, path-style S3, S3 Control's
// host, STS for ambient credentials.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Readable } from 'node:stream';
import type { FakeAws } from './collector-fake-aws';

export interface FakeAwsServer {
  /** `http://127.0.0.1:<port>`: the value for AWS_ENDPOINT_URL. */
  url: string;
  close(): Promise<void>;
}

/**
 * Points this process's AWS clients at `url` with ambient key credentials, as a user of an emulator would
 * (`AWS_ENDPOINT_URL` and `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY`). Returns a function that restores the env.
 */
export function useEndpointEnv(url: string, extra: Record<string, string> = {}): () => void {
  const saved = { ...process.env };
  Object.assign(process.env, {
    AWS_ENDPOINT_URL: url,
    AWS_ACCESS_KEY_ID: 'AKIAEMULATOR',
    AWS_SECRET_ACCESS_KEY: 'emulator-secret',
    ...extra,
  });
  delete process.env.AWS_PROFILE;
  delete process.env.AWS_SESSION_TOKEN;
  return () => {
    process.env = saved;
  };
}

async function bodyOf(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function serveFakeAws(fake: FakeAws): Promise<FakeAwsServer> {
  const server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      const query: Record<string, string> = {};
      for (const [key, value] of url.searchParams) query[key] = value;
      const headers: Record<string, string> = {};
      for (const [key, value] of Object.entries(request.headers))
        if (typeof value === 'string') headers[key] = value;
      const { response: answer } = await fake.requestHandler.handle({
        method: request.method ?? 'GET',
        hostname: (request.headers.host ?? 'localhost').replace(/:\d+$/, ''),
        path: decodeURIComponent(url.pathname),
        query,
        headers,
        body: await bodyOf(request),
      });
      response.writeHead(answer.statusCode, answer.headers);
      (answer.body as Readable).pipe(response);
    })().catch((error: unknown) => {
      response.writeHead(500, { 'content-type': 'text/plain' });
      response.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
