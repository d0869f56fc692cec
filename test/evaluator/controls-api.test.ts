import { randomBytes } from 'node:crypto';
import request from 'supertest';
import type { Express } from 'express';
import { createApp } from '../../api/app';
import { generateToken, hashToken } from '../../api/auth';
import { InProcessJobQueue } from '../../api/jobs/in-process';
import { controlsExtraRouters } from '../../api/routes/controls';
import { createSecretBox } from '../../api/secrets';
import { defineControl, evaluateAccount, resolveControlIdsIn, type ControlSet } from '../../evaluator';
import { openStore, type Store } from '../../store';

const set: ControlSet = {
  controls: [
    defineControl({
      id: 'iam_user_mfa_enabled',
      title: 'IAM users have MFA enabled',
      severity: 'high',
      resourceTypes: ['aws_iam_user'],
      scope: 'global',
      condition: { attr: 'config.CredentialReport.mfa_active', eq: true },
      rationale: 'MFA.',
      remediation: {
        console: ['Enable MFA'],
        cli: 'aws iam enable-mfa-device --user-name {{name}} --serial-number {{config.MfaSerialNumber}}',
      },
      references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_enable.html'],
    }),
    defineControl({
      id: 'iam_user_no_inline_policies',
      title: 'IAM users have no inline policies',
      severity: 'low',
      resourceTypes: ['aws_iam_user'],
      scope: 'global',
      condition: { attr: 'config.UserPolicyList', empty: true },
      rationale: 'Groups.',
      remediation: { console: ['Move to groups'] },
    }),
  ],
  frameworks: [
    {
      id: 'cis-test-1.0.0',
      name: 'CIS test',
      version: '1.0.0',
      source: 'tests',
      file: 'inline',
      sections: [{ id: '2', title: 'Identity' }],
      requirements: [
        {
          id: '2.10',
          title: 'MFA for console users',
          section: '2',
          assessment: 'automated',
          controls: ['iam_user_mfa_enabled'],
        },
        {
          id: '2.13',
          title: 'Permissions through groups',
          section: '2',
          assessment: 'automated',
          controls: ['iam_user_no_inline_policies'],
        },
        { id: '2.19', title: 'Federation', section: '2', assessment: 'manual', controls: [] },
      ],
    },
  ],
};

function user(name: string, mfa: boolean) {
  return {
    id: `arn:aws:iam::123456789012:user/${name}`,
    accountId: '',
    region: 'global',
    service: 'iam',
    type: 'aws_iam_user',
    class: 'User' as const,
    name,
    tags: {},
    config: { UserName: name, UserPolicyList: [], CredentialReport: { user: name, mfa_active: String(mfa) } },
  };
}

