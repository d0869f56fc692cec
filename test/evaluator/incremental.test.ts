// evaluateAccount skips analysers and controls when the input fingerprint is unchanged (issue 5).
import { defineControl, evaluateAccount } from '../../evaluator';
import { SqlStore, type Store } from '../../store';
import type { Alert, Asset } from '../../store/model';
import {
  controlSet,
  ENCRYPTION,
  ENCRYPTION_DEFINITION,
  storedBucket,
  withStoreAccount,
  writeSync,
} from './fixtures';

const NOW = new Date('2026-06-01T12:00:00.000Z');
const controls = controlSet([ENCRYPTION]);

describe('incremental evaluateAccount', () => {
  let store: Store;
  let accountId: string;
  withStoreAccount('incremental', (opened, created) => {
    store = opened;
    accountId = created;
  });

  // `complete`: the sync read every bucket, so the ones it did not see are deleted.
  const sync = (assets: Asset[], complete = false) =>
    writeSync(store, accountId, assets, async (syncId) => {
      if (!complete) return;
      await store.markUnseenDeleted({
        accountId,
        region: 'global',
        service: 's3',
        types: ['aws_s3_bucket'],
        relationshipsComplete: true,
        syncId,
      });
    });

  const alerts = async (): Promise<Pick<Alert, 'controlId' | 'assetId' | 'status' | 'history'>[]> =>
    (await store.listAlerts({ accountId }, { limit: 500 })).items
      .map(({ controlId, assetId, status, history }) => ({ controlId, assetId, status, history }))
      .sort((a, b) => a.assetId.localeCompare(b.assetId));

  it('skips an unchanged second evaluation, leaves alerts as they were and still records a score', async () => {
    await sync([storedBucket('plain', false), storedBucket('locked', true)]);
    const first = await evaluateAccount(store, accountId, { controls, now: NOW });
    expect(first.skipped).toBe(false);
    expect(first.summary.opened).toBe(1);
    const before = await alerts();
    const resultsBefore = await store.listResults({ accountId });

    const second = await evaluateAccount(store, accountId, { controls, now: NOW });
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
    await sync([storedBucket('plain', false)]);
    await evaluateAccount(store, accountId, { controls, now: NOW });
    await sync([storedBucket('plain', false)]);
    expect((await evaluateAccount(store, accountId, { controls, now: NOW })).skipped).toBe(true);
  });

  it("one asset's config change triggers a full evaluation that resolves its alert", async () => {
    await sync([storedBucket('plain', false), storedBucket('locked', true)]);
    await evaluateAccount(store, accountId, { controls, now: NOW });
    await sync([storedBucket('plain', true), storedBucket('locked', true)]);
    const next = await evaluateAccount(store, accountId, { controls, now: NOW });
    expect(next.skipped).toBe(false);
    expect(next.summary.resolved).toBe(1);
    expect(await store.countAlerts({ accountId, status: ['open'] })).toBe(0);
  });

  it('a tag change, a rename, a deletion and a new relationship each trigger a full evaluation', async () => {
    await sync([storedBucket('plain', false), storedBucket('locked', true)]);
    await evaluateAccount(store, accountId, { controls, now: NOW });

    await sync([{ ...storedBucket('plain', false), tags: { env: 'dev' } }, storedBucket('locked', true)]);
    expect((await evaluateAccount(store, accountId, { controls, now: NOW })).skipped).toBe(false);
    // Reasons and evidence name the asset: a rename re-evaluates so they name it as it is now.
    await sync([
      { ...storedBucket('plain', false), tags: { env: 'dev' }, name: 'plain-renamed' },
      storedBucket('locked', true),
    ]);
    expect((await evaluateAccount(store, accountId, { controls, now: NOW })).skipped).toBe(false);

    const syncId = await sync([storedBucket('locked', true)], true);
    const afterDelete = await evaluateAccount(store, accountId, { controls, now: NOW });
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
    expect((await evaluateAccount(store, accountId, { controls, now: NOW })).skipped).toBe(false);
    expect((await evaluateAccount(store, accountId, { controls, now: NOW })).skipped).toBe(true);
  });

  it('an expired suppression lapses on a skipped evaluation', async () => {
    await sync([storedBucket('plain', false)]);
    await evaluateAccount(store, accountId, { controls, now: NOW });
    const [alert] = (await store.listAlerts({ accountId, status: ['open'] })).items;
    const muted = await store.suppressAlert(alert.id, {
      justification: 'until the migration',
      author: 'alice',
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    expect(muted.status).toBe('suppressed');
    expect((await evaluateAccount(store, accountId, { controls, now: NOW })).skipped).toBe(true);
    expect((await store.getAlert(alert.id))!.status).toBe('suppressed');

    // The rule's time passes.
    await (store as SqlStore).db.execute(
      `UPDATE suppressions SET expires_at = now() - interval '1 minute' WHERE id = $1`,
      [muted.suppressionId],
    );
    const skipped = await evaluateAccount(store, accountId, { controls, now: NOW });
    expect(skipped).toMatchObject({ skipped: true, summary: { reopened: 1 } });
    const lapsed = (await store.getAlert(alert.id))!;
    expect(lapsed.status).toBe('open');
    expect(lapsed.history.at(-1)).toMatchObject({ event: 'unsuppressed' });
  });

  it('a control set change forces evaluation', async () => {
    await sync([storedBucket('plain', false)]);
    await evaluateAccount(store, accountId, { controls, now: NOW });

    // Same id, edited definition: the control now expects no encryption setting at all.
    const edited = defineControl({
      ...ENCRYPTION_DEFINITION,
      condition: { attr: 'config.BucketEncryption', empty: true },
    });
    const afterEdit = await evaluateAccount(store, accountId, { controls: controlSet([edited]), now: NOW });
    expect(afterEdit.skipped).toBe(false);
    expect(afterEdit.summary.resolved).toBe(1);

    const added = defineControl({
      ...ENCRYPTION_DEFINITION,
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
    await sync([storedBucket('plain', false)]);
    await evaluateAccount(store, accountId, { controls, now: NOW });
    const forced = await evaluateAccount(store, accountId, { controls, now: NOW, force: true });
    expect(forced).toMatchObject({ skipped: false, summary: { unchanged: 1 } });

    const tomorrow = new Date(NOW.getTime() + 86_400_000);
    expect((await evaluateAccount(store, accountId, { controls, now: tomorrow })).skipped).toBe(false);
    expect((await evaluateAccount(store, accountId, { controls, now: tomorrow })).skipped).toBe(true);
  });
});
