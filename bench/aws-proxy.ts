// A loopback HTTP proxy in front of an AWS endpoint (moto_server) that counts calls by operation, and can add
// latency to each call or answer a share of them with AWS's own throttling errors. The scan benchmark sends both
// the floor script and `cloudward scan` through it, so both are counted and slowed the same way.
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProxyOptions {
  /** Where calls go: `http://127.0.0.1:<port>`. */
  target: string;
  /** Milliseconds added before each call is forwarded. */
  latencyMs?: number;
  /** Share of calls (0..1) answered with a throttling error instead of being forwarded. */
  throttleShare?: number;
}

export interface ProxyCounts {
  /** Forwarded calls by `service:Operation`. */
  calls: Record<string, number>;
  /** Calls answered with a throttling error, by `service:Operation`. */
  throttled: Record<string, number>;
  /** Milliseconds the target took to answer, summed by `service:Operation` (where the time goes). */
  upstreamMs: Record<string, number>;
  /** Answers of 5xx from the target (or a failed forward), not counting injected throttles. */
  serverErrors: number;
  /** performance.now() of the first call seen since the last reset, or null. */
  firstCallAt: number | null;
  /** Each forwarded call's start and end (performance.now()), in the order they ended: where the target sat idle. */
  spans: { operation: string; start: number; end: number }[];
}

export interface AwsProxy {
  url: string;
  counts(): ProxyCounts;
  /** Starts a new count (between the floor and the scan). */
  reset(): void;
  close(): Promise<void>;
}

/** The SigV4 credential scope's service (`Credential=AKID/20261205/us-east-1/ec2/aws4_request`). */
function signingService(request: IncomingMessage): string {
  const auth = request.headers.authorization ?? '';
  return /Credential=[^/]+\/\d+\/[^/]+\/([^/]+)\//.exec(auth)?.[1] ?? 'unknown';
}

// S3 operations told apart by their sub-resource query key (GET /bucket?policy is GetBucketPolicy).
const S3_SUBRESOURCES: Record<string, string> = {
  policy: 'BucketPolicy',
  publicAccessBlock: 'PublicAccessBlock',
  encryption: 'BucketEncryption',
  versioning: 'BucketVersioning',
  logging: 'BucketLogging',
  acl: 'BucketAcl',
  tagging: 'BucketTagging',
  lifecycle: 'BucketLifecycleConfiguration',
  ownershipControls: 'BucketOwnershipControls',
  location: 'BucketLocation',
  replication: 'BucketReplication',
  notification: 'BucketNotificationConfiguration',
  'object-lock': 'ObjectLockConfiguration',
  policyStatus: 'BucketPolicyStatus',
  website: 'BucketWebsite',
  cors: 'BucketCors',
};

function s3Operation(method: string, url: URL): string {
  const segments = url.pathname.split('/').filter(Boolean);
  const keys = [...url.searchParams.keys()];
  const sub = keys.find((key) => Object.hasOwn(S3_SUBRESOURCES, key));
  const verb = method === 'GET' ? 'Get' : method === 'PUT' ? 'Put' : method === 'DELETE' ? 'Delete' : method;
  if (sub) return `${verb}${S3_SUBRESOURCES[sub]}`;
  if (segments.length === 0) return method === 'GET' ? 'ListBuckets' : `${method} /`;
  if (segments.length === 1) {
    if (method === 'GET') return keys.includes('list-type') ? 'ListObjectsV2' : 'ListObjects';
    if (method === 'HEAD') return 'HeadBucket';
    return `${verb}Bucket`;
  }
  return `${verb}Object`;
}

/** `service:Operation` of a call in any of AWS's protocols (query, JSON, REST, RPC v2 CBOR). */
export function operationOf(request: IncomingMessage, body: string): string {
  const service = signingService(request);
  const url = new URL(request.url ?? '/', 'http://localhost');
  const target = request.headers['x-amz-target'];
  if (typeof target === 'string') return `${service}:${target.split('.').pop()}`;
  const cbor = /\/service\/[^/]+\/operation\/([^/]+)$/.exec(url.pathname);
  if (cbor) return `${service}:${cbor[1]}`;
  const action = /(?:^|&)Action=([A-Za-z0-9]+)/.exec(body)?.[1] ?? url.searchParams.get('Action');
  if (action) return `${service}:${action}`;
  // S3 Control (account-level public access block) signs as s3 too.
  if (service === 's3' && url.pathname.startsWith('/v20180820/'))
    return `s3-control:${request.method} ${url.pathname.replace(/^\/v20180820/, '')}`;
  if (service === 's3') return `s3:${s3Operation(request.method ?? 'GET', url)}`;
  // Other REST protocols: method and path with ids left out (`lambda:GET /2015-03-31/functions`); a trailing slash
  // is one client's spelling of the same operation (boto3 sends `/backup-vaults/`, the SDK `/backup-vaults`).
  const shape = url.pathname
    .replace(/(.)\/$/, '$1')
    .split('/')
    .map((segment, index) => (index > 2 && segment ? '{id}' : segment))
    .join('/');
  return `${service}:${request.method} ${shape}`;
}

