import { NotFoundError, SqlStore, type Store } from '../../store';
import { asset, describeEachEngine, newAccountInput, result } from './engines';

async function accountWithAsset(store: Store) {
  const account = await store.createAccount(newAccountInput());
  const sync = await store.createSync(account.id, 'manual');
  await store.upsertAssets(sync.id, [asset(account.id, 'i-1'), asset(account.id, 'i-2')]);
  await store.finishSync(sync.id, 'succeeded');
  return account;
}

const rule = {
  controlId: 'c1',
  assetId: null,
  accountId: null,
  region: null,
  tagKey: null,
  tagValue: null,
  justification: 'accepted risk',
  author: 'alice',
};

describeEachEngine('evaluation fingerprint and suppression expiry', (store) => {
  test('the fingerprint is null until set, then round-trips and can be cleared', async () => {
    const account = await accountWithAsset(store());
    expect(await store().getEvaluationFingerprint(account.id)).toBeNull();
    await store().setEvaluationFingerprint(account.id, 'abc');
    expect(await store().getEvaluationFingerprint(account.id)).toBe('abc');
    expect((await store().getAccount(account.id))!.id).toBe(account.id);
    await store().setEvaluationFingerprint(account.id, null);
    expect(await store().getEvaluationFingerprint(account.id)).toBeNull();
  });

  test('an unknown account has no fingerprint and cannot be given one', async () => {
    expect(await store().getEvaluationFingerprint('00000000-0000-4000-8000-000000000000')).toBeNull();
    expect(await store().getEvaluationFingerprint('not-a-uuid')).toBeNull();
    await expect(
      store().setEvaluationFingerprint('00000000-0000-4000-8000-000000000000', 'x'),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  test('lapseExpiredSuppressions reopens only alerts whose rule expired, in that account', async () => {
    const account = await accountWithAsset(store());
    const other = await accountWithAsset(store());
    const expiring = await store().createSuppression({
      ...rule,
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    await store().createSuppression({ ...rule, controlId: 'c2', expiresAt: null });
    for (const id of [account.id, other.id]) {
      await store().applyResults(
        id,
        ['c1', 'c2'],
        [result(id, 'c1', 'i-1', 'fail'), result(id, 'c2', 'i-1', 'fail'), result(id, 'c1', 'i-2', 'pass')],
      );
    }
    expect(await store().countAlerts({ accountId: account.id, status: ['suppressed'] })).toBe(2);
    expect(await store().lapseExpiredSuppressions(account.id)).toBe(0);

    await (store() as SqlStore).db.execute(
      `UPDATE suppressions SET expires_at = now() - interval '1 minute' WHERE id = $1`,
      [expiring.id],
    );
    expect(await store().lapseExpiredSuppressions(account.id)).toBe(1);
    const open = await store().listAlerts({ accountId: account.id, status: ['open'] });
    expect(open.items.map((alert) => [alert.controlId, alert.assetId])).toEqual([['c1', 'i-1']]);
    expect(open.items[0].history.at(-1)).toMatchObject({
      event: 'unsuppressed',
      detail: 'suppression expired',
    });
    expect(await store().countAlerts({ accountId: account.id, status: ['suppressed'] })).toBe(1);
    // The other account's alert is left for its own evaluation.
    expect(await store().countAlerts({ accountId: other.id, status: ['suppressed'] })).toBe(2);
    expect(await store().lapseExpiredSuppressions(account.id)).toBe(0);
  });

  test('deleting an account with a fingerprint needs nothing else', async () => {
    const account = await accountWithAsset(store());
    await store().setEvaluationFingerprint(account.id, 'abc');
    await store().deleteAccount(account.id);
    expect(await store().getAccount(account.id)).toBeNull();
  });
});
