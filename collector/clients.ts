// One SDK client per (account, region, client class) for a sync, wired for the collector:
// - short jittered retries, with a per (client, region) concurrency limit that backs off on throttling (retry.ts);
// - every call counted by `<Client>.<Operation>` for the unit (module, region) that sent it, with retries and
//   throttles, and refused when the module did not declare it (declarations drive the onboarding policy);
// - a global cap on requests in flight and AWS's per-region token bucket for EC2 reads, applied per attempt in a
//   real SDK middleware so they hold against real endpoints.
// aws-sdk-client-mock replaces `send`, so the declaration check and call counting live in the per-module view's
// `send` (which mocks still go through); the per-attempt limits live in middleware (which real calls go through).
import { Agent } from 'node:https';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { customEndpointConfigured, customEndpointUrl } from './credentials';
import { UndeclaredOperationError, isThrottlingError } from './errors';
import { Semaphore, TokenBucket, concurrencyFromEnv, hostConcurrencyFromEnv } from './limits';
import { AdaptiveConcurrency, CollectorRetryStrategy } from './retry';
import type { ClientConstructor, CollectorModule } from './types';

// The caps are read where the CLI checks them up front (limits.ts has no SDK import); re-exported for callers here.
export {
  DEFAULT_CONCURRENCY,
  DEFAULT_HOST_CONCURRENCY,
  concurrencyFromEnv,
  hostConcurrencyFromEnv,
} from './limits';

/** Calls made by one unit (module, region). */
export interface CallStats {
  calls: Record<string, number>;
  retries: number;
  throttles: number;
}

/**
 * Told of every AWS call a module sends and of every throttled attempt, by `<Client>.<Operation>`
 * (e.g. `EC2.DescribeInstances`). The server's metrics plug in here; the collector knows nothing of them.
 */
export interface AwsCallObserver {
  call(api: string): void;
  throttle(api: string): void;
}

export function newCallStats(): CallStats {
  return { calls: {}, retries: 0, throttles: 0 };
}

export const DEFAULT_MAX_ATTEMPTS = 8;
/** Attempts for server errors and timeouts: AWS's standard 3. The larger budget above is for throttling. */
export const SERVER_ERROR_MAX_ATTEMPTS = 3;
/** AWS's documented EC2 bucket for non-mutating (Describe/Get/List) actions, per account and region. */
export const EC2_READ_BURST = 100;
export const EC2_READ_REFILL_PER_SECOND = 20;

export interface ClientFactoryOptions {
  credentials: AwsCredentialIdentityProvider;
  /** Cap on requests in flight across all clients of this factory (default CLOUDWARD_MAX_CONCURRENCY or 32). */
  limiter?: Semaphore;
  /** Cap on requests in flight to one endpoint host (default CLOUDWARD_MAX_HOST_CONCURRENCY or 16). */
  hostConcurrency?: number;
  maxAttempts?: number;
  /** Merged into every client's configuration (tests and the benchmark inject a `requestHandler` here). */
  clientConfig?: Record<string, unknown>;
  ec2Bucket?: { burst: number; refillPerSecond: number };
  env?: NodeJS.ProcessEnv;
  observer?: AwsCallObserver;
}

const apiName = (clientName: string, commandName: string) =>
  `${clientName.replace(/Client$/, '')}.${commandName.replace(/Command$/, '')}`;

interface SendableClient {
  send(command: unknown, ...rest: unknown[]): Promise<unknown>;
  destroy?(): void;
  middlewareStack: {
    add(middleware: unknown, options: { step: string; priority?: string; name?: string }): void;
  };
}

export class ClientFactory {
  readonly limiter: Semaphore;
  private readonly clients = new Map<string, SendableClient>();
  private readonly ec2Buckets = new Map<string, TokenBucket>();
  private readonly paces = new Map<string, AdaptiveConcurrency>();
  private readonly hostLimiters = new Map<string, Semaphore>();
  private readonly hostConcurrency: number;
  private readonly sharedReads = new Map<string, Promise<unknown>>();
  // Which unit sent a request, keyed by the command's input object (it travels through every middleware step as
  // `args.input`). Cheaper than AsyncLocalStorage, whose promise hooks slow every await in the process.
  private readonly statsByInput = new WeakMap<object, CallStats>();
  private readonly requestHandler: unknown;

