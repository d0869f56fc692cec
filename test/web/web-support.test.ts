// api/routes/web-support.ts over HTTP: regions, alert summary and export, trends, sync state, asset graph and
// alerts, onboarding files — on a real in-memory store.
import { randomBytes } from 'node:crypto';
import JSZip from 'jszip';
import request from 'supertest';
import type { Express } from 'express';
import { createApp } from '../../api/app';
import { generateToken, hashToken } from '../../api/auth';
import { InProcessJobQueue } from '../../api/jobs/in-process';
import { resolveControlIds } from '../../api/routes/controls';
import { combineSnapshots, webSupportExtraRouters } from '../../api/routes/web-support';
import { createSecretBox } from '../../api/secrets';
import { allOperations } from '../../collector/registry';
import { defaultControlSet, defineControl } from '../../evaluator';
import { openStore } from '../../store';
import type { Account, EvaluationResult } from '../../store/model';
import type { Store } from '../../store/store';
import { asset, seedAssets } from '../api/helpers';
import { parseCsv } from '../scan/csv-parse';

jest.setTimeout(60_000);

let store: Store;
let app: Express;
let jobs: InProcessJobQueue;
let admin: string;
let auditor: string;
let account: Account;
let controlId: string;
let otherControlId: string;
let frameworkId: string;
let webKey: string;

const WEB = 'arn:aws:ec2:eu-west-1:111111111111:instance/i-web';
const SG = 'arn:aws:ec2:eu-west-1:111111111111:security-group/sg-1';
const DB = 'arn:aws:rds:eu-west-1:111111111111:db:orders';

function result(overrides: Partial<EvaluationResult> & { assetId: string }): EvaluationResult {
  return {
    controlId,
    accountId: account.id,
    region: 'eu-west-1',
    resourceType: 'aws_ec2_instance',
    status: 'fail',
    severity: 'high',
    reason: 'instance "web, 1" is open',
    evidence: ['port 22 open', 'public IP'],
    exposed: true,
    ...overrides,
  };
}

beforeAll(async () => {
  store = await openStore({ memory: true });
  jobs = new InProcessJobQueue();
  const adminToken = generateToken();
  const auditorToken = generateToken();
  await store.createToken({ name: 'admin', role: 'admin', tokenHash: hashToken(adminToken) });
  await store.createToken({ name: 'auditor', role: 'auditor', tokenHash: hashToken(auditorToken) });
  admin = `Bearer ${adminToken}`;
  auditor = `Bearer ${auditorToken}`;
  app = createApp({
    store,
    secrets: createSecretBox(randomBytes(32)),
    jobs,
    webDir: null,
    env: {},
    resolveControlIds,
    extraRouters: webSupportExtraRouters({
      store,
      resolveControlIds,
      onboarding: { trustedPrincipal: 'arn:aws:iam::999999999999:root', operations: allOperations },
    }),
  });

  const set = defaultControlSet();
  const framework = set.frameworks.find((candidate) =>
    candidate.requirements.some((requirement) => requirement.controls.length > 1),
  )!;
  frameworkId = framework.id;
  const frameworkControls = [...new Set(framework.requirements.flatMap((r) => r.controls))];
  controlId = frameworkControls[0];
  otherControlId = set.controls.find((control) => !frameworkControls.includes(control.id))?.id ?? 'custom_x';

  account = await store.createAccount({
    name: 'Prod',
    awsAccountId: '111111111111',
    roleArn: 'arn:aws:iam::111111111111:role/CloudwardReadOnly',
    externalIdCiphertext: 'x',
    regions: ['eu-west-1'],
  });
  await seedAssets(store, account.id, [
    asset(account, { id: WEB, name: 'web-1' }),
    asset(account, { id: SG, name: 'web-sg', type: 'aws_ec2_security_group', class: 'Firewall' }),
    asset(account, {
      id: DB,
      name: 'orders',
      service: 'rds',
      type: 'aws_rds_db_instance',
      class: 'DataStore',
    }),
  ]);
  const sync = await store.createSync(account.id, 'manual');
  await store.markSyncRunning(sync.id);
  await store.upsertRelationships(sync.id, [
    { accountId: account.id, fromId: SG, verb: 'PROTECTS', toId: WEB, service: 'ec2', region: 'eu-west-1' },
    {
      accountId: account.id,
      fromId: WEB,
      verb: 'IN',
      toId: 'arn:aws:ec2:eu-west-1:111111111111:subnet/subnet-gone',
      service: 'ec2',
      region: 'eu-west-1',
    },
  ]);
  await store.finishSync(sync.id, 'partial');
  await store.applyResults(
    account.id,
    [controlId, otherControlId],
    [
      result({ assetId: WEB }),
      result({ assetId: DB, severity: 'critical', resourceType: 'aws_rds_db_instance', exposed: false }),
      // Text from a scanned account that a spreadsheet would run as formulas (the CSV export must defuse it).
      result({
        assetId: SG,
        controlId: otherControlId,
        severity: 'low',
        exposed: false,
        reason: '=HYPERLINK("http://evil.example/","open me")',
        evidence: ['@SUM(1,2)', 'port 22 open'],
      }),
      result({ assetId: SG, status: 'pass', resourceType: 'aws_ec2_security_group', exposed: false }),
    ],
  );
  webKey = (await store.getAssetById(account.id, WEB))!.key;
});

