// Attack paths across accounts, on recorded AWS answers for two accounts (cross-account-fixtures.ts), the way
// `serve` runs them (sync jobs, then evaluation jobs, through the real job handlers and the store) and the way
// `scan` does (alone, and with --data on the same store): a path from A into B, a trust that needs an external ID,
// a trust to another account, a role of an account Cloudward does not sync, and a trust by organization.
import { randomBytes } from 'node:crypto';
import { runScan } from '../../api/export/run-scan';
import { selectControls } from '../../api/export/select';
import { evaluateForServe } from '../../api/integrations';
import { registerAccountJobs, requestSync } from '../../api/jobs/account-jobs';
import { InProcessJobQueue } from '../../api/jobs/in-process';
import { createSecretBox } from '../../api/secrets';
import { syncAccount } from '../../collector/sync';
import type { Recording } from '../../demo/recording';
import { replayClientConfig } from '../../demo/replay';
import { defaultControlSet } from '../../evaluator/controls/default-set';
import type { AttackPathFacts } from '../../evaluator/analysers/attack-paths';
import { openStore } from '../../store';
import type { Account, EvaluationResult } from '../../store/model';
import type { Store } from '../../store/store';
import { waitFor } from '../jobs/wait';
import {
  ACCOUNT_A,
  ACCOUNT_B,
  ACCOUNT_C,
  ACCOUNT_D,
  accountARecording,
  accountBRecording,
  B_BUCKET,
  functionArn,
  REGION,
  roleArn,
  TARGETS,
} from './cross-account-fixtures';

const NOW = new Date('2026-11-01T12:00:00Z');
const secrets = createSecretBox(randomBytes(32));
const credentials = async () => ({ accessKeyId: 'AKIAEXAMPLE000000001', secretAccessKey: 'x' });
const recordings: Record<string, Recording> = {
  [ACCOUNT_A]: accountARecording(),
  [ACCOUNT_B]: accountBRecording(),
};
const ADMIN = 'attack_path_internet_to_admin';
const DATA = 'attack_path_internet_to_sensitive_data';
const attackControls = defaultControlSet().controls.filter((control) =>
  control.id.startsWith('attack_path_'),
);

type Row = Pick<EvaluationResult, 'controlId' | 'assetId' | 'status' | 'evidence' | 'reason'>;

