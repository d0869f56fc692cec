// Parity (issue 11): one recorded estate read by `scan` (runScan, what `cloudward scan` runs) and by `serve` (an
// account in a store, its sync job then its evaluation job, run by the job handlers with the same collectorRunSync
// and evaluateForServe as `serve`) gives the same findings, control by control (control, asset, region, status,
// severity, reason, evidence), and the same analyser facts per asset. Run on the demo estate (recorded AWS answers
// replayed through the real SDK clients) and on an IAM estate seeded into moto_server (skipped where moto is not
// installed). One fixed clock for both paths.
import { randomBytes } from 'node:crypto';
import { runScan, type RunScanOptions } from '../../api/export/run-scan';
import { resolveScanTarget, type ScanTarget } from '../../api/export/scan-target';
import { selectControls } from '../../api/export/select';
import { collectorRunSync, evaluateForServe } from '../../api/integrations';
import { registerAccountJobs, requestSync } from '../../api/jobs/account-jobs';
import { InProcessJobQueue } from '../../api/jobs/in-process';
import { createSecretBox } from '../../api/secrets';
import { DEMO_ACCOUNTS, DEMO_ROLE_NAME, demoSyncOptions } from '../../demo';
import { defaultControlSet } from '../../evaluator/controls/default-set';
import type { AccountEvaluation } from '../../evaluator/evaluate-account';
import { canonicalJson } from '../../evaluator/fingerprint';
import { openStore } from '../../store';
import type { Account, Sync } from '../../store/model';
import type { Store } from '../../store/store';
import { MOTO_ACCOUNT, motoSuite, startMoto, type MotoServer } from '../emulator/moto-server';

const NOW = new Date('2026-11-01T12:00:00Z');
const secrets = createSecretBox(randomBytes(32));

/** What a compliance officer compares: one row per (control, asset). */
interface Finding {
  controlId: string;
  assetId: string;
  region: string;
  status: string;
  severity: string;
  reason: string;
  evidence: string[];
}

const findingKey = (finding: Finding) => `${finding.controlId} ${finding.assetId}`;
const byKey = (a: Finding, b: Finding) => (findingKey(a) < findingKey(b) ? -1 : 1);

interface ScanRunFindings {
  findings: Finding[];
  /** Analyser output by asset id. */
  facts: Map<string, Record<string, unknown>>;
}

/** `cloudward scan` minus the argument parsing and the report files: runScan with every built-in control. */
async function scanFindings(
  target: ScanTarget,
  regions: string[],
  read: Pick<RunScanOptions, 'clientConfig' | 'modules'> = {},
): Promise<ScanRunFindings> {
  const run = await runScan({
    target,
    regions,
    selected: selectControls(defaultControlSet(), {}),
    version: 'parity',
    ...read,
    now: () => NOW,
  });
  const findings = [...run.result.findings].map(
    ({ controlId, resourceArn, region, status, severity, reason, evidence }) => ({
      controlId,
      assetId: resourceArn,
      region,
      status,
      severity,
      reason,
      evidence,
    }),
  );
  return { findings: findings.sort(byKey), facts: run.facts };
}

interface ServeRun {
  sync: Sync;
  evaluation: AccountEvaluation;
  findings: Finding[];
  /** The analyser output the store holds, by asset id. */
  facts: Map<string, Record<string, unknown>>;
}