afterAll(async () => {
  await jobs?.close({ graceMs: 1000 });
  await store?.close();
});

test('GET /regions lists every region with its partition and opt-in flag', async () => {
  const response = await request(app).get('/api/v1/regions').set('Authorization', auditor).expect(200);
  const names = response.body.items.map((region: { name: string }) => region.name);
  expect(names).toEqual(expect.arrayContaining(['us-east-1', 'eu-west-1', 'cn-north-1']));
  expect(response.body.items).toContainEqual({
    name: 'af-south-1',
    description: 'Africa (Cape Town)',
    partition: 'aws',
    optIn: true,
  });
  await request(app).get('/api/v1/regions').expect(401);
});

test('GET /reports/alerts/summary counts open alerts by severity and ranks failing controls', async () => {
  const response = await request(app)
    .get('/api/v1/reports/alerts/summary')
    .set('Authorization', auditor)
    .expect(200);
  expect(response.body).toMatchObject({
    open: 3,
    exposed: 1,
    bySeverity: { critical: 1, high: 1, medium: 0, low: 1, info: 0 },
  });
  expect(response.body.topControls[0]).toMatchObject({ controlId, failing: 2, title: expect.any(String) });
  expect(response.body.topControls).toHaveLength(2);
  await request(app).get('/api/v1/reports/alerts/summary?top=0').set('Authorization', auditor).expect(400);
});

test('GET /reports/alerts/export streams the filtered list as CSV and JSON', async () => {
  const csv = await request(app)
    .get('/api/v1/reports/alerts/export?format=csv&severity=high,critical')
    .set('Authorization', auditor)
    .expect(200);
  expect(csv.headers['content-type']).toMatch(/^text\/csv/);
  expect(csv.headers['content-disposition']).toMatch(
    /^attachment; filename="?cloudward-alerts-\d{4}-\d\d-\d\d\.csv"?$/,
  );
  const lines = csv.text.trimEnd().split('\r\n');
  expect(lines[0]).toBe(
    'id,severity,status,control_id,control_title,account_id,aws_account_id,region,resource_type,asset_id,exposed,reason,evidence,first_seen_at,last_seen_at,resolved_at,suppression_id',
  );
  expect(lines).toHaveLength(3);
  // Cloudward's account id, then the AWS account's.
  for (const line of lines.slice(1)) expect(line).toContain(`,${account.id},111111111111,`);
  expect(csv.text).toContain('"instance ""web, 1"" is open"');

  const low = await request(app)
    .get('/api/v1/reports/alerts/export?format=csv&severity=low')
    .set('Authorization', auditor)
    .expect(200);
  const [header, row] = parseCsv(low.text);
  expect(row[header.indexOf('reason')]).toBe(`'=HYPERLINK("http://evil.example/","open me")`);
  expect(row[header.indexOf('evidence')]).toBe(`'@SUM(1,2) | port 22 open`);
  expect(row[header.indexOf('severity')]).toBe('low');

  const json = await request(app)
    .get(`/api/v1/reports/alerts/export?format=json&framework=${frameworkId}`)
    .set('Authorization', auditor)
    .expect(200);
  const alerts = JSON.parse(json.text) as { controlId: string; assetId: string }[];
  expect(alerts.map((alert) => alert.controlId).sort()).toEqual([controlId, controlId]);

  const none = await request(app)
    .get('/api/v1/reports/alerts/export?format=json&status=resolved')
    .set('Authorization', auditor)
    .expect(200);
  expect(JSON.parse(none.text)).toEqual([]);

  const bad = await request(app)
    .get('/api/v1/reports/alerts/export?format=xml&framework=nope')
    .set('Authorization', auditor)
    .expect(400);
  expect(bad.headers['content-type']).toMatch(/problem\+json/);
  await request(app)
    .get('/api/v1/reports/alerts/export?framework=no-such-framework')
    .set('Authorization', auditor)
    .expect(400);
});