describe('controls and frameworks API', () => {
  let store: Store;
  let app: Express;
  let auth: string;
  let accountId: string;

  beforeAll(async () => {
    store = await openStore({ memory: true });
    const token = generateToken();
    await store.createToken({ name: 'auditor', role: 'auditor', tokenHash: hashToken(token) });
    auth = `Bearer ${token}`;
    app = createApp({
      store,
      secrets: createSecretBox(randomBytes(32)),
      jobs: new InProcessJobQueue(),
      webDir: null,
      env: {},
      extraRouters: controlsExtraRouters({ store, controls: () => set }),
      resolveControlIds: (framework, requirement) => resolveControlIdsIn(set, framework, requirement),
    });
    const account = await store.createAccount({
      name: 'prod',
      awsAccountId: '123456789012',
      roleArn: 'arn:aws:iam::123456789012:role/cw',
      externalIdCiphertext: 'x',
      regions: ['eu-west-1'],
    });
    accountId = account.id;
    const sync = await store.createSync(accountId, 'manual');
    await store.upsertAssets(
      sync.id,
      [user('alice', true), user('bob', false)].map((asset) => ({ ...asset, accountId })),
    );
    await store.finishSync(sync.id, 'succeeded');
    await evaluateAccount(store, accountId, { controls: set });
  });
  afterAll(async () => {
    await store.close();
  });

  it('lists controls with counts and filters them', async () => {
    const all = await request(app).get('/api/v1/controls').set('Authorization', auth).expect(200);
    expect(all.body.items).toHaveLength(2);
    const mfa = all.body.items.find((item: { id: string }) => item.id === 'iam_user_mfa_enabled');
    expect(mfa.counts).toEqual({ pass: 1, fail: 1, notApplicable: 0, error: 0 });
    expect(mfa.frameworks).toEqual([{ id: 'cis-test-1.0.0', requirements: ['2.10'] }]);
    const high = await request(app)
      .get('/api/v1/controls?severity=high')
      .set('Authorization', auth)
      .expect(200);
    expect(high.body.items.map((item: { id: string }) => item.id)).toEqual(['iam_user_mfa_enabled']);
    const search = await request(app)
      .get('/api/v1/controls?search=INLINE')
      .set('Authorization', auth)
      .expect(200);
    expect(search.body.items.map((item: { id: string }) => item.id)).toEqual(['iam_user_no_inline_policies']);
  });

  it('rejects bad filters with problem+json', async () => {
    const response = await request(app)
      .get('/api/v1/controls?severity=urgent')
      .set('Authorization', auth)
      .expect(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    await request(app).get('/api/v1/controls?framework=nope').set('Authorization', auth).expect(404);
    await request(app).get('/api/v1/controls').expect(401);
  });

  it('shows one control with its failing assets', async () => {
    const response = await request(app)
      .get('/api/v1/controls/iam_user_mfa_enabled')
      .set('Authorization', auth)
      .expect(200);
    // No single asset on the control's page: every template path shows its named placeholder.
    expect(response.body.remediation).toEqual({
      console: ['Enable MFA'],
      cli: 'aws iam enable-mfa-device --user-name <name> --serial-number <MfaSerialNumber>',
    });
    expect(response.body.references).toEqual([
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_enable.html',
    ]);
    expect(response.body.failing.items.map((item: { assetId: string }) => item.assetId)).toEqual([
      'arn:aws:iam::123456789012:user/bob',
    ]);
    // Both users could be judged: nothing in the list of what could not be.
    expect(response.body.errors).toEqual({ items: [], nextCursor: null });
    await request(app).get('/api/v1/controls/does_not_exist').set('Authorization', auth).expect(404);
  });

  it('lists frameworks with scores and shows the requirement tree', async () => {
    const list = await request(app).get('/api/v1/frameworks').set('Authorization', auth).expect(200);
    expect(list.body.items).toEqual([
      {
        id: 'cis-test-1.0.0',
        name: 'CIS test',
        version: '1.0.0',
        source: 'tests',
        requirements: 3,
        automated: 2,
        manual: 1,
        score: { passed: 3, evaluated: 4, score: 0.75 },
      },
    ]);
    const one = await request(app)
      .get('/api/v1/frameworks/cis-test-1.0.0')
      .set('Authorization', auth)
      .expect(200);
    expect(
      one.body.sections[0].requirements.map((r: { id: string; score: number | null; manual: boolean }) => [
        r.id,
        r.score,
        r.manual,
      ]),
    ).toEqual([
      ['2.10', 0.5, false],
      ['2.13', 1, false],
      ['2.19', null, true],
    ]);
    // the section's score counts its two controls once each: the same 3 of 4 as the framework, one manual requirement
    expect(one.body.sections[0]).toMatchObject({
      id: '2',
      parent: null,
      score: { passed: 3, evaluated: 4, score: 0.75, requirements: 3, manual: 1 },
    });
    await request(app).get('/api/v1/frameworks/unknown').set('Authorization', auth).expect(404);
  });

  it('the alerts filter resolves a framework requirement to its controls', async () => {
    const response = await request(app)
      .get('/api/v1/alerts?framework=cis-test-1.0.0&requirement=2.10')
      .set('Authorization', auth)
      .expect(200);
    expect(response.body.items.map((alert: { assetId: string }) => alert.assetId)).toEqual([
      'arn:aws:iam::123456789012:user/bob',
    ]);
    const none = await request(app)
      .get('/api/v1/alerts?framework=cis-test-1.0.0&requirement=2.13')
      .set('Authorization', auth)
      .expect(200);
    expect(none.body.items).toEqual([]);
  });
});