  constructor(private readonly options: ClientFactoryOptions) {
    this.limiter = options.limiter ?? new Semaphore(concurrencyFromEnv(options.env));
    this.hostConcurrency = Math.min(
      options.hostConcurrency ?? hostConcurrencyFromEnv(options.env),
      this.limiter.capacity,
    );
    this.requestHandler =
      options.clientConfig?.requestHandler ??
      new NodeHttpHandler({
        connectionTimeout: 5_000,
        requestTimeout: 60_000,
        httpsAgent: new Agent({ keepAlive: true, maxSockets: this.limiter.capacity }),
      });
  }

  /** The client accessor a module's CollectContext exposes: checks declarations and counts into `stats`. */
  accessor(module: CollectorModule, defaultRegion: string, stats: CallStats) {
    const declared = new Set(module.operations.map((operation) => operation.api));
    const views = new Map<string, SendableClient>();
    return <C>(ctor: ClientConstructor<C>, clientOptions?: { region?: string }): C => {
      const region = clientOptions?.region ?? defaultRegion;
      const cached = views.get(`${ctor.name}:${region}`);
      if (cached) return cached as C;
      const shared = this.shared(ctor, region);
      const clientName = ctor.name;
      // A view that is still `instanceof ctor` (SDK paginators check it) with its own `send`.
      const view = Object.create(shared) as SendableClient;
      view.send = (command: unknown, ...rest: unknown[]) => {
        const api = apiName(clientName, (command as { constructor: { name: string } }).constructor.name);
        if (!declared.has(api)) return Promise.reject(new UndeclaredOperationError(module.service, api));
        stats.calls[api] = (stats.calls[api] ?? 0) + 1;
        this.options.observer?.call(api);
        const input = (command as { input?: unknown }).input;
        if (input && typeof input === 'object') this.statsByInput.set(input, stats);
        return shared.send(command, ...rest).then(
          (output) => {
            countAttempts(
              stats,
              (output as { $metadata?: { attempts?: number } } | undefined)?.$metadata?.attempts,
            );
            return output;
          },
          (error: unknown) => {
            const attempts = (error as { $metadata?: { attempts?: number } })?.$metadata?.attempts;
            countAttempts(stats, attempts);
            // Errors that never reached the retry middleware (mocked clients) are counted here.
            if (attempts === undefined && isThrottlingError(error)) {
              stats.throttles += 1;
              this.options.observer?.throttle(api);
            }
            throw error;
          },
        );
      };
      views.set(`${ctor.name}:${region}`, view);
      return view as C;
    };
  }

  /** A read made once for the whole sync (see CollectContext.shared); `key` includes the region. */
  sharedRead<T>(key: string, read: () => Promise<T>): Promise<T> {
    let promise = this.sharedReads.get(key) as Promise<T> | undefined;
    if (!promise) {
      promise = read();
      this.sharedReads.set(key, promise);
    }
    return promise;
  }

  /** Closes every client's sockets. */
  destroy(): void {
    for (const client of this.clients.values()) client.destroy?.();
    this.clients.clear();
    this.sharedReads.clear();
  }

  get clientCount(): number {
    return this.clients.size;
  }

  private shared<C>(ctor: ClientConstructor<C>, region: string): SendableClient {
    const key = `${ctor.name}:${region}`;
    let client = this.clients.get(key);
    if (!client) {
      const s3PathStyle =
        ctor.name === 'S3Client' && customEndpointConfigured('S3', this.options.env ?? process.env);
      client = new ctor({
        region,
        credentials: this.options.credentials,
        retryStrategy: new CollectorRetryStrategy({
          maxAttempts: this.options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
          serverErrorMaxAttempts: SERVER_ERROR_MAX_ATTEMPTS,
        }),
        // Resolve each command's middleware stack once per client instead of on every call (large CPU saving).
        cacheMiddleware: true,
        // No `endpoint` here on purpose: the SDK reads AWS_ENDPOINT_URL(_<SERVICE>) itself.
        ...(s3PathStyle ? { forcePathStyle: true } : {}),
        ...(ctor.name === 'S3ControlClient' ? s3ControlEndpoint(this.options.env ?? process.env) : {}),
        ...this.options.clientConfig,
        requestHandler: this.requestHandler,
      }) as unknown as SendableClient;
      this.addAttemptMiddleware(client, ctor.name, region);
      this.clients.set(key, client);
    }
    return client;
  }

