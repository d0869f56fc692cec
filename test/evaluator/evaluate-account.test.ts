import { AccountDisabledError, defineControl, evaluateAccount, type ControlSet } from '../../evaluator';
import type { Store } from '../../store';
import type { Asset } from '../../store/model';
import { ACCOUNT, controlSet, ENCRYPTION, storedBucket, withStoreAccount, writeSync } from './fixtures';

const controls = controlSet(
  [
    ENCRYPTION,
    defineControl({
      id: 's3_bucket_not_public',
      title: 'S3 buckets are not public',
      severity: 'critical',
      resourceTypes: ['aws_s3_bucket'],
      scope: 'global',
      condition: { fact: 'public.verdict', eq: 'not_public' },
      rationale: 'No public data.',
      remediation: { cli: 'aws s3api put-public-access-block ...' },
    }),
  ],
  'test-fw',
);

describe('evaluateAccount against a real in-memory store', () => {
  let store: Store;
  let accountId: string;
  withStoreAccount('test', (opened, created) => {
    store = opened;
    accountId = created;
  });

  const sync = (assets: Asset[]) => writeSync(store, accountId, assets);

  it('with the declared types, a type the last sync could not list makes an aggregate over it error, as in scan', async () => {
    const aggregate: ControlSet = {
      controls: [
        defineControl({
          id: 's3_account_has_a_bucket',
          title: 'The account has at least one bucket',
          severity: 'low',
          resourceTypes: ['aws_iam_root_user'],
          scope: 'global',
          condition: { assets: { type: 'aws_s3_bucket' }, any: { attr: 'name', exists: true } },
          rationale: 'Test aggregate.',
          remediation: { cli: 'aws s3 mb s3://example' },
        }),
      ],
      frameworks: [],
    };
    const root: Asset = {
      id: `arn:aws:iam::${ACCOUNT}:root`,
      accountId: '',
      region: 'global',
      service: 'iam',
      type: 'aws_iam_root_user',
      class: 'User',
      name: 'root',
      tags: {},
      config: {},
    };
    const run = await store.createSync(accountId, 'manual');
    await store.markSyncRunning(run.id);
    await store.upsertAssets(run.id, [{ ...root, accountId }]);
    await store.recordSyncServiceResult(run.id, {
      service: 's3',
      region: 'global',
      status: 'failed',
      errorCode: 'AccessDenied',
      completeTypes: [],
      assetCount: 0,
      calls: {},
      retries: 0,
      throttles: 0,
      durationMs: 1,
    });
    await store.finishSync(run.id, 'partial');
    const declaredTypes = [{ service: 's3', resourceTypes: [{ type: 'aws_s3_bucket' }] }];

    await evaluateAccount(store, accountId, { controls: aggregate, declaredTypes });
    const [withDeclared] = (await store.listResults({ accountId })).items;
    expect(withDeclared.status).toBe('error');
    expect(withDeclared.reason).toMatch(
      /^Could not decide: The bucket list of account \d{12} could not be read in global \(AccessDenied\)\.$/,
    );

    // Without them the empty list reads as "no bucket": the shape scan and serve both avoid.
    await evaluateAccount(store, accountId, { controls: aggregate });
    const [withoutDeclared] = (await store.listResults({ accountId })).items;
    expect(withoutDeclared.status).toBe('fail');
  });

  it('stores results, facts and scores, and moves alerts open -> resolved -> reopened across runs', async () => {
    await sync([storedBucket('plain', false), storedBucket('locked', true)]);
    const first = await evaluateAccount(store, accountId, { controls });
    expect(first.results).toBe(4);
    expect(first.summary.opened).toBe(1);
    expect(first.scores['test-fw']).toEqual({ passed: 3, evaluated: 4 });

    const open = await store.listAlerts({ accountId, status: ['open'] });
    expect(open.items.map((alert) => [alert.controlId, alert.assetId])).toEqual([
      ['s3_bucket_default_encryption_enabled', 'arn:aws:s3:::plain'],
    ]);
    // Alerts keep the plain sentences and, apart, the engine's condition trace.
    expect(open.items[0].evidence[0]).toBe(open.items[0].reason);
    expect(open.items[0].evidence.join(' ')).not.toContain('config.');
    expect(open.items[0].trace[0]).toContain(
      'config.BucketEncryption.ServerSideEncryptionConfiguration.Rules is missing',
    );

    const stored = await store.getAssetById(accountId, 'arn:aws:s3:::locked');
    expect((stored!.facts.public as { verdict: string }).verdict).toBe('not_public');

    await sync([storedBucket('plain', true), storedBucket('locked', true)]);
    const second = await evaluateAccount(store, accountId, { controls });
    expect(second.summary.resolved).toBe(1);
    expect(await store.countAlerts({ accountId, status: ['open'] })).toBe(0);

    await sync([storedBucket('plain', false), storedBucket('locked', true)]);
    const third = await evaluateAccount(store, accountId, { controls });
    expect(third.summary.reopened).toBe(1);
    const alert = (await store.listAlerts({ accountId, status: ['open'] })).items[0];
    expect(alert.history.map((entry) => entry.event)).toEqual(['opened', 'resolved', 'reopened']);

    const snapshots = await store.listScoreSnapshots({ accountId, frameworkId: 'test-fw' });
    expect(snapshots).toHaveLength(3);
  });

  it('a read error yields an error result that neither opens nor resolves the alert', async () => {
    await sync([storedBucket('plain', false)]);
    await evaluateAccount(store, accountId, { controls });
    const unreadable = { ...storedBucket('plain', true), readErrors: { BucketEncryption: 'AccessDenied' } };
    delete (unreadable.config as Record<string, unknown>).BucketEncryption;
    await sync([unreadable]);
    const result = await evaluateAccount(store, accountId, { controls });
    expect(result.summary.resolved).toBe(0);
    expect(await store.countAlerts({ accountId, status: ['open'] })).toBe(1);
    const rows = await store.listResults({ accountId, controlId: 's3_bucket_default_encryption_enabled' });
    expect(rows.items[0].status).toBe('error');
    expect(rows.items[0].reason).toBe('Could not read the bucket encryption of bucket plain (AccessDenied).');
    expect(rows.items[0].trace![0]).toContain('config.BucketEncryption');
  });

  it('refuses a disabled account', async () => {
    await store.setAccountStatus(accountId, 'disabled');
    await expect(evaluateAccount(store, accountId, { controls })).rejects.toBeInstanceOf(
      AccountDisabledError,
    );
  });
});
