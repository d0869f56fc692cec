import { ConflictError, InvalidInputError, NotFoundError } from '../../store';
import { asset, describeEachEngine, newAccountInput, result } from './engines';

describeEachEngine('accounts', (store) => {
  test('creates an account enabled, with no sync yet', async () => {
    const input = newAccountInput();
    const account = await store().createAccount(input);
    expect(account).toMatchObject({ ...input, status: 'enabled', lastSyncId: null, lastSyncStatus: null });
    expect(await store().getAccount(account.id)).toEqual(account);
  });

  test('refuses a second account with the same AWS account id and keeps the first unchanged', async () => {
    const first = await store().createAccount(newAccountInput({ awsAccountId: '111111111111' }));
    await expect(
      store().createAccount(newAccountInput({ awsAccountId: '111111111111' })),
    ).rejects.toBeInstanceOf(ConflictError);
    const page = await store().listAccounts();
    expect(page.items).toEqual([first]);
  });

  test('returns null for unknown and malformed ids', async () => {
    expect(await store().getAccount('00000000-0000-4000-8000-000000000000')).toBeNull();
    expect(await store().getAccount('not-a-uuid')).toBeNull();
  });

  test('pages accounts with an opaque cursor and rejects a forged one', async () => {
    const created = [];
    for (let i = 0; i < 5; i++) created.push(await store().createAccount(newAccountInput()));
    const first = await store().listAccounts({ limit: 2 });
    const second = await store().listAccounts({ limit: 2, cursor: first.nextCursor! });
    const third = await store().listAccounts({ limit: 2, cursor: second.nextCursor! });
    expect([...first.items, ...second.items, ...third.items].map((a) => a.id)).toEqual(
      created.map((a) => a.id),
    );
    expect(third.nextCursor).toBeNull();
    await expect(store().listAccounts({ cursor: 'garbage' })).rejects.toBeInstanceOf(InvalidInputError);
    const forged = Buffer.from(JSON.stringify(['yesterday', 'x'])).toString('base64url');
    await expect(store().listAccounts({ cursor: forged })).rejects.toBeInstanceOf(InvalidInputError);
  });

  test('updates name and role without touching other fields', async () => {
    const account = await store().createAccount(newAccountInput());
    const updated = await store().updateAccount(account.id, { name: 'renamed' });
    expect(updated).toMatchObject({ name: 'renamed', roleArn: account.roleArn, regions: account.regions });
    await expect(
      store().updateAccount('00000000-0000-4000-8000-000000000000', { name: 'x' }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  test('removing a region deletes its assets, relationships, results and alerts in one go', async () => {
    const account = await store().createAccount(newAccountInput({ regions: ['eu-west-1', 'us-east-1'] }));
    const sync = await store().createSync(account.id, 'manual');
    await store().upsertAssets(sync.id, [
      asset(account.id, 'i-eu', { region: 'eu-west-1' }),
      asset(account.id, 'i-us', { region: 'us-east-1' }),
      asset(account.id, 'arn:aws:iam::1:user/u', { region: 'global', service: 'iam', type: 'aws_iam_user' }),
    ]);
    await store().upsertRelationships(sync.id, [
      {
        accountId: account.id,
        fromId: 'sg-us',
        verb: 'PROTECTS',
        toId: 'i-us',
        service: 'ec2',
        region: 'us-east-1',
      },
    ]);
    await store().finishSync(sync.id, 'succeeded');
    await store().applyResults(
      account.id,
      ['c1'],
      [
        result(account.id, 'c1', 'i-eu', 'fail', { region: 'eu-west-1' }),
        result(account.id, 'c1', 'i-us', 'fail', { region: 'us-east-1' }),
      ],
    );

    const updated = await store().updateAccount(account.id, { regions: ['eu-west-1'] });

    expect(updated.regions).toEqual(['eu-west-1']);
    const ids = (await store().listAssets({ accountId: account.id })).items.map((a) => a.id).sort();
    expect(ids).toEqual(['arn:aws:iam::1:user/u', 'i-eu']);
    expect(await store().listRelationships(account.id)).toEqual([]);
    expect((await store().listAlerts({ accountId: account.id })).items.map((a) => a.assetId)).toEqual([
      'i-eu',
    ]);
    expect((await store().listResults({ accountId: account.id })).items.map((r) => r.assetId)).toEqual([
      'i-eu',
    ]);
  });

  test('an invalid region list changes nothing', async () => {
    const account = await store().createAccount(newAccountInput({ regions: ['eu-west-1'] }));
    const sync = await store().createSync(account.id, 'manual');
    await store().upsertAssets(sync.id, [asset(account.id, 'i-eu')]);
    await expect(store().updateAccount(account.id, { regions: ['global'] })).rejects.toBeInstanceOf(
      InvalidInputError,
    );
    expect(await store().countAssets({ accountId: account.id })).toBe(1);
    expect((await store().getAccount(account.id))!.regions).toEqual(['eu-west-1']);
  });

  test('disables and enables an account; a disabled account cannot sync or be evaluated', async () => {
    const account = await store().createAccount(newAccountInput());
    expect((await store().setAccountStatus(account.id, 'disabled')).status).toBe('disabled');
    await expect(store().createSync(account.id, 'manual')).rejects.toBeInstanceOf(ConflictError);
    await expect(store().applyResults(account.id, [], [])).rejects.toBeInstanceOf(ConflictError);
    expect((await store().setAccountStatus(account.id, 'enabled')).status).toBe('enabled');
    await expect(store().createSync(account.id, 'manual')).resolves.toMatchObject({ status: 'queued' });
  });

  test('deleting an account removes everything it owns', async () => {
    const account = await store().createAccount(newAccountInput());
    const other = await store().createAccount(newAccountInput());
    const sync = await store().createSync(account.id, 'manual');
    await store().upsertAssets(sync.id, [asset(account.id, 'i-1')]);
    await store().recordSyncServiceResult(sync.id, {
      service: 'ec2',
      region: 'eu-west-1',
      status: 'ok',
      completeTypes: [],
      assetCount: 1,
      calls: {},
      retries: 0,
      throttles: 0,
      durationMs: 1,
    });
    await store().applyResults(account.id, ['c1'], [result(account.id, 'c1', 'i-1', 'fail')]);
    await store().createSuppression({
      controlId: 'c1',
      assetId: null,
      accountId: account.id,
      region: null,
      tagKey: null,
      tagValue: null,
      justification: 'accepted',
      author: 'alice',
      expiresAt: null,
    });
    await store().recordScoreSnapshot(account.id, { cis: { passed: 1, evaluated: 2 } });

    await store().deleteAccount(account.id);

    expect(await store().getAccount(account.id)).toBeNull();
    expect(await store().getSync(sync.id)).toBeNull();
    expect(await store().countAssets({ includeDeleted: true })).toBe(0);
    expect(await store().countAlerts({})).toBe(0);
    expect(await store().resultCounts()).toEqual([]);
    expect((await store().listSuppressions()).items).toEqual([]);
    expect(await store().listScoreSnapshots({})).toEqual([]);
    expect(await store().getAccount(other.id)).not.toBeNull();
    await expect(store().deleteAccount(account.id)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describeEachEngine('syncs', (store, engine) => {
  const serviceResult = {
    service: 'ec2',
    region: 'eu-west-1',
    status: 'failed' as const,
    errorCode: 'AccessDenied',
    errorMessage: 'not authorised to DescribeInstances',
    completeTypes: ['aws_ec2_security_group'],
    assetCount: 12,
    calls: { 'EC2.DescribeInstances': 3 },
    retries: 2,
    throttles: 1,
    durationMs: 1234,
  };

  test('runs a sync from queued to finished and records it on the account', async () => {
    const account = await store().createAccount(newAccountInput());
    const sync = await store().createSync(account.id, 'manual');
    expect(sync).toMatchObject({ status: 'queued', trigger: 'manual', finishedAt: null, services: [] });
    await store().markSyncRunning(sync.id);
    await store().updateSyncProgress(sync.id, { done: 1, total: 4, current: 'ec2 eu-west-1' });
    await store().recordSyncServiceResult(sync.id, serviceResult);
    const finished = await store().finishSync(sync.id, 'partial', 'ec2 eu-west-1: AccessDenied');

    expect(finished).toMatchObject({
      status: 'partial',
      progress: { done: 1, total: 4, current: 'ec2 eu-west-1' },
      error: 'ec2 eu-west-1: AccessDenied',
      services: [serviceResult],
    });
    expect(finished.finishedAt).not.toBeNull();
    expect(await store().getAccount(account.id)).toMatchObject({
      lastSyncId: sync.id,
      lastSyncStatus: 'partial',
      lastSyncAt: finished.finishedAt,
    });
  });

  test('recording a service result again overwrites it', async () => {
    const account = await store().createAccount(newAccountInput());
    const sync = await store().createSync(account.id, 'manual');
    await store().recordSyncServiceResult(sync.id, serviceResult);
    await store().recordSyncServiceResult(sync.id, {
      ...serviceResult,
      status: 'ok',
      errorCode: undefined,
      errorMessage: undefined,
    });
    const services = (await store().getSync(sync.id))!.services;
    expect(services).toHaveLength(1);
    expect(services[0]).toEqual({
      ...serviceResult,
      status: 'ok',
      errorCode: undefined,
      errorMessage: undefined,
    });
    expect(services[0]).not.toHaveProperty('errorCode');
  });

  test('refuses a second queued or running sync of the same account', async () => {
    const account = await store().createAccount(newAccountInput());
    const other = await store().createAccount(newAccountInput());
    const sync = await store().createSync(account.id, 'manual');
    await expect(store().createSync(account.id, 'schedule')).rejects.toBeInstanceOf(ConflictError);
    await store().markSyncRunning(sync.id);
    await expect(store().createSync(account.id, 'manual')).rejects.toBeInstanceOf(ConflictError);
    await expect(store().createSync(other.id, 'manual')).resolves.toMatchObject({ status: 'queued' });
    expect((await store().listSyncs(account.id)).items).toHaveLength(1);
    await store().finishSync(sync.id, 'succeeded');
    await expect(store().createSync(account.id, 'manual')).resolves.toMatchObject({ status: 'queued' });
  });

  test('of many concurrent sync requests exactly one wins', async () => {
    const account = await store().createAccount(newAccountInput());
    const attempts = await Promise.allSettled(
      Array.from({ length: 6 }, () => store().createSync(account.id, 'manual')),
    );
    expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(1);
    for (const attempt of attempts.filter((a) => a.status === 'rejected')) {
      expect((attempt as PromiseRejectedResult).reason).toBeInstanceOf(ConflictError);
    }
    expect(engine === 'postgres' || engine === 'pglite').toBe(true);
  });

  test('refuses to finish or restart a finished sync, and reports unknown ones', async () => {
    const account = await store().createAccount(newAccountInput());
    const sync = await store().createSync(account.id, 'manual');
    await store().finishSync(sync.id, 'failed', 'boom');
    await expect(store().finishSync(sync.id, 'succeeded')).rejects.toBeInstanceOf(ConflictError);
    await expect(store().markSyncRunning(sync.id)).rejects.toBeInstanceOf(ConflictError);
    await expect(store().updateSyncProgress(sync.id, { done: 1, total: 1 })).rejects.toBeInstanceOf(
      ConflictError,
    );
    expect((await store().getSync(sync.id))!.status).toBe('failed');
    const missing = '00000000-0000-4000-8000-000000000000';
    await expect(store().markSyncRunning(missing)).rejects.toBeInstanceOf(NotFoundError);
    await expect(store().finishSync(missing, 'failed')).rejects.toBeInstanceOf(NotFoundError);
    await expect(store().createSync(missing, 'manual')).rejects.toBeInstanceOf(NotFoundError);
  });

  test('lists unfinished syncs for the job system to pick up, and the running one per account', async () => {
    const a = await store().createAccount(newAccountInput());
    const b = await store().createAccount(newAccountInput());
    const c = await store().createAccount(newAccountInput());
    const queued = await store().createSync(a.id, 'schedule');
    const running = await store().createSync(b.id, 'manual');
    await store().markSyncRunning(running.id);
    const done = await store().createSync(c.id, 'manual');
    await store().finishSync(done.id, 'succeeded');

    const unfinished = await store().listUnfinishedSyncs();
    expect(unfinished.map((s) => s.id).sort()).toEqual([queued.id, running.id].sort());
    expect((await store().getRunningSync(b.id))!.id).toBe(running.id);
    expect(await store().getRunningSync(c.id)).toBeNull();
    // A job re-run after a crash marks its sync running again.
    await expect(store().markSyncRunning(running.id)).resolves.toBeUndefined();
  });

  test('lists syncs newest first across pages', async () => {
    const account = await store().createAccount(newAccountInput());
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const sync = await store().createSync(account.id, 'manual');
      await store().finishSync(sync.id, 'succeeded');
      ids.push(sync.id);
    }
    const first = await store().listSyncs(account.id, { limit: 2 });
    const second = await store().listSyncs(account.id, { limit: 2, cursor: first.nextCursor! });
    expect([...first.items, ...second.items].map((s) => s.id)).toEqual(ids.reverse());
    expect(second.nextCursor).toBeNull();
  });
});

describeEachEngine('tokens and audit log', (store) => {
  test('stores tokens by hash only, finds them, revokes them', async () => {
    const token = await store().createToken({ name: 'ci', role: 'auditor', tokenHash: 'a'.repeat(64) });
    expect(token).toMatchObject({ name: 'ci', role: 'auditor', lastUsedAt: null, revokedAt: null });
    expect(token).not.toHaveProperty('tokenHash');
    expect(await store().countTokens()).toBe(1);

    const found = await store().findTokenByHash('a'.repeat(64));
    expect(found).toMatchObject({ id: token.id });
    expect(found!.lastUsedAt).not.toBeNull();
    expect(await store().findTokenByHash('b'.repeat(64))).toBeNull();

    await store().revokeToken(token.id);
    expect((await store().findTokenByHash('a'.repeat(64)))!.revokedAt).not.toBeNull();
    expect(await store().countTokens()).toBe(0);
    expect(await store().listTokens()).toHaveLength(1);
    await expect(store().revokeToken('00000000-0000-4000-8000-000000000000')).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(
      store().createToken({ name: 'dup', role: 'admin', tokenHash: 'a'.repeat(64) }),
    ).rejects.toBeInstanceOf(ConflictError);
  });

  test('appends audit entries and lists them newest first', async () => {
    for (let i = 0; i < 3; i++) {
      await store().appendAudit({
        actor: 'token:1',
        action: `account.update.${i}`,
        targetType: 'account',
        targetId: null,
        details: { i },
      });
    }
    const first = await store().listAudit({ limit: 2 });
    const second = await store().listAudit({ limit: 2, cursor: first.nextCursor! });
    expect([...first.items, ...second.items].map((e) => e.details)).toEqual([{ i: 2 }, { i: 1 }, { i: 0 }]);
  });
});
