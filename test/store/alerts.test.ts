import { InvalidInputError, NotFoundError, SqlStore, type Store } from '../../store';
import type { Account, Alert } from '../../store/model';
import { asset, describeEachEngine, newAccountInput, result } from './engines';

async function accountWithAssets(
  store: Store,
  ids: string[],
  tags: Record<string, Record<string, string>> = {},
) {
  const account = await store.createAccount(newAccountInput());
  const sync = await store.createSync(account.id, 'manual');
  await store.upsertAssets(
    sync.id,
    ids.map((id) => asset(account.id, id, { tags: tags[id] ?? {} })),
  );
  await store.finishSync(sync.id, 'succeeded');
  return account;
}

async function alertOf(store: Store, account: Account, controlId: string, assetId: string): Promise<Alert> {
  const page = await store.listAlerts({ accountId: account.id, controlIds: [controlId], assetId });
  expect(page.items).toHaveLength(1);
  return page.items[0];
}

const events = (alert: Alert) => alert.history.map((h) => h.event);

/** Moves an alert's clock back so expiry and ordering can be tested without waiting. */
async function sql(store: Store, text: string, params: unknown[] = []) {
  return (store as SqlStore).db.execute(text, params);
}

describeEachEngine('alert state machine', (store) => {
  test('fail opens an alert carrying the result, pass resolves it, fail again reopens it', async () => {
    const account = await accountWithAssets(store(), ['i-1']);
    const opened = await store().applyResults(
      account.id,
      ['c1'],
      [result(account.id, 'c1', 'i-1', 'fail', { severity: 'critical', exposed: true })],
    );
    expect(opened).toEqual({ opened: 1, reopened: 0, resolved: 0, suppressed: 0, unchanged: 0 });
    let alert = await alertOf(store(), account, 'c1', 'i-1');
    expect(alert).toMatchObject({
      status: 'open',
      severity: 'critical',
      exposed: true,
      reason: 'c1 fail on i-1',
      evidence: ['i-1 evidence'],
      trace: ['config.State of i-1'],
      accountId: account.id,
      resourceType: 'aws_ec2_instance',
      resolvedAt: null,
    });
    const asset = (await store().getAssetById(account.id, 'i-1'))!;
    expect(alert.assetKey).toBe(asset.key);
    // Named as the inventory names the asset, for people reading alert lists.
    expect(alert.assetName).toBe(asset.name);
    expect(alert.history[0]).toEqual({ at: alert.firstSeenAt, event: 'opened' });
    const [stored] = (await store().listResults({ accountId: account.id, controlId: 'c1' })).items;
    expect(stored).toMatchObject({ evidence: ['i-1 evidence'], trace: ['config.State of i-1'] });

    const resolved = await store().applyResults(
      account.id,
      ['c1'],
      [result(account.id, 'c1', 'i-1', 'pass')],
    );
    expect(resolved).toMatchObject({ resolved: 1, opened: 0 });
    alert = await alertOf(store(), account, 'c1', 'i-1');
    expect(alert.status).toBe('resolved');
    expect(alert.resolvedAt).not.toBeNull();

    const reopened = await store().applyResults(
      account.id,
      ['c1'],
      [result(account.id, 'c1', 'i-1', 'fail')],
    );
    expect(reopened).toMatchObject({ reopened: 1, opened: 0 });
    alert = await alertOf(store(), account, 'c1', 'i-1');
    expect(alert).toMatchObject({ status: 'open', resolvedAt: null });
    expect(events(alert)).toEqual(['opened', 'resolved', 'reopened']);
    expect(await store().countAlerts({})).toBe(1);
  });

  test('a repeated failure leaves the alert open and counts as unchanged', async () => {
    const account = await accountWithAssets(store(), ['i-1']);
    await store().applyResults(account.id, ['c1'], [result(account.id, 'c1', 'i-1', 'fail')]);
    const again = await store().applyResults(
      account.id,
      ['c1'],
      [result(account.id, 'c1', 'i-1', 'fail', { reason: 'still failing' })],
    );
    expect(again).toEqual({ opened: 0, reopened: 0, resolved: 0, suppressed: 0, unchanged: 1 });
    const alert = await alertOf(store(), account, 'c1', 'i-1');
    expect(alert.reason).toBe('still failing');
    expect(events(alert)).toEqual(['opened']);
  });

  test('not_applicable resolves; error leaves the alert untouched', async () => {
    const account = await accountWithAssets(store(), ['i-1', 'i-2']);
    await store().applyResults(
      account.id,
      ['c1'],
      [result(account.id, 'c1', 'i-1', 'fail'), result(account.id, 'c1', 'i-2', 'fail')],
    );
    const before = await alertOf(store(), account, 'c1', 'i-2');
    const summary = await store().applyResults(
      account.id,
      ['c1'],
      [
        result(account.id, 'c1', 'i-1', 'not_applicable'),
        result(account.id, 'c1', 'i-2', 'error', { reason: 'AccessDenied reading UserData' }),
      ],
    );
    expect(summary).toMatchObject({ resolved: 1 });
    expect((await alertOf(store(), account, 'c1', 'i-1')).status).toBe('resolved');
    expect(await alertOf(store(), account, 'c1', 'i-2')).toEqual(before);
    const stored = await store().listResults({ accountId: account.id, assetId: 'i-2' });
    expect(stored.items[0]).toMatchObject({ status: 'error', reason: 'AccessDenied reading UserData' });
  });

  test('drops results of controls that ran for assets they no longer report, and resolves their alerts', async () => {
    const account = await accountWithAssets(store(), ['i-1', 'i-2']);
    await store().applyResults(
      account.id,
      ['c1', 'c2'],
      [
        result(account.id, 'c1', 'i-1', 'fail'),
        result(account.id, 'c1', 'i-2', 'pass'),
        result(account.id, 'c2', 'i-1', 'fail'),
      ],
    );
    // Only c1 ran this time, and only on i-2.
    await store().applyResults(account.id, ['c1'], [result(account.id, 'c1', 'i-2', 'pass')]);

    const rows = (await store().listResults({ accountId: account.id })).items.map(
      (r) => `${r.controlId}/${r.assetId}`,
    );
    expect(rows).toEqual(['c1/i-2', 'c2/i-1']);
    const c1 = await alertOf(store(), account, 'c1', 'i-1');
    expect(c1.status).toBe('resolved');
    expect(c1.history.at(-1)).toMatchObject({ event: 'resolved', detail: 'no longer evaluated' });
    expect((await alertOf(store(), account, 'c2', 'i-1')).status).toBe('open');
  });

  test('keeps one result per control and asset, counted per control', async () => {
    const account = await accountWithAssets(store(), ['i-1', 'i-2', 'i-3']);
    await store().applyResults(
      account.id,
      ['c1', 'c2'],
      [
        result(account.id, 'c1', 'i-1', 'pass'),
        result(account.id, 'c1', 'i-2', 'fail'),
        result(account.id, 'c1', 'i-3', 'not_applicable'),
        result(account.id, 'c2', 'i-1', 'error'),
        result(account.id, 'c2', 'i-1', 'pass'),
      ],
    );
    expect(await store().resultCounts({ accountId: account.id })).toEqual([
      { controlId: 'c1', pass: 1, fail: 1, notApplicable: 1, error: 0 },
      { controlId: 'c2', pass: 1, fail: 0, notApplicable: 0, error: 0 },
    ]);
    const failing = await store().listResults({ controlId: 'c1', status: ['fail'] });
    expect(failing.items.map((r) => r.assetId)).toEqual(['i-2']);
    expect(failing.items[0].evaluatedAt).toEqual(expect.any(String));
    const either = await store().listResults({ accountId: account.id, controlId: ['c1', 'c2'] });
    expect(either.items.map((r) => `${r.controlId} ${r.assetId}`)).toEqual([
      'c1 i-1',
      'c1 i-2',
      'c1 i-3',
      'c2 i-1',
    ]);
    expect((await store().listResults({ controlId: ['c2'], status: ['fail'] })).items).toEqual([]);
  });

  test('bad results change nothing', async () => {
    const account = await accountWithAssets(store(), ['i-1']);
    await store().applyResults(account.id, ['c1'], [result(account.id, 'c1', 'i-1', 'fail')]);
    await expect(
      store().applyResults(
        account.id,
        ['c1'],
        [
          result(account.id, 'c1', 'i-1', 'pass'),
          result(account.id, 'c1', 'i-1', 'fail', { severity: 'urgent' as never }),
        ],
      ),
    ).rejects.toBeInstanceOf(InvalidInputError);
    expect((await alertOf(store(), account, 'c1', 'i-1')).status).toBe('open');
    await expect(store().applyResults('00000000-0000-4000-8000-000000000000', [], [])).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });
});