/** What `serve` does when an account is added: a sync job, then the evaluation job it queues. */
async function serveFindings(store: Store, account: Account, env: NodeJS.ProcessEnv = {}): Promise<ServeRun> {
  const queue = new InProcessJobQueue();
  let evaluated!: (evaluation: AccountEvaluation) => void;
  let failed!: (error: unknown) => void;
  const evaluation = new Promise<AccountEvaluation>((resolve, reject) => {
    evaluated = resolve;
    failed = reject;
  });
  registerAccountJobs({
    store,
    queue,
    runSync: async (...args) => {
      try {
        const outcome = await collectorRunSync(secrets, env, { now: () => NOW })(...args);
        // A failed sync queues no evaluation: fail here rather than wait for one.
        if (outcome === 'failed') failed(new Error('the sync read nothing'));
        return outcome;
      } catch (error) {
        failed(error);
        throw error;
      }
    },
    runEvaluation: async (evaluationStore, accountId) => {
      try {
        evaluated(await evaluateForServe(evaluationStore, accountId, { now: NOW }));
      } catch (error) {
        failed(error);
        throw error;
      }
    },
  });
  try {
    const requested = await requestSync(store, queue, account, 'create');
    const done = await evaluation;
    const findings: Finding[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.listResults({ accountId: account.id }, { cursor, limit: 500 });
      for (const { controlId, assetId, region, status, severity, reason, evidence } of page.items)
        findings.push({ controlId, assetId, region, status, severity, reason, evidence });
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const facts = new Map<string, Record<string, unknown>>();
    for await (const batch of store.streamAssets(account.id))
      for (const asset of batch) facts.set(asset.id, asset.facts);
    return {
      sync: (await store.getSync(requested.id))!,
      evaluation: done,
      findings: findings.sort(byKey),
      facts,
    };
  } finally {
    await queue.close();
  }
}

/** The findings that differ (first few), readable in a failure message; empty when the two runs agree. */
function differences(scan: Finding[], serve: Finding[], limit = 15): string[] {
  const served = new Map(serve.map((finding) => [findingKey(finding), finding]));
  const scanned = new Map(scan.map((finding) => [findingKey(finding), finding]));
  const out: string[] = [];
  for (const [key, finding] of scanned) {
    const other = served.get(key);
    if (!other) out.push(`only in scan: ${key} ${finding.status}`);
    else if (JSON.stringify(other) !== JSON.stringify(finding))
      out.push(`${key}: scan ${JSON.stringify(finding)} / serve ${JSON.stringify(other)}`);
  }
  for (const [key, finding] of served)
    if (!scanned.has(key)) out.push(`only in serve: ${key} ${finding.status}`);
  return out.slice(0, limit);
}

/** Assets whose analyser facts differ (first few); key order is not compared (the store's jsonb sorts keys). */
function factDifferences(
  scan: Map<string, Record<string, unknown>>,
  serve: Map<string, Record<string, unknown>>,
  limit = 10,
): string[] {
  const out: string[] = [];
  for (const id of new Set([...scan.keys(), ...serve.keys()])) {
    const scanned = canonicalJson(scan.get(id) ?? {});
    const served = canonicalJson(serve.get(id) ?? {});
    if (scanned !== served) out.push(`${id}: scan ${scanned} / serve ${served}`);
  }
  return out.slice(0, limit);
}

const statusOf = (findings: Finding[], controlId: string, assetId: string) =>
  findings.find((finding) => finding.controlId === controlId && finding.assetId === assetId)?.status;

/** The checks both estates share: same findings, same facts, and a run that actually judged something. */
function itAgrees(run: () => { scan: ScanRunFindings; serve: ServeRun }) {
  it('evaluates in full and judges something', () => {
    const { scan, serve } = run();
    expect(serve.evaluation.skipped).toBe(false);
    expect(scan.findings.filter((finding) => finding.status === 'fail').length).toBeGreaterThan(10);
    expect(scan.findings.filter((finding) => finding.status === 'pass').length).toBeGreaterThan(10);
  });

  it('gives identical findings, control by control', () => {
    const { scan, serve } = run();
    expect(differences(scan.findings, serve.findings)).toEqual([]);
    expect(serve.findings).toEqual(scan.findings);
  });

  it('gives identical analyser facts, asset by asset', () => {
    const { scan, serve } = run();
    expect(factDifferences(scan.facts, serve.facts)).toEqual([]);
  });
}

describe('scan and serve agree on the demo estate', () => {
  const demo = DEMO_ACCOUNTS[0];
  const arn = (kind: string, name: string) => `arn:aws:iam::${demo.awsAccountId}:${kind}/${name}`;
  let store: Store;
  let account: Account;
  let scan: ScanRunFindings;
  let serve: ServeRun;

  beforeAll(async () => {
    // What `scan --demo` reads: the first demo account, from its recordings.
    const read = demoSyncOptions(demo.awsAccountId, { now: NOW });
    scan = await scanFindings(
      {
        awsAccountId: demo.awsAccountId,
        partition: 'aws',
        homeRegion: 'us-east-1',
        credentials: read.credentials,
      },
      demo.regions,
      { clientConfig: read.clientConfig, modules: read.modules },
    );
    store = await openStore({ memory: true });
    // The account `serve --demo` creates: its role marks it as a demo account, read from the recordings.
    account = await store.createAccount({
      name: demo.name,
      awsAccountId: demo.awsAccountId,
      roleArn: `arn:aws:iam::${demo.awsAccountId}:role/${DEMO_ROLE_NAME}`,
      externalIdCiphertext: secrets.encrypt(`cloudward-demo-${demo.awsAccountId}`),
      regions: demo.regions,
    });
    serve = await serveFindings(store, account);
  }, 300_000);

  afterAll(async () => {
    await store?.close();
  });

  it('syncs every service', () => {
    expect(serve.sync.status).toBe('succeeded');
  });

  itAgrees(() => ({ scan, serve }));

  it('judges AdministratorAccess, attached to the admins group, administrator-equivalent in serve', async () => {
    const administratorAccess = 'arn:aws:iam::aws:policy/AdministratorAccess';
    expect(statusOf(serve.findings, 'iam_policy_no_admin_access', administratorAccess)).toBe('fail');
    expect(serve.facts.get(arn('group', 'admins'))).toMatchObject({ iam: { adminAccess: true } });
    expect(serve.facts.get(arn('group', 'auditors'))).toMatchObject({ iam: { adminAccess: false } });
  });

  it('reads a role trusted by its own account root as same-account, a vendor-trusted one as cross-account', () => {
    expect(serve.facts.get(arn('role', 'break-glass'))).toMatchObject({
      iam: { assumableBy: [{ principal: `arn:aws:iam::${demo.awsAccountId}:root`, crossAccount: false }] },
    });
    expect(serve.facts.get(arn('role', 'partner-audit'))).toMatchObject({
      iam: { assumableBy: [{ principal: 'arn:aws:iam::444455556666:root', crossAccount: true }] },
    });
  });

  it('keeps the store keyed by its own account id and tells the AWS account apart', async () => {
    const role = await store.getAssetById(account.id, arn('role', 'break-glass'));
    expect(role).toMatchObject({ accountId: account.id, awsAccountId: demo.awsAccountId });
  });
});

motoSuite('scan and serve agree on an emulator estate')('scan and serve agree on an emulator estate', () => {
  const arn = (kind: string, name: string) => `arn:aws:iam::${MOTO_ACCOUNT}:${kind}/${name}`;
  let moto: MotoServer;
  let restoreEnv: () => void;
  let store: Store;
  let scan: ScanRunFindings;
  let serve: ServeRun;
  const env = { AWS_REGION: 'us-east-1' };

  beforeAll(async () => {
    // The IAM estate of the identity suite (admin, escalation, groups, cross-account and public trust), with the
    // AWS managed policies moto creates only when asked to.
    moto = await startMoto({ MOTO_IAM_LOAD_MANAGED_POLICIES: 'true' });
    await moto.seed('identity_estate.py');
    restoreEnv = moto.useEnv();
    // `scan` with ambient credentials; serve assumes the account's role, both through AWS_ENDPOINT_URL.
    scan = await scanFindings(await resolveScanTarget({ region: 'us-east-1' }), ['us-east-1']);
    store = await openStore({ memory: true });
    const account = await store.createAccount({
      name: 'Emulated',
      awsAccountId: MOTO_ACCOUNT,
      roleArn: `arn:aws:iam::${MOTO_ACCOUNT}:role/CloudwardReadOnly`,
      externalIdCiphertext: secrets.encrypt('emulated-external-id'),
      regions: ['us-east-1'],
    });
    serve = await serveFindings(store, account, env);
  }, 300_000);

  afterAll(async () => {
    restoreEnv?.();
    await store?.close();
    await moto?.stop();
  });

  it('reads the estate (moto serves part of AWS: partial is expected)', () => {
    expect(['succeeded', 'partial']).toContain(serve.sync.status);
  });

  itAgrees(() => ({ scan, serve }));

  it('judges administrators and role trust the same way in serve as in scan', () => {
    expect(statusOf(serve.findings, 'iam_policy_no_admin_access', arn('policy', 'full-admin'))).toBe('fail');
    expect(serve.facts.get(arn('user', 'bob'))).toMatchObject({ iam: { adminAccess: true } });
    expect(serve.facts.get(arn('role', 'break-glass'))).toMatchObject({
      iam: { assumableBy: [{ crossAccount: false }] },
    });
  });
});