/** Which of AWS's error shapes a service answers a throttled call with. */
function throttleAnswer(
  service: string,
  request: IncomingMessage,
): { status: number; headers: Record<string, string>; body: string } | null {
  // A call whose service or protocol is not known here (no SigV4 scope, RPC v2 CBOR) is forwarded: an error in
  // the wrong shape would be a parse failure, not a throttle.
  if (service === 'unknown' || /\/service\/[^/]+\/operation\//.test(request.url ?? '')) return null;
  const requestId = `bench-throttle-${Math.random().toString(16).slice(2, 10)}`;
  if (service === 's3')
    return {
      status: 503,
      headers: { 'content-type': 'application/xml' },
      body: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message><RequestId>${requestId}</RequestId></Error>`,
    };
  if (service === 'ec2')
    return {
      status: 503,
      headers: { 'content-type': 'text/xml;charset=UTF-8' },
      body: `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit exceeded.</Message></Error></Errors><RequestID>${requestId}</RequestID></Response>`,
    };
  const contentType = request.headers['content-type'] ?? '';
  const json =
    typeof request.headers['x-amz-target'] === 'string' ||
    contentType.includes('json') ||
    !contentType.includes('x-www-form-urlencoded');
  if (json)
    return {
      status: 400,
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amzn-errortype': 'ThrottlingException',
        'x-amzn-requestid': requestId,
      },
      body: JSON.stringify({ __type: 'ThrottlingException', message: 'Rate exceeded' }),
    };
  // Query protocol (IAM, STS, ELB, RDS, SNS, ...): the code these services send is `Throttling`.
  return {
    status: 400,
    headers: { 'content-type': 'text/xml' },
    body: `<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
  };
}

async function bodyOf(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const bump = (counts: Record<string, number>, key: string) => {
  counts[key] = (counts[key] ?? 0) + 1;
};

export async function startAwsProxy(options: ProxyOptions): Promise<AwsProxy> {
  const target = new URL(options.target);
  const latency = options.latencyMs ?? 0;
  const share = options.throttleShare ?? 0;
  const fresh = (): ProxyCounts => ({
    calls: {},
    throttled: {},
    upstreamMs: {},
    serverErrors: 0,
    firstCallAt: null,
    spans: [],
  });
  let counts = fresh();
  // Deterministic spread: call n is throttled when floor(n * share) steps up (10% = every 10th call).
  let seen = 0;

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    counts.firstCallAt ??= performance.now();
    const body = await bodyOf(request);
    const operation = operationOf(request, body.toString('utf8'));
    seen += 1;
    if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));
    const answer =
      share > 0 && Math.floor(seen * share) > Math.floor((seen - 1) * share)
        ? throttleAnswer(operation.split(':')[0], request)
        : null;
    if (answer) {
      bump(counts.throttled, operation);
      response.writeHead(answer.status, {
        ...answer.headers,
        'content-length': Buffer.byteLength(answer.body),
      });
      response.end(answer.body);
      return;
    }
    bump(counts.calls, operation);
    const sentAt = performance.now();
    const current = counts;
    const upstream = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: request.method,
        path: request.url,
        headers: request.headers,
      },
      (answer) => {
        if ((answer.statusCode ?? 500) >= 500) current.serverErrors += 1;
        answer.once('end', () => {
          const end = performance.now();
          current.upstreamMs[operation] = (current.upstreamMs[operation] ?? 0) + end - sentAt;
          current.spans.push({ operation, start: sentAt, end });
        });
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    upstream.once('error', (error) => {
      counts.serverErrors += 1;
      if (!response.headersSent) response.writeHead(502, { 'content-type': 'text/plain' });
      response.end(String(error));
    });
    upstream.end(body);
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      counts.serverErrors += 1;
      if (!response.headersSent) response.writeHead(502, { 'content-type': 'text/plain' });
      response.end(String(error));
    });
  });
  // Keep-alive clients (boto3's 8 threads, the SDK's pool) open many sockets; the default backlog is enough.
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    counts: () => counts,
    reset() {
      counts = fresh();
      seen = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
