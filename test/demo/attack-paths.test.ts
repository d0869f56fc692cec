// The demo's attack paths end to end, the two ways users take: `cloudward scan --demo --format json`, and `serve`
// (the demo loaded into a store by the collector and evaluator, read through GET /api/v1/attack-paths and the
// alerts). Both must give the same verdicts for every workload.
import request from 'supertest';
import { main } from '../../api/cli/main';
import type { ScanIo } from '../../api/cli/scan';
import { loadDemo, type LoadDemoResult } from '../../demo';
import type { Account } from '../../store/model';
import { expectProblem, makeTestApp, serveApp, type TestApp } from '../api/helpers';

const NOW = new Date('2026-11-22T12:00:00Z');
const CONTROLS = ['attack_path_internet_to_admin', 'attack_path_internet_to_sensitive_data'];

interface ScanFinding {
  controlId: string;
  resourceArn: string;
  status: string;
  evidence: string[];
}

interface Hop {
  kind: string;
  label: string;
  id?: string;
}

let t: TestApp;
let demo: LoadDemoResult;
let production: Account;
let staging: Account;
let scanned: ScanFinding[];

beforeAll(async () => {
  t = await makeTestApp();
  demo = await loadDemo(t.store);
  production = demo.accounts.find((account) => account.awsAccountId === '111111111111')!;
  staging = demo.accounts.find((account) => account.awsAccountId === '222222222222')!;
  let stdout = '';
  const code = await main(['scan', '--demo', '--format', 'json'], {
    stdout: (text: string) => (stdout += text),
    stderr: () => {},
    env: {},
    now: () => NOW,
  } as Partial<ScanIo> as ScanIo);
  expect(code).toBe(0);
  scanned = (JSON.parse(stdout).findings as ScanFinding[]).filter((f) => CONTROLS.includes(f.controlId));
  expect(scanned.length).toBeGreaterThan(0);
}, 300_000);

afterAll(async () => {
  await t?.close();
});

const verdicts = (rows: { controlId: string; assetId?: string; resourceArn?: string; status: string }[]) =>
  rows.map((row) => `${row.controlId} ${row.assetId ?? row.resourceArn} ${row.status}`).sort();