async function resultsOf(store: Store, accountId: string): Promise<Row[]> {
  const rows: Row[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.listResults({ accountId, controlId: [ADMIN, DATA] }, { cursor, limit: 500 });
    for (const { controlId, assetId, status, evidence, reason } of page.items)
      rows.push({ controlId, assetId, status, evidence, reason });
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return rows.sort((a, b) => `${a.controlId} ${a.assetId}`.localeCompare(`${b.controlId} ${b.assetId}`));
}

const find = (rows: Row[], controlId: string, name: string) =>
  rows.find((row) => row.controlId === controlId && row.assetId === functionArn(name));

async function storedPaths(store: Store, account: Account, name: string): Promise<AttackPathFacts> {
  const asset = await store.getAssetById(account.id, functionArn(name));
  return asset!.facts.attackPaths as AttackPathFacts;
}

describe('attack paths across accounts (serve: sync and evaluation jobs over the store)', () => {
  let store: Store;
  let queue: InProcessJobQueue;
  let a: Account;
  let b: Account;
  const evaluations: string[] = [];
  let beforeB: Row[];
  let afterB: Row[];

  const idle = () =>
    waitFor(
      async () =>
        (await store.listAccountsNeedingEvaluation()).length === 0 &&
        !(await store.getRunningSync(a.id)) &&
        !(await store.getRunningSync(b.id)),
      60_000,
      'the jobs to finish',
    );

  beforeAll(async () => {
    store = await openStore({ memory: true });
    queue = new InProcessJobQueue();
    const create = (awsAccountId: string, name: string) =>
      store.createAccount({
        name,
        awsAccountId,
        roleArn: roleArn(awsAccountId, 'CloudwardReadOnly'),
        externalIdCiphertext: secrets.encrypt(`external-${awsAccountId}`),
        regions: [REGION],
      });
    a = await create(ACCOUNT_A, 'Workloads');
    b = await create(ACCOUNT_B, 'Deployments');
    registerAccountJobs({
      store,
      queue,
      runSync: async (jobStore, account, sync, onProgress) =>
        (
          await syncAccount(jobStore, account, sync, {
            credentials,
            clientConfig: replayClientConfig(recordings[account.awsAccountId]),
            onProgress,
          })
        ).status,
      runEvaluation: async (jobStore, accountId) => {
        evaluations.push(accountId);
        return evaluateForServe(jobStore, accountId, { now: NOW });
      },
    });
    // A first: B is in Cloudward but not synced yet.
    await requestSync(store, queue, a, 'create');
    await idle();
    beforeB = await resultsOf(store, a.id);
    // Then B: its evaluation re-derives the paths of A, whose roles step into it.
    evaluations.length = 0;
    await requestSync(store, queue, b, 'create');
    await idle();
    afterB = await resultsOf(store, a.id);
  }, 300_000);

  afterAll(async () => {
    await queue?.close();
    await store?.close();
  });

  it('calls a path into an account not synced yet an unknown end (error), never a pass', () => {
    const web = find(beforeB, ADMIN, 'web')!;
    expect(web.status).toBe('error');
    expect(web.reason).toContain(
      `${TARGETS.web} by its identity policies, but account ${ACCOUNT_B} is not synced`,
    );
  });

  it('re-evaluates the account where paths start once the account they step into is synced', () => {
    expect(evaluations).toEqual([b.id, a.id]);
  });

  it('finds the path from a public function of A to administrator of B, naming every hop with accounts and ARNs', async () => {
    const web = find(afterB, ADMIN, 'web')!;
    expect(web.status).toBe('fail');
    const evidence = web.evidence.join(' ');
    expect(evidence).toContain(`role web-role (${roleArn(ACCOUNT_A, 'web-role')}) in account ${ACCOUNT_A}`);
    expect(evidence).toContain(`may assume role deployer (${TARGETS.web}) in account ${ACCOUNT_B}`);
    expect(evidence).toContain(
      `role deployer in account ${ACCOUNT_B} -> administrator of account ${ACCOUNT_B}`,
    );
    const path = (await storedPaths(store, a, 'web')).adminPaths[0];
    expect(path.hops.map((hop) => [hop.kind, hop.accountId])).toEqual([
      ['internet', undefined],
      ['network', undefined],
      ['workload', ACCOUNT_A],
      ['role', ACCOUNT_A],
      ['role', ACCOUNT_B],
      ['admin', ACCOUNT_B],
    ]);
    expect(path.hops[4].id).toBe(TARGETS.web);
  });

  it("continues to the data B's role may read, in B's bucket", async () => {
    const web = find(afterB, DATA, 'web')!;
    expect(web.status).toBe('fail');
    expect(web.evidence.join(' ')).toContain(`can read bucket ${B_BUCKET} in account ${ACCOUNT_B}`);
    const hops = (await storedPaths(store, a, 'web')).dataPaths[0].hops;
    expect(hops.at(-1)).toMatchObject({
      kind: 'bucket',
      id: `arn:aws:s3:::${B_BUCKET}`,
      accountId: ACCOUNT_B,
    });
  });

  it('keeps the alert in the account where the path starts', async () => {
    const alerts = await store.listAlerts({ controlIds: [ADMIN], status: ['open'] });
    expect(alerts.items.map((alert) => [alert.accountId, alert.assetId]).sort()).toEqual([
      [a.id, functionArn('org')],
      [a.id, functionArn('web')],
    ]);
    expect(await resultsOf(store, b.id)).toEqual([]);
  });

  it('does not count a trust that needs an external ID the attacker cannot know, and says so', () => {
    const partner = find(afterB, ADMIN, 'partner')!;
    expect(partner.status).toBe('pass');
    expect(partner.evidence.join(' ')).toContain(
      `Not a path: role partner-role (${roleArn(ACCOUNT_A, 'partner-role')}) may call sts:AssumeRole on role vendor-audit (${TARGETS.partner}) in account ${ACCOUNT_B}, whose trust policy admits it only with an external ID (sts:ExternalId)`,
    );
    expect(find(afterB, DATA, 'partner')!.status).toBe('pass');
  });

  it(`finds no path through a role of B that trusts another account (${ACCOUNT_C})`, () => {
    expect(find(afterB, ADMIN, 'other')!.status).toBe('pass');
    expect(find(afterB, DATA, 'other')!.status).toBe('pass');
  });

  it(`keeps a role of an account Cloudward does not sync (${ACCOUNT_D}) an unknown end`, () => {
    for (const control of [ADMIN, DATA]) {
      const orphan = find(afterB, control, 'orphan')!;
      expect(orphan.status).toBe('error');
      expect(orphan.reason).toContain(
        `may assume ${TARGETS.orphan} by its identity policies, but account ${ACCOUNT_D} is not synced by Cloudward`,
      );
    }
  });

  it("admits a trust limited to an organization when the principal's account is in it (aws:PrincipalOrgID)", () => {
    const org = find(afterB, ADMIN, 'org')!;
    expect(org.status).toBe('fail');
    expect(org.evidence.join(' ')).toContain(
      `may assume role org-admin (${TARGETS.org}) in account ${ACCOUNT_B}`,
    );
  });

  it('gives scan --data on the same store the verdicts serve gives', async () => {
    const run = await runScan({
      target: { awsAccountId: ACCOUNT_A, partition: 'aws', homeRegion: REGION, credentials },
      regions: [REGION],
      selected: selectControls({ controls: attackControls, frameworks: [] }, {}),
      version: 'test',
      clientConfig: replayClientConfig(recordings[ACCOUNT_A]),
      storeTarget: { store, accountId: a.id },
      now: () => NOW,
    });
    const scanned = [...run.result.findings]
      .map(({ controlId, resourceArn, status, evidence, reason }) => ({
        controlId,
        assetId: resourceArn,
        status,
        evidence,
        reason,
      }))
      .sort((x, y) => `${x.controlId} ${x.assetId}`.localeCompare(`${y.controlId} ${y.assetId}`));
    expect(scanned).toEqual(afterB);
    expect(await resultsOf(store, a.id)).toEqual(afterB);
  }, 120_000);

  it('gives scan without a store an unknown end where the path leaves the scanned account', async () => {
    const run = await runScan({
      target: { awsAccountId: ACCOUNT_A, partition: 'aws', homeRegion: REGION, credentials },
      regions: [REGION],
      selected: selectControls({ controls: attackControls, frameworks: [] }, {}),
      version: 'test',
      clientConfig: replayClientConfig(recordings[ACCOUNT_A]),
      now: () => NOW,
    });
    const web = [...run.result.findings].find(
      (finding) => finding.controlId === ADMIN && finding.resourceArn === functionArn('web'),
    )!;
    expect(web.status).toBe('error');
    expect(web.reason).toContain(`account ${ACCOUNT_B} is not synced by Cloudward`);
  }, 120_000);
});
