// The store's `now()` is the injected clock: expiry, first/last seen, history and score dates follow it, so no
// verdict depends on the day the tests run.
import { bindNow, fixedClock } from '../../store/clock';
import { describeEachEngine, asset, newAccountInput, result } from './engines';

describe('bindNow', () => {
  it('turns every now() into one extra parameter holding the clock time', () => {
    const [sql, params] = bindNow(
      "UPDATE t SET a = now(), b = NOW() WHERE c < now() - interval '1 day' AND d = $1",
      ['x'],
      fixedClock('2030-01-02T03:04:05.000Z'),
    );
    expect(sql).toBe(
      "UPDATE t SET a = $2::timestamptz, b = $2::timestamptz WHERE c < $2::timestamptz - interval '1 day' AND d = $1",
    );
    expect(params).toEqual(['x', '2030-01-02T03:04:05.000Z']);
  });

  it('leaves statements without now() untouched', () => {
    const params = ['x'];
    expect(bindNow('SELECT $1', params, fixedClock('2030-01-01T00:00:00Z'))).toEqual(['SELECT $1', params]);
  });

  it('refuses a clock time that is not a date', () => {
    expect(() => fixedClock('not a date')).toThrow('invalid clock time not a date');
  });
});

// A clock the test moves by hand, far from today in either direction.
let current = new Date('2041-03-01T09:00:00.000Z');
const movableClock = () => new Date(current);

describeEachEngine(
  'the store follows its clock',
  (store) => {
    beforeEach(() => {
      current = new Date('2041-03-01T09:00:00.000Z');
    });

    test('stamps accounts, assets, alerts, history and scores with the clock time', async () => {
      const account = await store().createAccount(newAccountInput());
      expect(account.createdAt).toBe('2041-03-01T09:00:00.000Z');
      const sync = await store().createSync(account.id, 'manual');
      await store().upsertAssets(sync.id, [asset(account.id, 'i-1')]);
      current = new Date('2041-03-01T09:05:00.000Z');
      await store().applyResults(account.id, ['c1'], [result(account.id, 'c1', 'i-1', 'fail')]);
      await store().recordScoreSnapshot(account.id, { fw: { passed: 1, evaluated: 2 } });
      const stored = await store().getAssetById(account.id, 'i-1');
      expect(stored?.firstSeenAt).toBe('2041-03-01T09:00:00.000Z');
      const [alert] = (await store().listAlerts({ accountId: account.id })).items;
      expect(alert.firstSeenAt).toBe('2041-03-01T09:05:00.000Z');
      expect(alert.history).toEqual([{ at: '2041-03-01T09:05:00.000Z', event: 'opened' }]);
      const [snapshot] = await store().listScoreSnapshots({ accountId: account.id });
      expect(snapshot.at).toBe('2041-03-01T09:05:00.000Z');
      expect(store().now().toISOString()).toBe('2041-03-01T09:05:00.000Z');
    });

    test('a suppression holds until its expiry by the clock, then lapses', async () => {
      const account = await store().createAccount(newAccountInput());
      const sync = await store().createSync(account.id, 'manual');
      await store().upsertAssets(sync.id, [asset(account.id, 'i-1')]);
      await store().createSuppression({
        controlId: 'c1',
        assetId: null,
        accountId: account.id,
        region: null,
        tagKey: null,
        tagValue: null,
        justification: 'accepted until the migration',
        author: 'auditor',
        expiresAt: '2041-03-10T00:00:00.000Z',
      });
      const failing = [result(account.id, 'c1', 'i-1', 'fail')];
      await store().applyResults(account.id, ['c1'], failing);
      const statusOf = async () => (await store().listAlerts({ accountId: account.id })).items[0].status;
      expect(await statusOf()).toBe('suppressed');

      current = new Date('2041-03-09T23:59:59.000Z');
      expect(await store().lapseExpiredSuppressions(account.id)).toBe(0);
      expect(await statusOf()).toBe('suppressed');

      current = new Date('2041-03-10T00:00:01.000Z');
      expect(await store().lapseExpiredSuppressions(account.id)).toBe(1);
      expect(await statusOf()).toBe('open');
    });
  },
  movableClock,
);