async function storedResults(account: Account) {
  const rows = [];
  let cursor: string | undefined;
  do {
    const page = await t.store.listResults(
      { accountId: account.id, controlId: CONTROLS },
      { cursor, limit: 100 },
    );
    rows.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return rows;
}

describe('demo attack paths', () => {
  it('scan finds the bastion path to administrator through iam:PassRole + ec2:RunInstances', () => {
    const admin = scanned.filter((f) => f.controlId === CONTROLS[0] && f.status === 'fail');
    expect(admin.map((f) => f.resourceArn)).toEqual([
      expect.stringMatching(/^arn:aws:ec2:us-east-1:111111111111:instance\//),
    ]);
    const evidence = admin[0].evidence.join(' ');
    for (const hop of ['internet -> igw-', ' -> subnet-', ' -> acl-', ' -> sg-', '(tcp 22) -> role bastion'])
      expect(evidence).toContain(hop);
    expect(evidence).toContain(
      'launching an instance with role ops-maintenance (iam:PassRole + ec2:RunInstances)',
    );
    expect(evidence).toContain('arn:aws:iam::111111111111:role/ops-maintenance');
  });

  it('scan finds paths to the uploads bucket from the app instances behind the load balancer, and both verdicts', () => {
    const data = scanned.filter((f) => f.controlId === CONTROLS[1]);
    const failing = data.filter((f) => f.status === 'fail');
    // Two app instances in each of the three regions, and the ECS service orders-web behind the us-east-1 load
    // balancer, through its vulnerable image.
    expect(failing).toHaveLength(7);
    const [service] = failing.filter((f) => f.resourceArn.includes(':ecs:'));
    expect(service.resourceArn).toBe('arn:aws:ecs:us-east-1:111111111111:service/production/orders-web');
    expect(service.evidence.join(' ')).toContain(
      'internet -> production-web:443 -> production-orders -> orders-web:8080 -> image orders-api:v1.10.0 with CVE-2024-6387, CVE-2023-44487 -> role orders-task -> can read bucket production-uploads-111111111111',
    );
    for (const finding of failing.filter((f) => f !== service))
      expect(finding.evidence.join(' ')).toMatch(
        /internet -> production-web:443 -> production-app -> i-[0-9a-f]+:8080 -> role app-instance -> can read bucket production-uploads-111111111111/,
      );
    // Private workers, the bastion (which reads no bucket) and the functions pass.
    expect(data.filter((f) => f.status === 'pass').length).toBeGreaterThan(0);
    expect(data.filter((f) => f.status === 'error')).toEqual([]);
  });

  it('serve gives the same verdicts as scan for every workload of the scanned account', async () => {
    expect(verdicts(await storedResults(production))).toEqual(verdicts(scanned));
  });

  it('serve shows the Staging bastion as reachable but harmless: no path', async () => {
    const rows = await storedResults(staging);
    const bastion = rows.filter((row) => row.evidence.join(' ').includes('staging-bastion'));
    expect(bastion.map((row) => row.status)).toEqual(['pass', 'pass']);
    expect(bastion.map((row) => row.evidence.join(' ')).join(' ')).toContain(
      'is reachable from the internet',
    );
    expect(rows.filter((row) => row.controlId === CONTROLS[0] && row.status === 'fail')).toEqual([]);
  });
});

describe('GET /api/v1/attack-paths', () => {
  it('lists the failing paths with their hops in order, for an auditor', async () => {
    const response = await request(serveApp(t))
      .get('/api/v1/attack-paths')
      .query({ account: production.id, end: 'admin' })
      .set('Authorization', t.auditor);
    expect(response.status).toBe(200);
    expect(response.body.items).toHaveLength(1);
    const [item] = response.body.items;
    expect(item).toMatchObject({
      controlId: CONTROLS[0],
      end: 'admin',
      severity: 'critical',
      assetName: 'production-bastion',
    });
    const hops: Hop[] = item.paths[0].hops;
    expect(hops.map((hop) => hop.kind)).toEqual([
      'internet',
      'network',
      'network',
      'network',
      'network',
      'workload',
      'role',
      'admin',
    ]);
    expect(hops[5].id).toBe(item.assetId);
    expect(hops[6]).toMatchObject({ label: 'role bastion', id: 'arn:aws:iam::111111111111:role/bastion' });
    expect(hops[7].id).toBe('arn:aws:iam::111111111111:role/ops-maintenance');
    expect(item.paths[0].summary).toBe(hops.map((hop) => hop.label).join(' -> '));
  });

  it('pages through both ends without repeating a path', async () => {
    const app = serveApp(t);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const response = await request(app)
        .get('/api/v1/attack-paths')
        .query({ limit: 2, ...(cursor ? { cursor } : {}) })
        .set('Authorization', t.auditor);
      expect(response.status).toBe(200);
      expect(response.body.items.length).toBeLessThanOrEqual(2);
      seen.push(
        ...response.body.items.map(
          (item: { controlId: string; assetId: string }) => `${item.controlId} ${item.assetId}`,
        ),
      );
      cursor = response.body.nextCursor ?? undefined;
    } while (cursor);
    // Production: one path to admin and seven to data (six app instances, the orders-web service through its
    // vulnerable image); Staging: its app instances read its uploads bucket.
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.filter((key) => key.startsWith(CONTROLS[0]))).toHaveLength(1);
    const stagingFailures = (await storedResults(staging)).filter((row) => row.status === 'fail');
    expect(seen).toHaveLength(8 + stagingFailures.length);
  });

  it('refuses a bad query with a problem naming the field, and callers without a token', async () => {
    const app = serveApp(t);
    const bad = await request(app)
      .get('/api/v1/attack-paths')
      .query({ end: 'root' })
      .set('Authorization', t.auditor);
    expectProblem(bad, 400);
    expect(JSON.stringify(bad.body)).toContain('end');
    const anonymous = await request(app).get('/api/v1/attack-paths');
    expect(anonymous.status).toBe(401);
  });

  it('gives the alert of an attack path control its path', async () => {
    const app = serveApp(t);
    const list = await request(app)
      .get('/api/v1/alerts')
      .query({ account: production.id, control: CONTROLS[0] })
      .set('Authorization', t.auditor);
    expect(list.status).toBe(200);
    const alert = list.body.items.find((item: { controlId: string }) => item.controlId === CONTROLS[0]);
    expect(alert.attackPaths[0].hops.at(-1).id).toBe('arn:aws:iam::111111111111:role/ops-maintenance');
    const one = await request(app).get(`/api/v1/alerts/${alert.id}`).set('Authorization', t.auditor);
    expect(one.body.attackPaths).toEqual(alert.attackPaths);
    const other = list.body.items.find((item: { controlId: string }) => !CONTROLS.includes(item.controlId));
    if (other) expect(other.attackPaths).toBeUndefined();
  });
});
