// evaluateAccount with `changedTypes` (event mode): only the controls that read a changed type run; the others keep
// their stored results and evaluation times, the verdicts equal a full evaluation's, and the fingerprint is
// forgotten so the next full evaluation is not skipped.
import { defineControl, evaluateAccount, type ControlSet } from '../../evaluator';
import { openStore, type Store } from '../../store';
import type { Asset, EvaluationResult } from '../../store/model';

type EvaluationResultRow = EvaluationResult & { evaluatedAt: string };

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
    },
  };
}

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

const encryption = defineControl({
  id: 's3_bucket_default_encryption_enabled',
  title: 'S3 buckets have default encryption',
  severity: 'medium',
  resourceTypes: ['aws_s3_bucket'],
  scope: 'global',
  condition: { attr: 'config.BucketEncryption.ServerSideEncryptionConfiguration.Rules', empty: false },
  rationale: 'Encrypt data at rest.',
  remediation: { cli: 'aws s3api put-bucket-encryption ...' },
});
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

const controlSet: ControlSet = {
  controls: [encryption, rotation],
  frameworks: [
    {
      id: 'fw',
      name: 'Framework',
      version: '1',
      source: 'tests',
      sections: [],
      file: 'inline',
      requirements: [
        { id: '1', title: encryption.title, assessment: 'automated', controls: [encryption.id] },
        { id: '2', title: rotation.title, assessment: 'automated', controls: [rotation.id] },
      ],
    },
  ],
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('evaluateAccount with changedTypes', () => {
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
      name: `partial-${Math.random()}`,
      awsAccountId: String(Math.floor(1e11 + Math.random() * 8e11)),
      roleArn: 'arn:aws:iam::123456789012:role/cloudward',
      externalIdCiphertext: 'x',
      regions: ['eu-west-1'],
    });
    accountId = account.id;
  });

  async function write(assets: Asset[]) {
    const run = await store.createSync(accountId, 'manual');
    await store.markSyncRunning(run.id);
    await store.upsertAssets(
      run.id,
      assets.map((asset) => ({ ...asset, accountId })),
    );
    await store.finishSync(run.id, 'succeeded');
  }

  const results = async (controlId: string): Promise<EvaluationResultRow[]> =>
    (await store.listResults({ accountId, controlId }, { limit: 100 })).items;
  const verdicts = (rows: EvaluationResultRow[]) =>
    rows.map((row) => `${row.controlId} ${row.assetId} ${row.status} ${row.reason}`).sort();

  it('re-evaluates the bucket control only, leaving the key control and its timestamps untouched', async () => {
    await write([bucket('logs', false), key('k1', false)]);
    const first = await evaluateAccount(store, accountId, { controls: controlSet, now: NOW });
    expect(first.controlsEvaluated).toBe(2);
    const keyBefore = await results(rotation.id);
    const bucketBefore = await results(encryption.id);
    expect(bucketBefore.map((row) => row.status)).toEqual(['fail']);

    // The bucket gets encrypted (an event re-read of s3): the key control's row must keep its evaluation time.
    await sleep(20);
    await write([bucket('logs', true)]);
    const partial = await evaluateAccount(store, accountId, {
      controls: controlSet,
      now: NOW,
      changedTypes: ['aws_s3_bucket'],
    });

    expect(partial.controlsEvaluated).toBe(1);
    expect(partial.summary.resolved).toBe(1);
    expect(await results(rotation.id)).toEqual(keyBefore);
    const bucketAfter = await results(encryption.id);
    expect(bucketAfter.map((row) => row.status)).toEqual(['pass']);
    expect(Date.parse(bucketAfter[0].evaluatedAt)).toBeGreaterThan(Date.parse(bucketBefore[0].evaluatedAt));
    // Scores count every stored result, not just the partial run's.
    expect(partial.scores.fw).toEqual({ passed: 1, evaluated: 2 });
    expect(await store.getEvaluationFingerprint(accountId)).toBeNull();
  });

  it('gives the verdicts a full evaluation gives (parity)', async () => {
    await write([bucket('a', false), bucket('b', true), key('k1', true), key('k2', false)]);
    await evaluateAccount(store, accountId, { controls: controlSet, now: NOW });
    await write([bucket('a', true), bucket('b', false)]);
    await evaluateAccount(store, accountId, {
      controls: controlSet,
      now: NOW,
      changedTypes: ['aws_s3_bucket'],
    });
    const afterPartial = verdicts([...(await results(encryption.id)), ...(await results(rotation.id))]);
    const alertsAfterPartial = (await store.listAlerts({ accountId }, { limit: 100 })).items
      .map((alert) => `${alert.controlId} ${alert.assetId} ${alert.status}`)
      .sort();

    const full = await evaluateAccount(store, accountId, { controls: controlSet, now: NOW, force: true });
    expect(full.skipped).toBe(false);
    expect(verdicts([...(await results(encryption.id)), ...(await results(rotation.id))])).toEqual(
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
    await write([bucket('a', false)]);
    await evaluateAccount(store, accountId, { controls: controlSet, now: NOW });
    const before = await results(encryption.id);
    const partial = await evaluateAccount(store, accountId, {
      controls: controlSet,
      now: NOW,
      changedTypes: ['aws_sqs_queue'],
    });
    expect(partial.controlsEvaluated).toBe(0);
    expect(await results(encryption.id)).toEqual(before);
    expect((await evaluateAccount(store, accountId, { controls: controlSet, now: NOW })).skipped).toBe(false);
  });
});
