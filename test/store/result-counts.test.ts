// resultCounts reads counters kept by triggers (migration 005); they must always equal a count of the rows.
import { SqlStore, type Store } from '../../store';
import { asset, describeEachEngine, newAccountInput, result } from './engines';

/** The same figures counted straight from evaluation_results. */
async function countedFromRows(store: Store, accountId?: string) {
  const rows = await (store as SqlStore).db.query<{
    control_id: string;
    pass: number;
    fail: number;
    not_applicable: number;
    error: number;
  }>(
    `SELECT control_id, count(*) FILTER (WHERE status = 'pass')::int AS pass,
       count(*) FILTER (WHERE status = 'fail')::int AS fail,
       count(*) FILTER (WHERE status = 'not_applicable')::int AS not_applicable,
       count(*) FILTER (WHERE status = 'error')::int AS error
     FROM evaluation_results WHERE ($1::uuid IS NULL OR account_id = $1::uuid)
     GROUP BY control_id ORDER BY control_id`,
    [accountId ?? null],
  );
  return rows.map((row) => ({
    controlId: row.control_id,
    pass: row.pass,
    fail: row.fail,
    notApplicable: row.not_applicable,
    error: row.error,
  }));
}

describeEachEngine('result counters', (store) => {
  test('follow inserts, status changes, removed results, removed regions and deleted accounts', async () => {
    const first = await store().createAccount(newAccountInput({ regions: ['eu-west-1', 'us-east-1'] }));
    const second = await store().createAccount(newAccountInput());
    const sync = await store().createSync(first.id, 'manual');
    await store().markSyncRunning(sync.id);
    await store().upsertAssets(sync.id, [
      asset(first.id, 'i-1'),
      asset(first.id, 'i-2'),
      asset(first.id, 'i-3', { region: 'us-east-1' }),
    ]);
    await store().finishSync(sync.id, 'succeeded');
    const expectInStep = async () => {
      expect(await store().resultCounts()).toEqual(await countedFromRows(store()));
      expect(await store().resultCounts({ accountId: first.id })).toEqual(
        await countedFromRows(store(), first.id),
      );
    };

    await store().applyResults(
      first.id,
      ['a', 'b'],
      [
        result(first.id, 'a', 'i-1', 'pass'),
        result(first.id, 'a', 'i-2', 'fail'),
        result(first.id, 'b', 'i-1', 'error'),
        result(first.id, 'b', 'i-3', 'fail', { region: 'us-east-1' }),
      ],
    );
    await store().applyResults(second.id, ['a'], [result(second.id, 'a', 'i-9', 'not_applicable')]);
    await expectInStep();
    expect(await store().resultCounts()).toEqual([
      { controlId: 'a', pass: 1, fail: 1, notApplicable: 1, error: 0 },
      { controlId: 'b', pass: 0, fail: 1, notApplicable: 0, error: 1 },
    ]);

    // Status changes (upserts) and a result gone from the run (i-2 no longer evaluated by a).
    await store().applyResults(
      first.id,
      ['a', 'b'],
      [
        result(first.id, 'a', 'i-1', 'fail'),
        result(first.id, 'b', 'i-1', 'pass'),
        result(first.id, 'b', 'i-3', 'fail', { region: 'us-east-1' }),
      ],
    );
    await expectInStep();

    // Removing a region drops its results; deleting an account drops all of its.
    await store().updateAccount(first.id, { regions: ['eu-west-1'] });
    await expectInStep();
    await store().deleteAccount(second.id);
    await expectInStep();
    expect(await store().resultCounts()).toEqual([
      { controlId: 'a', pass: 0, fail: 1, notApplicable: 0, error: 0 },
      { controlId: 'b', pass: 1, fail: 0, notApplicable: 0, error: 0 },
    ]);
  });
});
