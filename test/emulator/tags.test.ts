// Tags of trails, log groups, alarms, SNS topics, Lambda functions and ECR repositories read from moto
// (`moto_server`, an emulator nobody on the team wrote) through the real client factory and unit runner.
// Skipped where moto_server or python3 with boto3 is not installed, like moto.test.ts.
import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { useEndpointEnv } from '../../bench/collector-fake-aws-http';
import { ClientFactory } from '../../collector/clients';
import { cloudtrailCollector } from '../../collector/services/cloudtrail';
import { cloudwatchCollector } from '../../collector/services/cloudwatch';
import { ecrCollector } from '../../collector/services/ecr';
import { lambdaCollector } from '../../collector/services/lambda';
import { logsCollector } from '../../collector/services/logs';
import { snsCollector } from '../../collector/services/sns';
import type { CollectorModule } from '../../collector/types';
import { runUnit } from '../../collector/unit';
import type { Asset, SyncServiceResult } from '../../store/model';

const ACCOUNT = '123456789012';
const available =
  spawnSync('moto_server', ['--help'], { stdio: 'ignore' }).status === 0 &&
  spawnSync('python3', ['-c', 'import boto3'], { stdio: 'ignore' }).status === 0;
if (!available)
  console.warn('moto_server or python3 with boto3 is not installed: the moto tags suite is skipped');
const suite = available ? describe : describe.skip;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilUp(url: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    try {
      if ((await fetch(`${url}/moto-api/data.json`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`moto_server did not answer at ${url}`);
}

const modules: CollectorModule[] = [
  cloudtrailCollector,
  logsCollector,
  cloudwatchCollector,
  snsCollector,
  lambdaCollector,
  ecrCollector,
];

suite('tags read from moto', () => {
  let moto: ChildProcess;
  const results = new Map<string, SyncServiceResult>();
  const assets: Asset[] = [];

  beforeAll(async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    moto = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
    await waitUntilUp(url);
    await promisify(execFile)('python3', [path.join(__dirname, 'tags_estate.py'), url]);
    const restoreEnv = useEndpointEnv(url, { AWS_REGION: 'us-east-1' });
    try {
      const factory = new ClientFactory({
        credentials: async () => ({ accessKeyId: 'AKIAEMULATOR', secretAccessKey: 'emulator-secret' }),
      });
      for (const module of modules) {
        const result = await runUnit({
          module,
          region: 'us-east-1',
          accountId: ACCOUNT,
          partition: 'aws',
          factory,
          sink: {
            writeAssets: async (written) => void assets.push(...written),
            writeRelationships: async () => undefined,
          },
          batchSize: 100,
          timeoutMs: 60_000,
          log: () => undefined,
        });
        results.set(module.service, result);
      }
    } finally {
      restoreEnv();
    }
  }, 120_000);

  afterAll(async () => {
    if (moto && moto.exitCode === null) {
      const exited = new Promise((resolve) => moto.once('exit', resolve));
      moto.kill();
      await exited;
    }
  });

  const byName = (type: string, name: string) =>
    assets.find((asset) => asset.type === type && asset.name === name);

  it('reads every module completely, each tag call counted', () => {
    for (const module of modules) expect(results.get(module.service)?.status).toBe('ok');
    expect(results.get('cloudtrail')?.calls['CloudTrail.ListTags']).toBe(1);
    expect(results.get('lambda')?.calls['Lambda.ListTags']).toBe(2);
  });

  it.each([
    ['aws_cloudtrail_trail', 'tagged-trail', { Environment: 'production', Owner: 'security' }],
    ['aws_logs_log_group', 'tagged-group', { Environment: 'production' }],
    ['aws_cloudwatch_alarm', 'tagged-alarm', { Owner: 'ops' }],
    ['aws_sns_topic', 'tagged-topic', { Owner: 'secops' }],
    ['aws_lambda_function', 'tagged-fn', { Owner: 'orders-team' }],
    ['aws_ecr_repository', 'shop/tagged', { Environment: 'staging' }],
  ])('%s %s carries its tags', (type, name, tags) => {
    expect(byName(type, name)?.tags).toEqual(tags);
    expect(byName(type, name)?.readErrors?.Tags).toBeUndefined();
  });

  it.each([
    ['aws_cloudtrail_trail', 'plain-trail'],
    ['aws_logs_log_group', 'plain-group'],
    ['aws_sns_topic', 'plain-topic'],
    ['aws_lambda_function', 'plain-fn'],
    ['aws_ecr_repository', 'plain-repo'],
  ])('untagged %s %s has none, read without error', (type, name) => {
    const asset = byName(type, name);
    expect(asset?.tags).toEqual({});
    expect(asset?.config).toHaveProperty('Tags');
    expect(asset?.readErrors?.Tags).toBeUndefined();
  });

  it('keeps the functions when moto lacks ListFunctionUrlConfigs (no route: an HTML 404)', () => {
    for (const name of ['tagged-fn', 'plain-fn'])
      expect(byName('aws_lambda_function', name)?.readErrors).toEqual({
        FunctionUrlConfigs: 'HttpStatus404',
      });
  });
});
