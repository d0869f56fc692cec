// evaluateAccount skips analysers and controls when the input fingerprint is unchanged (issue 5).
import { defineControl, evaluateAccount, type ControlSet } from '../../evaluator';
import { openStore, SqlStore, type Store } from '../../store';
import type { Alert, Asset } from '../../store/model';

const NOW = new Date('2026-06-01T12:00:00.000Z');

function bucket(name: string, encrypted: boolean): Asset {
  return {
    id: `arn:aws:s3:::${name}`,
    accountId: '',
    region: 'global',
    service: 's3',
    type: 'aws_s3_bucket',
    class: 'DataStore',
    name,
    tags: {},
    config: {
      Name: name,
      BucketEncryption: encrypted
        ? { ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: {} }] } }
        : null,
      BucketPolicy: null,
      BucketAcl: { Owner: { ID: 'abc' }, Grants: [] },
    },
  };
}

const encryptionDefinition = {
  id: 's3_bucket_default_encryption_enabled',
  title: 'S3 buckets have default encryption',
  severity: 'medium',
  resourceTypes: ['aws_s3_bucket'],
  scope: 'global',
  condition: { attr: 'config.BucketEncryption.ServerSideEncryptionConfiguration.Rules', empty: false },
  rationale: 'Encrypt data at rest.',
  remediation: { cli: 'aws s3api put-bucket-encryption ...' },
};
const encryption = defineControl(encryptionDefinition);

function controlSet(controls = [encryption]): ControlSet {
  return {
    controls,
    frameworks: [
      {
        id: 'fw',
        name: 'Framework',
        version: '1',
        source: 'tests',
        sections: [],
        file: 'inline',
        requirements: controls.map((control, index) => ({
          id: String(index + 1),
          title: control.title,
          assessment: 'automated' as const,
          controls: [control.id],
        })),
      },
    ],
  };
}

