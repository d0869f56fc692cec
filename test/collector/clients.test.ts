// The client factory against real SDK clients: requests go through the whole middleware stack (signing, retries,
// deserialisation) to a fake AWS behind `requestHandler`, so counting, refusal, retries and limits are real.
import {
  DescribeVpcsCommand,
  DescribeInstancesCommand,
  EC2Client,
  paginateDescribeInstances,
} from '@aws-sdk/client-ec2';
import { GetBucketVersioningCommand, S3Client } from '@aws-sdk/client-s3';
import { GetPublicAccessBlockCommand, S3ControlClient } from '@aws-sdk/client-s3-control';
import { mockClient } from 'aws-sdk-client-mock';
import { FakeAws } from '../../bench/collector-fake-aws';
import { ec2ErrorReply } from '../../bench/collector-fake-responses';
import {
  ClientFactory,
  concurrencyFromEnv,
  hostConcurrencyFromEnv,
  newCallStats,
} from '../../collector/clients';
import { Semaphore } from '../../collector/limits';
import type { CollectorModule } from '../../collector/types';

const credentials = async () => ({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' });
const estate = {
  regions: ['us-east-1', 'eu-west-1'],
  instances: 2500,
  securityGroups: 0,
  buckets: 0,
  iamPrincipals: 0,
};

function module(apis: string[]): CollectorModule {
  return {
    service: 'probe',
    scope: 'regional',
    resourceTypes: [],
    operations: apis.map((api) => ({ api, actions: [`ec2:${api.split('.')[1]}`] })),
    collect: async () => undefined,
  };
}

function factoryFor(fake: FakeAws, extra: Partial<ConstructorParameters<typeof ClientFactory>[0]> = {}) {
  return new ClientFactory({ credentials, clientConfig: { requestHandler: fake.requestHandler }, ...extra });
}

describe('ClientFactory', () => {
  test('counts every call by Client.Operation, including each page of a paginator', async () => {
    const fake = new FakeAws({ estate });
    const factory = factoryFor(fake);
    const stats = newCallStats();
    const ec2 = factory.accessor(module(['EC2.DescribeInstances']), 'us-east-1', stats)(EC2Client);
    let instances = 0;
    for await (const page of paginateDescribeInstances({ client: ec2, pageSize: 1000 }, {})) {
      instances += (page.Reservations ?? []).flatMap((reservation) => reservation.Instances ?? []).length;
    }
    expect(instances).toBe(1250);
    expect(stats).toEqual({ calls: { 'EC2.DescribeInstances': 2 }, retries: 0, throttles: 0 });
    expect(fake.calls).toEqual({ 'EC2.DescribeInstances': 2 });
  });

  test('refuses an undeclared operation before anything is sent', async () => {
    const fake = new FakeAws({ estate });
    const stats = newCallStats();
    const ec2 = factoryFor(fake).accessor(module(['EC2.DescribeInstances']), 'us-east-1', stats)(EC2Client);
    await expect(ec2.send(new DescribeVpcsCommand({}))).rejects.toMatchObject({
      name: 'UndeclaredOperation',
    });
    expect(fake.totalCalls).toBe(0);
    expect(stats.calls).toEqual({});
  });

  test('one SDK client per (region, client class), shared by the modules that use it', () => {
    const factory = factoryFor(new FakeAws({ estate }));
    const a = factory.accessor(module(['EC2.DescribeVpcs']), 'us-east-1', newCallStats());
    const b = factory.accessor(module(['EC2.DescribeVpcs']), 'us-east-1', newCallStats());
    a(EC2Client);
    b(EC2Client);
    a(EC2Client, { region: 'eu-west-1' });
    expect(factory.clientCount).toBe(2);
    expect(a(EC2Client)).toBeInstanceOf(EC2Client);
  });

  test('throttling then success: retried by the SDK, counted as one call, one retry, one throttle', async () => {
    const fake = new FakeAws({
      estate,
      intercept: (api, attempt) =>
        attempt === 1 ? ec2ErrorReply(503, 'RequestLimitExceeded', 'Request limit exceeded.') : undefined,
    });
    const stats = newCallStats();
    const ec2 = factoryFor(fake).accessor(module(['EC2.DescribeVpcs']), 'us-east-1', stats)(EC2Client);
    const output = await ec2.send(new DescribeVpcsCommand({}));
    expect(output.$metadata.attempts).toBe(2);
    expect(stats).toEqual({ calls: { 'EC2.DescribeVpcs': 1 }, retries: 1, throttles: 1 });
  });

  test('tells an observer of every call and every throttled attempt, by Client.Operation', async () => {
    const fake = new FakeAws({
      estate,
      intercept: (api, attempt) =>
        api === 'EC2.DescribeVpcs' && attempt <= 2
          ? ec2ErrorReply(503, 'RequestLimitExceeded', 'Request limit exceeded.')
          : undefined,
    });
    const seen: string[] = [];
    const factory = factoryFor(fake, {
      observer: { call: (api) => seen.push(`call ${api}`), throttle: (api) => seen.push(`throttle ${api}`) },
    });
    const ec2 = factory.accessor(
      module(['EC2.DescribeVpcs', 'EC2.DescribeInstances']),
      'us-east-1',
      newCallStats(),
    )(EC2Client);
    await ec2.send(new DescribeVpcsCommand({}));
    await ec2.send(new DescribeInstancesCommand({ MaxResults: 5 }));
    expect(seen).toEqual([
      'call EC2.DescribeVpcs',
      'throttle EC2.DescribeVpcs',
      'throttle EC2.DescribeVpcs',
      'call EC2.DescribeInstances',
    ]);
  });

  test('tells the observer of a throttle answered by a mocked client (no retry middleware involved)', async () => {
    const mock = mockClient(EC2Client);
    try {
      mock
        .on(DescribeVpcsCommand)
        .rejects(Object.assign(new Error('Rate exceeded'), { name: 'RequestLimitExceeded' }));
      const seen: string[] = [];
      const ec2 = factoryFor(new FakeAws({ estate }), {
        observer: {
          call: (api) => seen.push(`call ${api}`),
          throttle: (api) => seen.push(`throttle ${api}`),
        },
      }).accessor(
        module(['EC2.DescribeVpcs']),
        'us-east-1',
        newCallStats(),
      )(EC2Client);
      await expect(ec2.send(new DescribeVpcsCommand({}))).rejects.toThrow('Rate exceeded');
      expect(seen).toEqual(['call EC2.DescribeVpcs', 'throttle EC2.DescribeVpcs']);
    } finally {
      mock.restore();
    }
  });

  // Throttling gets the whole budget (maxAttempts); a server error AWS's standard 3 attempts.
  test.each([
    { what: 'throttling', status: 503, code: 'RequestLimitExceeded', attempts: 4, throttles: 4 },
    { what: 'a server error', status: 500, code: 'InternalError', attempts: 3, throttles: 0 },
  ])(
    '$what past the retries fails with AWS code after $attempts attempts, every attempt counted',
    async ({ status, code, attempts, throttles }) => {
      const fake = new FakeAws({ estate, intercept: () => ec2ErrorReply(status, code, 'failed') });
      const stats = newCallStats();
      const ec2 = factoryFor(fake, { maxAttempts: 4 }).accessor(
        module(['EC2.DescribeVpcs']),
        'us-east-1',
        stats,
      )(EC2Client);
      await expect(ec2.send(new DescribeVpcsCommand({}))).rejects.toMatchObject({
        name: code,
        $metadata: { httpStatusCode: status, attempts },
      });
      expect(stats).toEqual({ calls: { 'EC2.DescribeVpcs': 1 }, retries: attempts - 1, throttles });
      expect(fake.calls['EC2.DescribeVpcs']).toBe(attempts);
    },
  );

  test('never more requests in flight than the cap', async () => {
    const fake = new FakeAws({ estate, latencyMs: () => 15 });
    const factory = factoryFor(fake, { limiter: new Semaphore(4) });
    const ec2 = factory.accessor(module(['EC2.DescribeVpcs']), 'us-east-1', newCallStats())(EC2Client);
    await Promise.all(Array.from({ length: 24 }, () => ec2.send(new DescribeVpcsCommand({}))));
    expect(fake.calls['EC2.DescribeVpcs']).toBe(24);
    expect(fake.maxInFlight).toBe(4);
  });

  test('never more requests in flight to one endpoint host than the host cap; other hosts are not held up', async () => {
    const fake = new FakeAws({ estate, latencyMs: () => 15 });
    const factory = factoryFor(fake, { limiter: new Semaphore(32), hostConcurrency: 3 });
    const accessor = factory.accessor(module(['EC2.DescribeVpcs']), 'us-east-1', newCallStats());
    const one = accessor(EC2Client);
    await Promise.all(Array.from({ length: 12 }, () => one.send(new DescribeVpcsCommand({}))));
    expect(fake.maxInFlight).toBe(3);

    // Two regions are two hosts (ec2.us-east-1.amazonaws.com, ec2.eu-west-1.amazonaws.com): 3 in flight on each.
    const both = new FakeAws({ estate, latencyMs: () => 15 });
    const twoHosts = factoryFor(both, { limiter: new Semaphore(32), hostConcurrency: 3 }).accessor(
      module(['EC2.DescribeVpcs']),
      'us-east-1',
      newCallStats(),
    );
    const [east, west] = [twoHosts(EC2Client), twoHosts(EC2Client, { region: 'eu-west-1' })];
    await Promise.all(
      Array.from({ length: 12 }, (_, index) => (index % 2 ? east : west).send(new DescribeVpcsCommand({}))),
    );
    expect(both.calls['EC2.DescribeVpcs']).toBe(12);
    expect(both.maxInFlight).toBe(6);
  });

  test('CLOUDWARD_MAX_HOST_CONCURRENCY sets the host cap (default 16); bad values are refused', () => {
    expect(hostConcurrencyFromEnv({})).toBe(16);
    expect(hostConcurrencyFromEnv({ CLOUDWARD_MAX_HOST_CONCURRENCY: '4' })).toBe(4);
    expect(() => hostConcurrencyFromEnv({ CLOUDWARD_MAX_HOST_CONCURRENCY: '1.5' })).toThrow(
      /CLOUDWARD_MAX_HOST_CONCURRENCY must be an integer between 1 and 1024, got "1.5"/,
    );
  });

  test('EC2 reads wait for the per-region token bucket', async () => {
    const fake = new FakeAws({ estate });
    const factory = factoryFor(fake, { ec2Bucket: { burst: 5, refillPerSecond: 50 } });
    const ec2 = factory.accessor(module(['EC2.DescribeVpcs']), 'us-east-1', newCallStats())(EC2Client);
    const started = Date.now();
    await Promise.all(Array.from({ length: 15 }, () => ec2.send(new DescribeVpcsCommand({}))));
    // 5 from the burst, 10 more at 50/s: at least ~200 ms.
    expect(Date.now() - started).toBeGreaterThanOrEqual(180);
  });

  test('CLOUDWARD_MAX_CONCURRENCY sets the cap; bad values are refused', () => {
    expect(concurrencyFromEnv({})).toBe(32);
    expect(concurrencyFromEnv({ CLOUDWARD_MAX_CONCURRENCY: '8' })).toBe(8);
    expect(() => concurrencyFromEnv({ CLOUDWARD_MAX_CONCURRENCY: 'lots' })).toThrow(
      /CLOUDWARD_MAX_CONCURRENCY/,
    );
    expect(() => concurrencyFromEnv({ CLOUDWARD_MAX_CONCURRENCY: '0' })).toThrow(/CLOUDWARD_MAX_CONCURRENCY/);
  });
});

describe('custom endpoints (LocalStack, moto)', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  function capture() {
    type Seen = { hostname: string; port?: number; path: string; headers?: Record<string, string> };
    const seen: Seen[] = [];
    return {
      seen,
      requestHandler: {
        handle: async (request: Seen) => {
          seen.push({
            hostname: request.hostname,
            port: request.port,
            path: request.path,
            headers: request.headers,
          });
          throw Object.assign(new Error('stop here'), { name: 'Captured' });
        },
        updateHttpClientConfig: () => undefined,
        httpHandlerConfigs: () => ({}),
      },
    };
  }

  test('AWS_ENDPOINT_URL is honoured and S3 switches to path-style addressing', async () => {
    process.env.AWS_ENDPOINT_URL = 'http://127.0.0.1:4566';
    const { seen, requestHandler } = capture();
    const factory = new ClientFactory({ credentials, maxAttempts: 1, clientConfig: { requestHandler } });
    const probe: CollectorModule = {
      ...module([]),
      operations: [{ api: 'S3.GetBucketVersioning', actions: ['s3:GetBucketVersioning'] }],
    };
    const s3 = factory.accessor(probe, 'eu-west-1', newCallStats())(S3Client);
    await expect(s3.send(new GetBucketVersioningCommand({ Bucket: 'my-bucket' }))).rejects.toMatchObject({
      name: 'Captured',
    });
    expect(seen[0]).toMatchObject({ hostname: '127.0.0.1', port: 4566, path: '/my-bucket/' });
  });

  test('S3 Control keeps the custom host (no account-id prefix) and sends the account in its header', async () => {
    process.env.AWS_ENDPOINT_URL = 'http://localhost:4566';
    const { seen, requestHandler } = capture();
    const factory = new ClientFactory({ credentials, maxAttempts: 1, clientConfig: { requestHandler } });
    const probe: CollectorModule = {
      ...module([]),
      operations: [{ api: 'S3Control.GetPublicAccessBlock', actions: ['s3:GetAccountPublicAccessBlock'] }],
    };
    const control = factory.accessor(probe, 'us-east-1', newCallStats())(S3ControlClient);
    await expect(
      control.send(new GetPublicAccessBlockCommand({ AccountId: '111122223333' })),
    ).rejects.toMatchObject({ name: 'Captured' });
    expect(seen[0]).toMatchObject({
      hostname: 'localhost',
      port: 4566,
      path: '/v20180820/configuration/publicAccessBlock',
    });
    expect(seen[0].headers?.['x-amz-account-id']).toBe('111122223333');
    expect(seen[0].headers?.host ?? 'localhost:4566').toMatch(/^localhost/);
  });

  test('against AWS itself S3 Control keeps its account-id host', async () => {
    delete process.env.AWS_ENDPOINT_URL;
    delete process.env.AWS_ENDPOINT_URL_S3_CONTROL;
    const { seen, requestHandler } = capture();
    const factory = new ClientFactory({ credentials, maxAttempts: 1, clientConfig: { requestHandler } });
    const probe: CollectorModule = {
      ...module([]),
      operations: [{ api: 'S3Control.GetPublicAccessBlock', actions: ['s3:GetAccountPublicAccessBlock'] }],
    };
    const control = factory.accessor(probe, 'us-east-1', newCallStats())(S3ControlClient);
    await expect(
      control.send(new GetPublicAccessBlockCommand({ AccountId: '111122223333' })),
    ).rejects.toMatchObject({ name: 'Captured' });
    expect(seen[0].hostname).toBe('111122223333.s3-control.us-east-1.amazonaws.com');
  });

  test('a per-service variable (AWS_ENDPOINT_URL_EC2) wins for that service', async () => {
    process.env.AWS_ENDPOINT_URL = 'http://127.0.0.1:4566';
    process.env.AWS_ENDPOINT_URL_EC2 = 'http://localhost:5000';
    const { seen, requestHandler } = capture();
    const factory = new ClientFactory({ credentials, maxAttempts: 1, clientConfig: { requestHandler } });
    const ec2 = factory.accessor(module(['EC2.DescribeInstances']), 'us-east-1', newCallStats())(EC2Client);
    await expect(ec2.send(new DescribeInstancesCommand({}))).rejects.toMatchObject({ name: 'Captured' });
    expect(seen[0]).toMatchObject({ hostname: 'localhost', port: 5000 });
  });
});