describeEachEngine('suppressions', (store) => {
  const rule = {
    controlId: null,
    assetId: null,
    accountId: null,
    region: null,
    tagKey: null,
    tagValue: null,
    justification: 'accepted risk',
    author: 'alice',
    expiresAt: null,
  };

  test('suppressing an alert creates a rule for exactly that control and asset', async () => {
    const account = await accountWithAssets(store(), ['i-1', 'i-2']);
    await store().applyResults(
      account.id,
      ['c1', 'c2'],
      [
        result(account.id, 'c1', 'i-1', 'fail'),
        result(account.id, 'c1', 'i-2', 'fail'),
        result(account.id, 'c2', 'i-1', 'fail'),
      ],
    );
    const target = await alertOf(store(), account, 'c1', 'i-1');
    const muted = await store().suppressAlert(target.id, {
      justification: 'test box',
      author: 'bob',
      expiresAt: null,
    });

    expect(muted).toMatchObject({ status: 'suppressed', suppressionId: expect.any(String) });
    expect(muted.history.at(-1)).toMatchObject({ event: 'suppressed', detail: 'test box' });
    const [created] = (await store().listSuppressions()).items;
    expect(created).toMatchObject({
      id: muted.suppressionId,
      controlId: 'c1',
      assetId: 'i-1',
      accountId: account.id,
      author: 'bob',
    });
    expect((await alertOf(store(), account, 'c1', 'i-2')).status).toBe('open');
    expect((await alertOf(store(), account, 'c2', 'i-1')).status).toBe('open');

    // Still failing next evaluation: stays suppressed, counted unchanged.
    const next = await store().applyResults(
      account.id,
      ['c1'],
      [result(account.id, 'c1', 'i-1', 'fail'), result(account.id, 'c1', 'i-2', 'fail')],
    );
    expect(next).toMatchObject({ unchanged: 2, suppressed: 0 });
    expect((await alertOf(store(), account, 'c1', 'i-1')).status).toBe('suppressed');
    await expect(
      store().suppressAlert('00000000-0000-4000-8000-000000000000', {
        justification: 'x',
        author: 'y',
        expiresAt: null,
      }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  test('rules match by every non-null field, tags included', async () => {
    const account = await accountWithAssets(store(), ['i-prod', 'i-dev', 'i-none'], {
      'i-prod': { env: 'prod' },
      'i-dev': { env: 'dev' },
    });
    await store().createSuppression({ ...rule, controlId: 'c1', tagKey: 'env', tagValue: 'dev' });
    await store().createSuppression({ ...rule, controlId: 'c2', tagKey: 'env' });
    const summary = await store().applyResults(
      account.id,
      ['c1', 'c2'],
      ['i-prod', 'i-dev', 'i-none'].flatMap((id) => [
        result(account.id, 'c1', id, 'fail'),
        result(account.id, 'c2', id, 'fail'),
      ]),
    );
    expect(summary).toMatchObject({ opened: 3, suppressed: 3 });
    const status = async (c: string, id: string) => (await alertOf(store(), account, c, id)).status;
    expect(await status('c1', 'i-dev')).toBe('suppressed');
    expect(await status('c1', 'i-prod')).toBe('open');
    expect(await status('c1', 'i-none')).toBe('open');
    expect(await status('c2', 'i-dev')).toBe('suppressed');
    expect(await status('c2', 'i-prod')).toBe('suppressed');
    expect(await status('c2', 'i-none')).toBe('open');
  });

  test('a new rule applies at once to open alerts of the account and region it names', async () => {
    const account = await accountWithAssets(store(), ['i-1']);
    const other = await accountWithAssets(store(), ['i-1']);
    await store().applyResults(account.id, ['c1'], [result(account.id, 'c1', 'i-1', 'fail')]);
    await store().applyResults(other.id, ['c1'], [result(other.id, 'c1', 'i-1', 'fail')]);
    await store().createSuppression({ ...rule, accountId: account.id, region: 'eu-west-1' });
    expect((await alertOf(store(), account, 'c1', 'i-1')).status).toBe('suppressed');
    expect((await alertOf(store(), other, 'c1', 'i-1')).status).toBe('open');
  });

  test('an expired rule lapses: the alert opens again at the next evaluation', async () => {
    const account = await accountWithAssets(store(), ['i-1', 'i-2']);
    await store().applyResults(
      account.id,
      ['c1', 'c2'],
      [result(account.id, 'c1', 'i-1', 'fail'), result(account.id, 'c2', 'i-2', 'fail')],
    );
    const soon = new Date(Date.now() + 60_000).toISOString();
    const a1 = await store().suppressAlert((await alertOf(store(), account, 'c1', 'i-1')).id, {
      justification: 'temporary',
      author: 'bob',
      expiresAt: soon,
    });
    const a2 = await store().suppressAlert((await alertOf(store(), account, 'c2', 'i-2')).id, {
      justification: 'temporary',
      author: 'bob',
      expiresAt: soon,
    });
    await sql(
      store(),
      `UPDATE suppressions SET expires_at = now() - interval '1 minute' WHERE id = ANY($1::uuid[])`,
      [[a1.suppressionId, a2.suppressionId]],
    );

    // c1 runs and still fails; c2 does not run this time but its rule expired too.
    const summary = await store().applyResults(account.id, ['c1'], [result(account.id, 'c1', 'i-1', 'fail')]);
    expect(summary).toMatchObject({ reopened: 2 });
    for (const [c, id] of [
      ['c1', 'i-1'],
      ['c2', 'i-2'],
    ]) {
      const alert = await alertOf(store(), account, c, id);
      expect(alert).toMatchObject({ status: 'open', suppressionId: null });
      expect(events(alert)).toEqual(['opened', 'suppressed', 'unsuppressed']);
    }
  });

  test('deleting a rule reopens what it muted, unless another rule still applies', async () => {
    const account = await accountWithAssets(store(), ['i-1', 'i-2']);
    await store().applyResults(
      account.id,
      ['c1'],
      [result(account.id, 'c1', 'i-1', 'fail'), result(account.id, 'c1', 'i-2', 'fail')],
    );
    const broad = await store().createSuppression({ ...rule, controlId: 'c1' });
    const narrow = await store().createSuppression({
      ...rule,
      assetId: 'i-2',
      justification: 'i-2 is a honeypot',
    });
    expect((await alertOf(store(), account, 'c1', 'i-2')).suppressionId).toBe(broad.id);

    await store().deleteSuppression(broad.id);

    const a1 = await alertOf(store(), account, 'c1', 'i-1');
    expect(a1).toMatchObject({ status: 'open', suppressionId: null });
    expect(a1.history.at(-1)).toMatchObject({ event: 'unsuppressed', detail: 'suppression removed' });
    expect(await alertOf(store(), account, 'c1', 'i-2')).toMatchObject({
      status: 'suppressed',
      suppressionId: narrow.id,
    });
    expect((await store().listSuppressions()).items.map((s) => s.id)).toEqual([narrow.id]);
    await expect(store().deleteSuppression(broad.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  test('refuses rules that would match everything or name unknown accounts, creating nothing', async () => {
    await expect(store().createSuppression(rule)).rejects.toBeInstanceOf(InvalidInputError);
    await expect(
      store().createSuppression({ ...rule, controlId: 'c1', tagValue: 'x' }),
    ).rejects.toBeInstanceOf(InvalidInputError);
    await expect(
      store().createSuppression({ ...rule, controlId: 'c1', expiresAt: 'tomorrow' }),
    ).rejects.toBeInstanceOf(InvalidInputError);
    await expect(
      store().createSuppression({ ...rule, accountId: '00000000-0000-4000-8000-000000000000' }),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect((await store().listSuppressions()).items).toEqual([]);
  });
});

describeEachEngine('alert listing', (store) => {
  const specs = [
    { id: 'a', severity: 'low', exposed: true },
    { id: 'b', severity: 'critical' },
    { id: 'c', severity: 'medium' },
    { id: 'd', severity: 'critical', exposed: true },
    { id: 'e', severity: 'info', region: 'us-east-1' },
    { id: 'f', severity: 'high', resourceType: 'aws_s3_bucket' },
  ] as const;

  /** Six alerts of one account (c resolved) and one of another, with distinct first/last seen times. */
  async function seed() {
    const account = await accountWithAssets(
      store(),
      specs.map((s) => s.id),
    );
    const other = await accountWithAssets(store(), ['a']);
    const results = (status: (id: string) => 'pass' | 'fail') =>
      specs.map(({ id, ...overrides }) => result(account.id, 'c1', id, status(id), overrides));
    await store().applyResults(
      account.id,
      ['c1'],
      results(() => 'fail'),
    );
    await store().applyResults(
      account.id,
      ['c1'],
      results((id) => (id === 'c' ? 'pass' : 'fail')),
    );
    await store().applyResults(other.id, ['c2'], [result(other.id, 'c2', 'a', 'fail', { severity: 'high' })]);
    for (const [index, { id }] of specs.entries()) {
      await sql(
        store(),
        `UPDATE alerts SET last_seen_at = now() - make_interval(mins => $1), first_seen_at = now() - make_interval(mins => $2)
         WHERE account_id = $3 AND asset_id = $4`,
        [index + 1, 100 - index, account.id, id],
      );
    }
    return { account, other };
  }

  const ids = (alerts: Alert[]) => alerts.map((a) => a.assetId);

  test('ranks exposed first, then severity, then most recent', async () => {
    const { account } = await seed();
    const page = await store().listAlerts({ accountId: account.id });
    expect(ids(page.items)).toEqual(['d', 'a', 'b', 'f', 'c', 'e']);
  });

  test('sorts by severity, last seen and first seen', async () => {
    const { account } = await seed();
    expect(ids((await store().listAlerts({ accountId: account.id, sort: 'severity' })).items)).toEqual([
      'b',
      'd',
      'f',
      'c',
      'a',
      'e',
    ]);
    expect(ids((await store().listAlerts({ accountId: account.id, sort: 'lastSeen' })).items)).toEqual([
      'a',
      'b',
      'c',
      'd',
      'e',
      'f',
    ]);
    expect(ids((await store().listAlerts({ accountId: account.id, sort: 'firstSeen' })).items)).toEqual([
      'f',
      'e',
      'd',
      'c',
      'b',
      'a',
    ]);
  });

  test('filters by status, severity, control, account, region, type, asset and exposure', async () => {
    const { account, other } = await seed();
    const list = async (filter: Parameters<Store['listAlerts']>[0]) =>
      ids((await store().listAlerts(filter)).items).sort();
    expect(await list({ accountId: account.id, status: ['resolved'] })).toEqual(['c']);
    expect(
      await list({ accountId: account.id, status: ['open', 'resolved'], severity: ['critical', 'medium'] }),
    ).toEqual(['b', 'c', 'd']);
    expect(await list({ controlIds: ['c2'] })).toEqual(['a']);
    expect(await list({ controlIds: [] })).toEqual([]);
    expect(await list({ accountId: other.id })).toEqual(['a']);
    expect(await list({ accountId: 'not-an-id' })).toEqual([]);
    expect(await list({ region: 'us-east-1' })).toEqual(['e']);
    expect(await list({ resourceType: 'aws_s3_bucket' })).toEqual(['f']);
    expect(await list({ accountId: account.id, assetId: 'a' })).toEqual(['a']);
    expect(await list({ exposed: true })).toEqual(['a', 'd']);
    expect(await store().countAlerts({ status: ['open'] })).toBe(6);
    expect(await store().countAlerts({ accountId: account.id, exposed: false, status: ['open'] })).toBe(3);
  });

  test('pages through every order with cursors, without repeats or gaps', async () => {
    const { account } = await seed();
    for (const sort of ['rank', 'severity', 'lastSeen', 'firstSeen'] as const) {
      const all = ids((await store().listAlerts({ accountId: account.id, sort })).items);
      const paged: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await store().listAlerts({ accountId: account.id, sort }, { limit: 4, cursor });
        paged.push(...ids(page.items));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(paged).toEqual(all);
    }
  });

  test('rejects a cursor from another order and a bad limit', async () => {
    const { account } = await seed();
    const first = await store().listAlerts({ accountId: account.id, sort: 'lastSeen' }, { limit: 2 });
    await expect(
      store().listAlerts({ accountId: account.id, sort: 'rank' }, { cursor: first.nextCursor! }),
    ).rejects.toBeInstanceOf(InvalidInputError);
    await expect(store().listAlerts({}, { limit: 0 })).rejects.toBeInstanceOf(InvalidInputError);
    expect((await store().listAlerts({}, { limit: 10_000 })).items.length).toBe(7);
  });

  test('gets one alert by id', async () => {
    const { account } = await seed();
    const alert = await alertOf(store(), account, 'c1', 'b');
    expect(await store().getAlert(alert.id)).toEqual(alert);
    expect(await store().getAlert('00000000-0000-4000-8000-000000000000')).toBeNull();
    expect(await store().getAlert('nope')).toBeNull();
  });
});

describeEachEngine('score snapshots', (store) => {
  test('records one snapshot per framework and lists the latest, oldest first', async () => {
    const account = await accountWithAssets(store(), []);
    await store().recordScoreSnapshot(account.id, {
      cis: { passed: 1, evaluated: 4 },
      pci: { passed: 2, evaluated: 2 },
    });
    await store().recordScoreSnapshot(account.id, { cis: { passed: 3, evaluated: 4 } });
    const cis = await store().listScoreSnapshots({ accountId: account.id, frameworkId: 'cis' });
    expect(cis.map((s) => s.passed)).toEqual([1, 3]);
    expect(await store().listScoreSnapshots({ frameworkId: 'cis' }, 1)).toEqual([
      expect.objectContaining({ passed: 3, evaluated: 4 }),
    ]);
    await expect(
      store().recordScoreSnapshot(account.id, { cis: { passed: 5, evaluated: 4 } }),
    ).rejects.toBeInstanceOf(InvalidInputError);
    expect(await store().listScoreSnapshots({})).toHaveLength(3);
  });
});
