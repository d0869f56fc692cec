// Retries and pacing under throttling. The strategy and the adaptive limit are tested alone; then real SDK clients
// send through the client factory to a fake AWS that answers with each protocol's throttling error exactly as AWS
// puts it on the wire (EC2's RequestLimitExceeded 503, the query protocol's Throttling 400, S3's SlowDown 503,
// JSON's ThrottlingException 400, REST-JSON's TooManyRequestsException 429). aws-sdk-client-mock replaces `send`
// and so skips the retry middleware: only wire answers prove what the SDK's retry loop does with them.
import { CloudWatchLogsClient, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { GetAccountSummaryCommand, IAMClient } from '@aws-sdk/client-iam';
import { LambdaClient, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { GetBucketVersioningCommand, S3Client } from '@aws-sdk/client-s3';
import { FakeAws } from '../../bench/collector-fake-aws';
import {
  ec2ErrorReply,
  queryErrorReply,
  s3ErrorReply,
  type Reply,
} from '../../bench/collector-fake-responses';
import { ClientFactory, newCallStats } from '../../collector/clients';
import {
  AdaptiveConcurrency,
  CollectorRetryStrategy,
  MAX_RETRY_DELAY_MS,
  backoffMs,
} from '../../collector/retry';
import type { CollectorModule } from '../../collector/types';
import { ec2Error } from './aws-errors';

const credentials = async () => ({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' });
const estate = { regions: ['us-east-1'], instances: 0, securityGroups: 0, buckets: 0, iamPrincipals: 0 };

function module(apis: string[]): CollectorModule {
  return {
    service: 'probe',
    scope: 'regional',
    resourceTypes: [],
    operations: apis.map((api) => ({ api, actions: ['probe:Read'] })),
    collect: async () => undefined,
  };
}

// AWS's throttling answers, one per protocol, as the services send them.
const jsonThrottle: Reply = {
  status: 400,
  headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'req-throttle' },
  body: JSON.stringify({ __type: 'ThrottlingException', message: 'Rate exceeded' }),
};
const restJsonThrottle: Reply = {
  status: 429,
  headers: {
    'content-type': 'application/json',
    'x-amzn-errortype': 'TooManyRequestsException',
    'x-amzn-requestid': 'req-throttle',
  },
  body: JSON.stringify({ Reason: 'CallerRateLimitExceeded', Type: 'User', message: 'Rate exceeded' }),
};
const ec2Throttle = ec2ErrorReply(503, 'RequestLimitExceeded', 'Request limit exceeded.');
const queryThrottle = queryErrorReply(400, 'Throttling', 'Rate exceeded');
const s3Throttle = s3ErrorReply(503, 'SlowDown', 'Please reduce your request rate.');

// Successful answers for the services FakeAws does not model.
const jsonOk: Reply = {
  status: 200,
  headers: { 'content-type': 'application/x-amz-json-1.1' },
  body: JSON.stringify({ logGroups: [] }),
};
const restJsonOk: Reply = {
  status: 200,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ Functions: [] }),
};

describe('backoffMs', () => {
  test('starts at 50-100 ms, doubles, and never passes the ceiling', () => {
    expect(backoffMs(0, 100, () => 0)).toBe(50);
    expect(backoffMs(0, 100, () => 1)).toBe(100);
    expect(backoffMs(1, 100, () => 0)).toBe(100);
    expect(backoffMs(3, 100, () => 1)).toBe(800);
    expect(backoffMs(10, 100, () => 1)).toBe(MAX_RETRY_DELAY_MS);
    expect(backoffMs(10, 100, () => 0)).toBe(MAX_RETRY_DELAY_MS / 2);
  });
});

describe('CollectorRetryStrategy', () => {
  const strategy = () =>
    new CollectorRetryStrategy({ maxAttempts: 8, serverErrorMaxAttempts: 3, random: () => 0.5 });

  async function retriesAllowed(
    retry: CollectorRetryStrategy,
    errorInfo: Parameters<CollectorRetryStrategy['refreshRetryTokenForRetry']>[1],
  ): Promise<number[]> {
    const delays: number[] = [];
    let token = await retry.acquireInitialRetryToken();
    for (;;) {
      try {
        token = await retry.refreshRetryTokenForRetry(token, errorInfo);
      } catch {
        return delays;
      }
      delays.push(token.getRetryDelay());
    }
  }

  test('a throttled call gets the whole budget: 7 retries, short and growing, under 10 s in all', async () => {
    const delays = await retriesAllowed(strategy(), {
      errorType: 'THROTTLING',
      error: ec2Error('RequestLimitExceeded', 503, 'Request limit exceeded.') as never,
    });
    expect(delays).toEqual([75, 150, 300, 600, 1200, 1500, 1500]);
    expect(delays.reduce((a, b) => a + b, 0)).toBeLessThan(10_000);
  });

  test('a server error gets AWS standard 3 attempts', async () => {
    const delays = await retriesAllowed(strategy(), {
      errorType: 'TRANSIENT',
      error: ec2Error('InternalError', 500) as never,
    });
    expect(delays).toEqual([75, 150]);
  });

  test('a client error (access denied) is not retried', async () => {
    const delays = await retriesAllowed(strategy(), {
      errorType: 'CLIENT_ERROR',
      error: ec2Error('UnauthorizedOperation', 403) as never,
    });
    expect(delays).toEqual([]);
  });

  test('codes the SDK does not call throttling but AWS uses for it (IAM LimitExceeded) are retried as such', async () => {
    const delays = await retriesAllowed(strategy(), {
      errorType: 'CLIENT_ERROR',
      error: Object.assign(new Error('Rate exceeded'), {
        name: 'LimitExceeded',
        Code: 'LimitExceeded',
      }) as never,
    });
    expect(delays).toHaveLength(7);
  });

  test('Retry-After is honoured up to 5 s', async () => {
    const now = 1_000_000;
    const retry = new CollectorRetryStrategy({
      maxAttempts: 8,
      serverErrorMaxAttempts: 3,
      random: () => 0,
      now: () => now,
    });
    const token = await retry.acquireInitialRetryToken();
    const soon = await retry.refreshRetryTokenForRetry(token, {
      errorType: 'THROTTLING',
      retryAfterHint: new Date(now + 1_000),
    });
    expect(soon.getRetryDelay()).toBe(1_000);
    const late = await retry.refreshRetryTokenForRetry(token, {
      errorType: 'THROTTLING',
      retryAfterHint: new Date(now + 60_000),
    });
    expect(late.getRetryDelay()).toBe(5_000);
  });
});

describe('AdaptiveConcurrency', () => {
  test('a throttle cuts the limit by a quarter, once per cooldown, never below 1', async () => {
    let now = 0;
    const pace = new AdaptiveConcurrency(32, 100, () => now);
    const attempt = async (throttled: boolean) => {
      await pace.acquire();
      pace.release(throttled);
    };
    await attempt(true);
    expect(pace.limit).toBe(24);
    await attempt(true); // same burst: no second cut
    expect(pace.limit).toBe(24);
    for (let i = 0; i < 20; i += 1) {
      now += 100;
      await attempt(true);
    }
    expect(pace.limit).toBe(1);
  });

  test('successes raise the limit by one per limit-many, back up to the ceiling', async () => {
    let now = 0;
    const pace = new AdaptiveConcurrency(4, 100, () => now);
    for (let i = 0; i < 5; i += 1) {
      now += 100;
      await pace.acquire();
      pace.release(true);
    }
    expect(pace.limit).toBe(1);
    await pace.acquire();
    pace.release(false); // 1 success at limit 1
    expect(pace.limit).toBe(2);
    for (let i = 0; i < 2 + 3; i += 1) {
      await pace.acquire();
      pace.release(false);
    }
    expect(pace.limit).toBe(4);
    for (let i = 0; i < 10; i += 1) {
      await pace.acquire();
      pace.release(false);
    }
    expect(pace.limit).toBe(4);
  });

  test('holds callers beyond the limit until one ends', async () => {
    const pace = new AdaptiveConcurrency(2);
    await pace.acquire();
    await pace.acquire();
    let third = false;
    const waiting = pace.acquire().then(() => (third = true));
    await Promise.resolve();
    expect(third).toBe(false);
    pace.release(false);
    await waiting;
    expect(third).toBe(true);
    expect(pace.inFlight).toBe(2);
  });
});

describe('throttling through real SDK clients', () => {
  const protocols = [
    {
      protocol: 'EC2 query (RequestLimitExceeded, 503)',
      api: 'EC2.DescribeVpcs',
      throttle: ec2Throttle,
      ok: undefined,
      send: (factory: ClientFactory, stats = newCallStats()) =>
        factory
          .accessor(
            module(['EC2.DescribeVpcs']),
            'us-east-1',
            stats,
          )(EC2Client)
          .send(new DescribeVpcsCommand({})),
    },
    {
      protocol: 'IAM query (Throttling, 400)',
      api: 'IAM.GetAccountSummary',
      throttle: queryThrottle,
      ok: undefined,
      send: (factory: ClientFactory, stats = newCallStats()) =>
        factory
          .accessor(
            module(['IAM.GetAccountSummary']),
            'us-east-1',
            stats,
          )(IAMClient)
          .send(new GetAccountSummaryCommand({})),
    },
    {
      protocol: 'S3 REST-XML (SlowDown, 503)',
      api: 'S3.GetBucketVersioning',
      throttle: s3Throttle,
      ok: undefined,
      send: (factory: ClientFactory, stats = newCallStats()) =>
        factory
          .accessor(
            module(['S3.GetBucketVersioning']),
            'us-east-1',
            stats,
          )(S3Client)
          .send(new GetBucketVersioningCommand({ Bucket: 'bucket-00000001' })),
    },
    {
      protocol: 'JSON 1.1 (ThrottlingException, 400)',
      api: 'CloudWatchLogs.DescribeLogGroups',
      throttle: jsonThrottle,
      ok: jsonOk,
      send: (factory: ClientFactory, stats = newCallStats()) =>
        factory
          .accessor(
            module(['CloudWatchLogs.DescribeLogGroups']),
            'us-east-1',
            stats,
          )(CloudWatchLogsClient)
          .send(new DescribeLogGroupsCommand({})),
    },
    {
      protocol: 'REST-JSON (TooManyRequestsException, 429)',
      api: 'Lambda.ListFunctions',
      throttle: restJsonThrottle,
      ok: restJsonOk,
      send: (factory: ClientFactory, stats = newCallStats()) =>
        factory
          .accessor(
            module(['Lambda.ListFunctions']),
            'us-east-1',
            stats,
          )(LambdaClient)
          .send(new ListFunctionsCommand({})),
    },
  ];

  test.each(protocols)(
    '$protocol: throttled six times, read on the seventh attempt, after at most 5.1 s of backoff',
    async ({ throttle, ok, send }) => {
      const fake = new FakeAws({
        estate,
        intercept: (_api, attempt) => (attempt <= 6 ? throttle : ok),
      });
      const factory = new ClientFactory({
        credentials,
        clientConfig: { requestHandler: fake.requestHandler },
      });
      const stats = newCallStats();
      const output = await send(factory, stats);
      expect(output.$metadata).toMatchObject({ httpStatusCode: 200, attempts: 7 });
      // 50-100, 100-200, ... 1000-2000 ms: at most 100+200+400+800+1600+2000 = 5.1 s; expected ~3.8 s.
      expect(output.$metadata.totalRetryDelay).toBeLessThan(5_100);
      expect(stats.retries).toBe(6);
      expect(stats.throttles).toBe(6);
    },
    15_000,
  );

  test.each(protocols)(
    '$protocol: a quarter of attempts throttled at random, 100 reads, none failed, no call past 8 attempts',
    async ({ api, throttle, ok, send }) => {
      // A seeded generator, so the test does the same every run.
      let seed = 42;
      const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
      const fake = new FakeAws({ estate, intercept: () => (random() < 0.25 ? throttle : ok) });
      const factory = new ClientFactory({
        credentials,
        clientConfig: { requestHandler: fake.requestHandler },
      });
      const stats = newCallStats();
      const outcomes = await Promise.allSettled(Array.from({ length: 100 }, () => send(factory, stats)));
      expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toEqual([]);
      const attempts = outcomes.map((outcome) =>
        outcome.status === 'fulfilled' ? (outcome.value.$metadata.attempts ?? 1) : 0,
      );
      expect(Math.max(...attempts)).toBeLessThanOrEqual(8);
      expect(stats.calls[api]).toBe(100);
      expect(fake.calls[api] ?? fake.totalCalls).toBe(100 + stats.retries);
      expect(stats.throttles).toBe(stats.retries);
      expect(stats.throttles).toBeGreaterThan(10);
    },
    30_000,
  );

  test('a throttling service slows down alone: its limit drops, another service keeps the full cap', async () => {
    const fake = new FakeAws({
      estate,
      latencyMs: () => 2,
      intercept: (api, attempt) =>
        api === 'EC2.DescribeVpcs' && attempt % 3 === 0 ? ec2Throttle : undefined,
    });
    const factory = new ClientFactory({ credentials, clientConfig: { requestHandler: fake.requestHandler } });
    const ec2 = factory.accessor(module(['EC2.DescribeVpcs']), 'us-east-1', newCallStats())(EC2Client);
    const iam = factory.accessor(module(['IAM.GetAccountSummary']), 'us-east-1', newCallStats())(IAMClient);
    await Promise.all([
      ...Array.from({ length: 60 }, () => ec2.send(new DescribeVpcsCommand({}))),
      ...Array.from({ length: 60 }, () => iam.send(new GetAccountSummaryCommand({}))),
    ]);
    expect(factory.pace('EC2Client:us-east-1').limit).toBeLessThan(32);
    expect(factory.pace('IAMClient:us-east-1').limit).toBe(32);
  });
});
