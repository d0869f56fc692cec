// A small estate for the e2e tests while demo/index.ts (loadDemo) is not there yet: two syncs and two
// evaluations of real controls, so alerts have history and frameworks have a score trend.
import { countsFromStore, defaultControlSet, scoreFramework } from '../../evaluator';
import type { Asset, EvaluationResult } from '../../store/model';
import type { Store } from '../../store/store';

const ACCOUNT = '111111111111';
const REGION = 'eu-west-1';

function estate(accountId: string): {
  assets: Asset[];
  relationships: Parameters<Store['upsertRelationships']>[1];
} {
  const arn = (service: string, resource: string, region = REGION) =>
    `arn:aws:${service}:${region}:${ACCOUNT}:${resource}`;
  const vpc = arn('ec2', 'vpc/vpc-0a1b2c3d');
  const subnet = arn('ec2', 'subnet/subnet-0a1b2c3d');
  const sg = arn('ec2', 'security-group/sg-0a1b2c3d');
  const web = arn('ec2', 'instance/i-0web000000000001');
  const base = { accountId, tags: {}, config: {} };
  const assets: Asset[] = [
    {
      ...base,
      id: vpc,
      region: REGION,
      service: 'ec2',
      type: 'aws_ec2_vpc',
      class: 'Network',
      name: 'prod-vpc',
    },
    {
      ...base,
      id: subnet,
      region: REGION,
      service: 'ec2',
      type: 'aws_ec2_subnet',
      class: 'Network',
      name: 'public-a',
    },
    {
      ...base,
      id: sg,
      region: REGION,
      service: 'ec2',
      type: 'aws_ec2_security_group',
      class: 'Firewall',
      name: 'web-sg',
      config: { GroupId: 'sg-0a1b2c3d', IpPermissions: [{ FromPort: 22, ToPort: 22, IpProtocol: 'tcp' }] },
    },
    {
      ...base,
      id: web,
      region: REGION,
      service: 'ec2',
      type: 'aws_ec2_instance',
      class: 'Host',
      name: 'web-1',
      tags: { Name: 'web-1', env: 'prod' },
      config: {
        InstanceId: 'i-0web000000000001',
        PublicIpAddress: '203.0.113.10',
        State: { Name: 'running' },
      },
    },
    ...['logs', 'assets', 'backups'].map((name): Asset => ({
      ...base,
      id: `arn:aws:s3:::acme-${name}`,
      region: 'global',
      service: 's3',
      type: 'aws_s3_bucket',
      class: 'DataStore',
      name: `acme-${name}`,
      tags: { team: 'platform' },
    })),
  ];
  const edge = (fromId: string, verb: 'PROTECTS' | 'IN', toId: string) => ({
    accountId,
    fromId,
    verb,
    toId,
    service: 'ec2',
    region: REGION,
  });
  return {
    assets,
    relationships: [edge(sg, 'PROTECTS', web), edge(web, 'IN', subnet), edge(subnet, 'IN', vpc)],
  };
}

async function evaluateRound(store: Store, accountId: string, assets: Asset[], fixed: Set<string>) {
  const set = defaultControlSet();
  const results: EvaluationResult[] = [];
  const ran = new Set<string>();
  for (const asset of assets) {
    const controls = set.controls.filter((control) => control.resourceTypes.includes(asset.type)).slice(0, 4);
    controls.forEach((control, index) => {
      ran.add(control.id);
      const fail = index % 2 === 0 && !fixed.has(asset.id);
      results.push({
        controlId: control.id,
        accountId,
        region: asset.region,
        assetId: asset.id,
        resourceType: asset.type,
        status: fail ? 'fail' : 'pass',
        severity: control.severity,
        reason: `${asset.name}: ${fail ? 'fails' : 'passes'} "${control.title}"`,
        evidence: [`${asset.type} ${asset.name}`, fail ? 'the setting is off' : 'the setting is on'],
        trace: [`config.Setting is ${fail ? 'false' : 'true'}`],
        exposed: asset.type === 'aws_ec2_instance',
      });
    });
  }
  await store.applyResults(accountId, [...ran], results);
  const counts = countsFromStore(await store.resultCounts({ accountId }));
  const scores: Record<string, { passed: number; evaluated: number }> = {};
  for (const framework of set.frameworks) {
    const score = scoreFramework(framework, counts);
    scores[framework.id] = { passed: score.passed, evaluated: score.evaluated };
  }
  await store.recordScoreSnapshot(accountId, scores);
}

export async function seedSmallEstate(store: Store): Promise<void> {
  const account = await store.createAccount({
    name: 'Production',
    awsAccountId: ACCOUNT,
    roleArn: `arn:aws:iam::${ACCOUNT}:role/CloudwardReadOnly`,
    externalIdCiphertext: 'not-used-by-the-e2e-tests',
    regions: [REGION, 'us-east-1'],
  });
  const { assets, relationships } = estate(account.id);
  for (const fixed of [new Set<string>(), new Set(['arn:aws:s3:::acme-logs'])]) {
    const sync = await store.createSync(account.id, 'manual');
    await store.markSyncRunning(sync.id);
    await store.upsertAssets(sync.id, assets);
    await store.upsertRelationships(sync.id, relationships);
    await store.finishSync(sync.id, 'succeeded');
    await evaluateRound(store, account.id, assets, fixed);
  }
}