test('GET /reports/frameworks/scores leaves suppressed failures out of the accepted score', async () => {
  const before = await request(app).get('/api/v1/reports/frameworks/scores').set('Authorization', auditor);
  const entry = (body: { items: { id: string }[] }) => body.items.find((item) => item.id === frameworkId)!;
  expect(entry(before.body)).toMatchObject({ accepted: 0 });
  const alert = (await store.listAlerts({ controlIds: [controlId], assetId: WEB })).items[0];
  await request(app)
    .post(`/api/v1/alerts/${alert.id}/suppress`)
    .set('Authorization', auditor)
    .send({ justification: 'bastion host' })
    .expect(200);
  const after = await request(app).get('/api/v1/reports/frameworks/scores').set('Authorization', auditor);
  const { passed, evaluated, score, accepted, acceptedScore } = entry(after.body) as unknown as Record<
    string,
    number
  >;
  expect(accepted).toBe(1);
  expect(score).toBeCloseTo(passed / evaluated);
  expect(acceptedScore).toBeCloseTo(passed / (evaluated - 1));
  const summary = await request(app).get('/api/v1/reports/alerts/summary').set('Authorization', auditor);
  expect(summary.body.open).toBe(2);
  await store.deleteSuppression(alert.suppressionId ?? (await store.getAlert(alert.id))!.suppressionId!);
});

test('combineSnapshots sums each account’s latest snapshot at every point in time', () => {
  const points = combineSnapshots([
    { at: '2026-01-01T00:00:00.000Z', accountId: 'a', frameworkId: 'f', passed: 1, evaluated: 4 },
    { at: '2026-01-02T00:00:00.000Z', accountId: 'b', frameworkId: 'f', passed: 3, evaluated: 4 },
    { at: '2026-01-03T00:00:00.000Z', accountId: 'a', frameworkId: 'f', passed: 4, evaluated: 4 },
    { at: '2026-01-03T00:00:00.000Z', accountId: 'a', frameworkId: 'g', passed: 0, evaluated: 0 },
  ]);
  expect(points).toEqual([
    {
      frameworkId: 'f',
      points: [
        { at: '2026-01-01T00:00:00.000Z', passed: 1, evaluated: 4, score: 0.25 },
        { at: '2026-01-02T00:00:00.000Z', passed: 4, evaluated: 8, score: 0.5 },
        { at: '2026-01-03T00:00:00.000Z', passed: 7, evaluated: 8, score: 0.875 },
      ],
    },
    { frameworkId: 'g', points: [{ at: '2026-01-03T00:00:00.000Z', passed: 0, evaluated: 0, score: null }] },
  ]);
});

test('GET /reports/frameworks/trends reads the stored snapshots', async () => {
  await store.recordScoreSnapshot(account.id, { [frameworkId]: { passed: 1, evaluated: 2 } });
  await store.recordScoreSnapshot(account.id, { [frameworkId]: { passed: 2, evaluated: 2 } });
  const response = await request(app)
    .get(`/api/v1/reports/frameworks/trends?framework=${frameworkId}`)
    .set('Authorization', auditor)
    .expect(200);
  expect(response.body.items).toHaveLength(1);
  expect(response.body.items[0].points.map((point: { score: number }) => point.score)).toEqual([0.5, 1]);
});

test('GET /reports/sync-state gives the running and the last finished sync of each account', async () => {
  const running = await store.createSync(account.id, 'manual');
  await store.markSyncRunning(running.id);
  await store.updateSyncProgress(running.id, { done: 2, total: 5, current: 'ec2 eu-west-1' });
  const response = await request(app)
    .get('/api/v1/reports/sync-state')
    .set('Authorization', auditor)
    .expect(200);
  expect(response.body.items).toEqual([
    {
      accountId: account.id,
      running: expect.objectContaining({
        id: running.id,
        progress: { done: 2, total: 5, current: 'ec2 eu-west-1' },
      }),
      last: expect.objectContaining({ status: 'partial' }),
    },
  ]);
  await store.finishSync(running.id, 'succeeded');
});

