// Tags of trails, log groups, alarms, SNS topics, Lambda functions and ECR repositories read from moto
// (`moto_server`, an emulator nobody on the team wrote) through the real client factory and unit runner.
// Skipped where moto_server or python3 with boto3 is not installed, like moto.test.ts.
import { ClientFactory } from '../../collector/clients';
import { cloudtrailCollector } from '../../collector/services/cloudtrail';
import { cloudwatchCollector } from '../../collector/services/cloudwatch';
import { ecrCollector } from '../../collector/services/ecr';
import { lambdaCollector } from '../../collector/services/lambda';
import { logsCollector } from '../../collector/services/logs';
import { snsCollector } from '../../collector/services/sns';
import type { CollectorModule } from '../../collector/types';
import type { Asset, SyncServiceResult } from '../../store/model';
import { runModuleUnit } from '../collector/harness';
import { MOTO_ACCOUNT as ACCOUNT, motoSuite, startMoto, type MotoServer } from './moto-server';

const modules: CollectorModule[] = [
  cloudtrailCollector,
  logsCollector,
  cloudwatchCollector,
  snsCollector,
  lambdaCollector,
  ecrCollector,
];

motoSuite('tags read from moto')('tags read from moto', () => {
  let moto: MotoServer;
  const results = new Map<string, SyncServiceResult>();
  const assets: Asset[] = [];

  beforeAll(async () => {
    moto = await startMoto();
    await moto.seed('tags_estate.py');
    const restoreEnv = moto.useEnv();
    try {
      const factory = new ClientFactory({
        credentials: async () => ({ accessKeyId: 'AKIAEMULATOR', secretAccessKey: 'emulator-secret' }),
      });
      for (const module of modules) {
        const run = await runModuleUnit(module, { accountId: ACCOUNT, factory, timeoutMs: 60_000 });
        assets.push(...run.assets);
        const result = run.result;
        results.set(module.service, result);
      }
    } finally {
      restoreEnv();
    }
  }, 120_000);

  afterAll(async () => {
    await moto?.stop();
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

  it('reads function URLs one by one where moto lacks ListFunctionUrlConfigs (no route: an HTML 404)', () => {
    for (const name of ['tagged-fn', 'plain-fn']) {
      const fn = byName('aws_lambda_function', name);
      expect(fn?.readErrors).toBeUndefined();
      expect(fn?.config.FunctionUrlConfigs).toEqual({ FunctionUrlConfigs: [] });
    }
  });
});