  private addAttemptMiddleware(client: SendableClient, clientName: string, region: string): void {
    const bucket = clientName === 'EC2Client' ? this.ec2Bucket(region) : undefined;
    const pace = this.pace(`${clientName}:${region}`);
    const middleware =
      (next: (args: AttemptArgs) => Promise<unknown>, context: { commandName?: string }) =>
      async (args: AttemptArgs) => {
        // Runs once per attempt (inside the retry loop), around the HTTP exchange and its deserialisation.
        const commandName = context.commandName ?? '';
        if (bucket && /^(Describe|Get|List|Search)/.test(commandName)) await bucket.take();
        // The service's own limit first, so a throttled service waits without holding a global slot; then the
        // host's, so calls queued on one busy server do not hold slots that calls to other hosts could use.
        await pace.acquire();
        const host = this.hostLimiter(args.request);
        await host.acquire();
        await this.limiter.acquire();
        let throttled = false;
        try {
          return await next(args);
        } catch (error) {
          const stats = args.input ? this.statsByInput.get(args.input) : undefined;
          if (isThrottlingError(error)) {
            throttled = true;
            if (stats) stats.throttles += 1;
            this.options.observer?.throttle(apiName(clientName, commandName));
          }
          throw error;
        } finally {
          this.limiter.release();
          host.release();
          pace.release(throttled);
        }
      };
    client.middlewareStack.add(middleware, {
      step: 'deserialize',
      priority: 'high',
      name: 'cloudwardAttemptLimits',
    });
  }

  /** The adaptive concurrency limit of one (client, region); starts at the global cap. */
  pace(key: string): AdaptiveConcurrency {
    let pace = this.paces.get(key);
    if (!pace) {
      pace = new AdaptiveConcurrency(this.limiter.capacity);
      this.paces.set(key, pace);
    }
    return pace;
  }

  private hostLimiter(request: AttemptArgs['request']): Semaphore {
    const key = `${request?.hostname ?? ''}:${request?.port ?? ''}`;
    let limiter = this.hostLimiters.get(key);
    if (!limiter) {
      limiter = new Semaphore(this.hostConcurrency);
      this.hostLimiters.set(key, limiter);
    }
    return limiter;
  }

  private ec2Bucket(region: string): TokenBucket {
    let bucket = this.ec2Buckets.get(region);
    if (!bucket) {
      const config = this.options.ec2Bucket ?? {
        burst: EC2_READ_BURST,
        refillPerSecond: EC2_READ_REFILL_PER_SECOND,
      };
      bucket = new TokenBucket(config.burst, config.refillPerSecond);
      this.ec2Buckets.set(region, bucket);
    }
    return bucket;
  }
}

/**
 * S3 Control's endpoint rules put the account id in front of the host (`111122223333.s3-control.<region>...`).
 * Behind an emulator's endpoint that gives `111122223333.localhost` (does not resolve) or `111122223333.127.0.0.1`
 * (not a URL). The account also travels in the `x-amz-account-id` header and emulators route S3 Control by its
 * `/v20180820/` path, so there the endpoint is used as it is: the S3 Control counterpart of path-style S3.
 */
function s3ControlEndpoint(env: NodeJS.ProcessEnv): Record<string, unknown> {
  const url = customEndpointUrl('S3 Control', env);
  if (!url) return {};
  return {
    endpointProvider: (params: { Region?: string }) => ({
      url: new URL(url),
      properties: {
        authSchemes: [
          { name: 'sigv4', signingName: 's3', signingRegion: params.Region, disableDoubleEncoding: true },
        ],
      },
    }),
  };
}

interface AttemptArgs {
  input?: object;
  /** The HTTP request this attempt sends (set by the serialize step). */
  request?: { hostname?: string; port?: number };
}

function countAttempts(stats: CallStats, attempts: number | undefined): void {
  if (attempts && attempts > 1) stats.retries += attempts - 1;
}