describe('incremental evaluateAccount', () => {
  let store: Store;
  let accountId: string;

  beforeAll(async () => {
    store = await openStore({ memory: true });
  });
  afterAll(async () => {
    await store.close();
  });
  beforeEach(async () => {
    const account = await store.createAccount({
      name: `incremental-${Math.random()}`,
      awsAccountId: String(Math.floor(1e11 + Math.random() * 8e11)),
      roleArn: 'arn:aws:iam::123456789012:role/cloudward',
      externalIdCiphertext: 'x',
      regions: ['eu-west-1'],
    });
    accountId = account.id;
  });

  async function sync(assets: Asset[], complete = false) {
    const run = await store.createSync(accountId, 'manual');
    await store.markSyncRunning(run.id);
    await store.upsertAssets(
      run.id,
      assets.map((asset) => ({ ...asset, accountId })),
    );
    if (complete) {
      await store.markUnseenDeleted({
        accountId,
        region: 'global',
        service: 's3',
        types: ['aws_s3_bucket'],
        relationshipsComplete: true,
        syncId: run.id,
      });
    }
    await store.finishSync(run.id, 'succeeded');
    return run.id;
  }

  const alerts = async (): Promise<Pick<Alert, 'controlId' | 'assetId' | 'status' | 'history'>[]> =>
    (await store.listAlerts({ accountId }, { limit: 500 })).items
      .map(({ controlId, assetId, status, history }) => ({ controlId, assetId, status, history }))
      .sort((a, b) => a.assetId.localeCompare(b.assetId));

  it('skips an unchanged second evaluation, leaves alerts as they were and still records a score', async () => {
    await sync([bucket('plain', false), bucket('locked', true)]);
    const first = await evaluateAccount(store, accountId, { controls: controlSet(), now: NOW });
    expect(first.skipped).toBe(false);
    expect(first.summary.opened).toBe(1);
    const before = await alerts();
    const resultsBefore = await store.listResults({ accountId });

    const second = await evaluateAccount(store, accountId, { controls: controlSet(), now: NOW });
    expect(second).toMatchObject({
      skipped: true,
      assets: 2,
      results: first.results,
      scores: first.scores,
      summary: { opened: 0, reopened: 0, resolved: 0, suppressed: 0, unchanged: 0 },
    });
    expect(await alerts()).toEqual(before);
    // Results were not rewritten: same rows, same evaluation times.
    expect(await store.listResults({ accountId })).toEqual(resultsBefore);
    expect(await store.listScoreSnapshots({ accountId, frameworkId: 'fw' })).toHaveLength(2);
  });

  it('a re-sync with identical data is still skipped', async () => {
    await sync([bucket('plain', false)]);
    await evaluateAccount(store, accountId, { controls: controlSet(), now: NOW });
    await sync([bucket('plain', false)]);
    expect((await evaluateAccount(store, accountId, { controls: controlSet(), now: NOW })).skipped).toBe(
      true,
    );
  });

  it("one asset's config change triggers a full evaluation that resolves its alert", async () => {
    await sync([bucket('plain', false), bucket('locked', true)]);
    await evaluateAccount(store, accountId, { controls: controlSet(), now: NOW });
    await sync([bucket('plain', true), bucket('locked', true)]);
    const next = await evaluateAccount(store, accountId, { controls: controlSet(), now: NOW });
    expect(next.skipped).toBe(false);
    expect(next.summary.resolved).toBe(1);
    expect(await store.countAlerts({ accountId, status: ['open'] })).toBe(0);
  });

  it('a tag change, a rename, a deletion and a new relationship each trigger a full evaluation', async () => {
    await sync([bucket('plain', false), bucket('locked', true)]);
    await evaluateAccount(store, accountId, { controls: controlSet(), now: NOW });

    await sync([{ ...bucket('plain', false), tags: { env: 'dev' } }, bucket('locked', true)]);
    expect((await evaluateAccount(store, accountId, { controls: controlSet(), now: NOW })).skipped).toBe(
      false,
    );
    // Reasons and evidence name the asset: a rename re-evaluates so they name it as it is now.
    await sync([
      { ...bucket('plain', false), tags: { env: 'dev' }, name: 'plain-renamed' },
      bucket('locked', true),
    ]);
    expect((await evaluateAccount(store, accountId, { controls: controlSet(), now: NOW })).skipped).toBe(
      false,
    );

    const syncId = await sync([bucket('locked', true)], true);
    const afterDelete = await evaluateAccount(store, accountId, { controls: controlSet(), now: NOW });
    expect(afterDelete).toMatchObject({ skipped: false, assets: 1 });
    // markUnseenDeleted resolved the deleted bucket's alert; the evaluation drops its results.
    expect(await store.listResults({ accountId, assetId: 'arn:aws:s3:::plain' })).toMatchObject({
      items: [],
    });

    await store.upsertRelationships(syncId, [
      {
        accountId,
        fromId: 'arn:aws:kms:eu-west-1:123456789012:key/1',
        verb: 'ENCRYPTS',
        toId: 'arn:aws:s3:::locked',
        service: 's3',
        region: 'global',
      },
    ]);
    expect((await evaluateAccount(store, accountId, { controls: controlSet(), now: NOW })).skipped).toBe(
      false,
    );
    expect((await evaluateAccount(store, accountId, { controls: controlSet(), now: NOW })).skipped).toBe(
      true,
    );
  });

  it('an expired suppression lapses on a skipped evaluation', async () => {
    await sync([bucket('plain', false)]);
    await evaluateAccount(store, accountId, { controls: controlSet(), now: NOW });
    const [alert] = (await store.listAlerts({ accountId, status: ['open'] })).items;
    const muted = await store.suppressAlert(alert.id, {
      justification: 'until the migration',
      author: 'alice',
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    expect(muted.status).toBe('suppressed');
    expect((await evaluateAccount(store, accountId, { controls: controlSet(), now: NOW })).skipped).toBe(
      true,
    );
    expect((await store.getAlert(alert.id))!.status).toBe('suppressed');

    // The rule's time passes.
    await (store as SqlStore).db.execute(
      `UPDATE suppressions SET expires_at = now() - interval '1 minute' WHERE id = $1`,
      [muted.suppressionId],
    );
    const skipped = await evaluateAccount(store, accountId, { controls: controlSet(), now: NOW });
    expect(skipped).toMatchObject({ skipped: true, summary: { reopened: 1 } });
    const lapsed = (await store.getAlert(alert.id))!;
    expect(lapsed.status).toBe('open');
    expect(lapsed.history.at(-1)).toMatchObject({ event: 'unsuppressed' });
  });

  it('a control set change forces evaluation', async () => {
    await sync([bucket('plain', false)]);
    await evaluateAccount(store, accountId, { controls: controlSet(), now: NOW });

    // Same id, edited definition: the control now expects no encryption setting at all.
    const edited = defineControl({
      ...encryptionDefinition,
      condition: { attr: 'config.BucketEncryption', empty: true },
    });
    const afterEdit = await evaluateAccount(store, accountId, { controls: controlSet([edited]), now: NOW });
    expect(afterEdit.skipped).toBe(false);
    expect(afterEdit.summary.resolved).toBe(1);

    const added = defineControl({
      ...encryptionDefinition,
      id: 's3_bucket_named',
      condition: { attr: 'name', empty: false },
    });
    const afterAdd = await evaluateAccount(store, accountId, {
      controls: controlSet([edited, added]),
      now: NOW,
    });
    expect(afterAdd).toMatchObject({ skipped: false, results: 2 });
  });

  it('force: true evaluates even when nothing changed, and a new day re-evaluates', async () => {
    await sync([bucket('plain', false)]);
    await evaluateAccount(store, accountId, { controls: controlSet(), now: NOW });
    const forced = await evaluateAccount(store, accountId, { controls: controlSet(), now: NOW, force: true });
    expect(forced).toMatchObject({ skipped: false, summary: { unchanged: 1 } });

    const tomorrow = new Date(NOW.getTime() + 86_400_000);
    expect((await evaluateAccount(store, accountId, { controls: controlSet(), now: tomorrow })).skipped).toBe(
      false,
    );
    expect((await evaluateAccount(store, accountId, { controls: controlSet(), now: tomorrow })).skipped).toBe(
      true,
    );
  });
});