test('GET /reports/asset/graph resolves the other end; /reports/asset/alerts lists the asset’s alerts', async () => {
  const graph = await request(app)
    .get('/api/v1/reports/asset/graph')
    .query({ key: webKey })
    .set('Authorization', auditor)
    .expect(200);
  expect(graph.body.items).toEqual(
    expect.arrayContaining([
      expect.objectContaining({
        verb: 'PROTECTS',
        direction: 'in',
        other: expect.objectContaining({ id: SG, name: 'web-sg', type: 'aws_ec2_security_group' }),
      }),
      expect.objectContaining({ verb: 'IN', direction: 'out', other: null }),
    ]),
  );
  const alerts = await request(app)
    .get('/api/v1/reports/asset/alerts')
    .query({ key: webKey })
    .set('Authorization', auditor)
    .expect(200);
  expect(alerts.body.items.map((alert: { assetId: string }) => alert.assetId)).toEqual([WEB]);
  await request(app)
    .get('/api/v1/reports/asset/graph')
    .query({ key: 'nope' })
    .set('Authorization', auditor)
    .expect(404);
});

test('GET /reports/onboarding/files renders Terraform and zips it; admins only', async () => {
  const query = {
    format: 'terraform',
    accountId: '123456789012',
    regions: 'eu-west-1',
    externalId: 'a'.repeat(32),
  };
  await request(app)
    .get('/api/v1/reports/onboarding/files')
    .query(query)
    .set('Authorization', auditor)
    .expect(403);
  const files = await request(app)
    .get('/api/v1/reports/onboarding/files')
    .query(query)
    .set('Authorization', admin)
    .expect(200);
  const all = files.body.files.map((file: { content: string }) => file.content).join('\n');
  expect(files.body.files.length).toBeGreaterThan(0);
  expect(all).toContain('a'.repeat(32));
  const zip = await request(app)
    .get('/api/v1/reports/onboarding/files')
    .query({ ...query, download: 'true' })
    .set('Authorization', admin)
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    })
    .expect(200);
  const archive = await JSZip.loadAsync(zip.body as Buffer);
  expect(
    Object.values(archive.files)
      .filter((entry) => !entry.dir)
      .map((entry) => entry.name)
      .sort(),
  ).toEqual(files.body.files.map((file: { path: string }) => file.path).sort());
  await request(app)
    .get('/api/v1/reports/onboarding/files')
    .query({ ...query, accountId: '12' })
    .set('Authorization', admin)
    .expect(400);
});

test("GET /reports/alert/remediation fills the control's templates with the alert's asset", async () => {
  const control = defineControl({
    id: controlId,
    title: 'EC2 instances require IMDSv2',
    severity: 'high',
    resourceTypes: ['aws_ec2_instance'],
    scope: 'regional',
    condition: { attr: 'config.MetadataOptions.HttpTokens', eq: 'required' },
    rationale: 'IMDSv1 can leak role credentials.',
    remediation: {
      console: ['Open instance {{name}} in {{region}}'],
      cli: 'aws ec2 modify-instance-metadata-options --instance-id {{config.InstanceId}} --region {{region}} --http-tokens required',
    },
    references: [
      'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-IMDS-existing-instances.html',
    ],
  });
  const withTemplates = createApp({
    store,
    secrets: createSecretBox(randomBytes(32)),
    jobs,
    webDir: null,
    env: {},
    extraRouters: webSupportExtraRouters({
      store,
      controls: () => ({ controls: [control], frameworks: [] }),
    }),
  });
  const alert = (await store.listAlerts({ accountId: account.id, controlIds: [controlId] })).items.find(
    (candidate) => candidate.assetId === WEB,
  )!;
  const response = await request(withTemplates)
    .get('/api/v1/reports/alert/remediation')
    .query({ id: alert.id })
    .set('Authorization', auditor)
    .expect(200);
  expect(response.body).toEqual({
    controlId,
    remediation: {
      console: ['Open instance web-1 in eu-west-1'],
      // The asset has no InstanceId in its configuration: a named placeholder, never "(missing)".
      cli: 'aws ec2 modify-instance-metadata-options --instance-id <InstanceId> --region eu-west-1 --http-tokens required',
    },
    references: control.references,
  });
  await request(withTemplates)
    .get('/api/v1/reports/alert/remediation')
    .query({ id: '00000000-0000-4000-8000-000000000000' })
    .set('Authorization', auditor)
    .expect(404);
});
