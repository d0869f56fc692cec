// evaluateAccount with `changedTypes` (event mode): only the controls that read a changed type run; the others keep
// their stored results and evaluation times, the verdicts equal a full evaluation's, and the fingerprint is
// forgotten so the next full evaluation is not skipped.
import { defineControl, evaluateAccount } from '../../evaluator';
import type { Store } from '../../store';
import type { Asset, EvaluationResult } from '../../store/model';
import { controlSet, ENCRYPTION, storedBucket, withStoreAccount, writeSync } from './fixtures';

type EvaluationResultRow = EvaluationResult & { evaluatedAt: string };

const NOW = new Date('2026-06-01T12:00:00.000Z');

function key(id: string, rotation: boolean): Asset {
  return {
    id: `arn:aws:kms:eu-west-1:123456789012:key/${id}`,
    accountId: '',
    region: 'eu-west-1',
    service: 'kms',
    type: 'aws_kms_key',
    class: 'Key',
    name: id,
    tags: {},
    config: { KeyId: id, KeyManager: 'CUSTOMER', KeyRotationEnabled: rotation },
  };
}

const rotation = defineControl({
  id: 'kms_key_rotation_enabled',
  title: 'KMS customer keys rotate every year',
  severity: 'medium',
  resourceTypes: ['aws_kms_key'],
  scope: 'regional',
  condition: { attr: 'config.KeyRotationEnabled', eq: true },
  rationale: 'Rotation limits what one key protects.',
  remediation: { cli: 'aws kms enable-key-rotation --key-id ...' },
});

const controls = controlSet([ENCRYPTION, rotation]);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('evaluateAccount with changedTypes', () => {
  let store: Store;
  let accountId: string;
  withStoreAccount('partial', (opened, created) => {
    store = opened;
    accountId = created;
  });

  const write = (assets: Asset[]) => writeSync(store, accountId, assets);

  const results = async (controlId: string): Promise<EvaluationResultRow[]> =>
    (await store.listResults({ accountId, controlId }, { limit: 100 })).items;
  const verdicts = (rows: EvaluationResultRow[]) =>
    rows.map((row) => `${row.controlId} ${row.assetId} ${row.status} ${row.reason}`).sort();

  it('re-evaluates the bucket control only, leaving the key control and its timestamps untouched', async () => {
    await write([storedBucket('logs', false), key('k1', false)]);
    const first = await evaluateAccount(store, accountId, { controls, now: NOW });
    expect(first.controlsEvaluated).toBe(2);
    const keyBefore = await results(rotation.id);
    const bucketBefore = await results(ENCRYPTION.id);
    expect(bucketBefore.map((row) => row.status)).toEqual(['fail']);

    // The bucket gets encrypted (an event re-read of s3): the key control's row must keep its evaluation time.
    await sleep(20);
    await write([storedBucket('logs', true)]);
    const partial = await evaluateAccount(store, accountId, {
      controls,
      now: NOW,
      changedTypes: ['aws_s3_bucket'],
    });

    expect(partial.controlsEvaluated).toBe(1);
    expect(partial.summary.resolved).toBe(1);
    expect(await results(rotation.id)).toEqual(keyBefore);
    const bucketAfter = await results(ENCRYPTION.id);
    expect(bucketAfter.map((row) => row.status)).toEqual(['pass']);
    expect(Date.parse(bucketAfter[0].evaluatedAt)).toBeGreaterThan(Date.parse(bucketBefore[0].evaluatedAt));
    // Scores count every stored result, not just the partial run's.
    expect(partial.scores.fw).toEqual({ passed: 1, evaluated: 2 });
    expect(await store.getEvaluationFingerprint(accountId)).toBeNull();
  });

  it('gives the verdicts a full evaluation gives (parity)', async () => {
    await write([storedBucket('a', false), storedBucket('b', true), key('k1', true), key('k2', false)]);
    await evaluateAccount(store, accountId, { controls, now: NOW });
    await write([storedBucket('a', true), storedBucket('b', false)]);
    await evaluateAccount(store, accountId, {
      controls,
      now: NOW,
      changedTypes: ['aws_s3_bucket'],
    });
    const afterPartial = verdicts([...(await results(ENCRYPTION.id)), ...(await results(rotation.id))]);
    const alertsAfterPartial = (await store.listAlerts({ accountId }, { limit: 100 })).items
      .map((alert) => `${alert.controlId} ${alert.assetId} ${alert.status}`)
      .sort();

    const full = await evaluateAccount(store, accountId, { controls, now: NOW, force: true });
    expect(full.skipped).toBe(false);
    expect(verdicts([...(await results(ENCRYPTION.id)), ...(await results(rotation.id))])).toEqual(
      afterPartial,
    );
    expect(
      (await store.listAlerts({ accountId }, { limit: 100 })).items
        .map((alert) => `${alert.controlId} ${alert.assetId} ${alert.status}`)
        .sort(),
    ).toEqual(alertsAfterPartial);
    expect(full.summary).toMatchObject({ opened: 0, reopened: 0, resolved: 0 });
  });

  it('runs no control when nothing it reads changed, and the next full evaluation is not skipped', async () => {
    await write([storedBucket('a', false)]);
    await evaluateAccount(store, accountId, { controls, now: NOW });
    const before = await results(ENCRYPTION.id);
    const partial = await evaluateAccount(store, accountId, {
      controls,
      now: NOW,
      changedTypes: ['aws_sqs_queue'],
    });
    expect(partial.controlsEvaluated).toBe(0);
    expect(await results(ENCRYPTION.id)).toEqual(before);
    expect((await evaluateAccount(store, accountId, { controls, now: NOW })).skipped).toBe(false);
  });
});
