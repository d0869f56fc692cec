// Cloudward's own identity against a real STS implementation (moto_server in another process): a server whose
// credentials are an assumed role (as on EC2 or ECS) trusts that role, and the onboarding routes use it when
// CLOUDWARD_TRUSTED_PRINCIPAL is unset.
import { IAMClient, CreateRoleCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import request from 'supertest';
import { createApp } from '../../api/app';
import { defaultIntegrations } from '../../api/integrations';
import { detectOwnIdentity } from '../../api/own-identity';
import { makeTestApp, type TestApp } from '../api/helpers';
import { MOTO_ACCOUNT, motoSuite, startMoto, type MotoServer } from './moto-server';

jest.setTimeout(90_000);

motoSuite("Cloudward's own identity on moto")("Cloudward's own identity on moto", () => {
  let moto: MotoServer;
  let restore: () => void;
  let t: TestApp | undefined;
  beforeAll(async () => {
    moto = await startMoto();
    restore = moto.useEnv();
  });
  afterAll(async () => {
    await t?.close();
    restore?.();
    await moto?.stop();
  });

  test('an instance-role session: the role ARN becomes the trusted principal, in the wizard documents too', async () => {
    // The server's role, and a session of it: what an EC2 instance profile hands the SDK.
    const iam = new IAMClient({ region: 'us-east-1' });
    await iam.send(
      new CreateRoleCommand({
        RoleName: 'CloudwardServer',
        AssumeRolePolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' },
          ],
        }),
      }),
    );
    const session = await new STSClient({ region: 'us-east-1' }).send(
      new AssumeRoleCommand({
        RoleArn: `arn:aws:iam::${MOTO_ACCOUNT}:role/CloudwardServer`,
        RoleSessionName: 'i-0abc1234def567890',
      }),
    );
    process.env.AWS_ACCESS_KEY_ID = session.Credentials?.AccessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = session.Credentials?.SecretAccessKey;
    process.env.AWS_SESSION_TOKEN = session.Credentials?.SessionToken;

    const identity = await detectOwnIdentity({ env: process.env });
    expect(identity).toMatchObject({
      state: 'detected',
      arn: `arn:aws:sts::${MOTO_ACCOUNT}:assumed-role/CloudwardServer/i-0abc1234def567890`,
      accountId: MOTO_ACCOUNT,
      trustedPrincipal: `arn:aws:iam::${MOTO_ACCOUNT}:role/CloudwardServer`,
    });

    // The way `serve` wires it: no CLOUDWARD_TRUSTED_PRINCIPAL in the environment.
    t = await makeTestApp();
    const env = { ...process.env, CLOUDWARD_TRUSTED_PRINCIPAL: undefined };
    const integrations = defaultIntegrations({ store: t.store, secrets: t.secrets, jobs: t.jobs, env });
    const app = createApp({
      store: t.store,
      secrets: t.secrets,
      jobs: t.jobs,
      webDir: null,
      env,
      extraRouters: integrations.extraRouters,
    });
    const answer = await request(app).get('/api/v1/onboarding/identity').set('Authorization', t.admin);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      source: 'detected',
      trustedPrincipal: `arn:aws:iam::${MOTO_ACCOUNT}:role/CloudwardServer`,
    });
    const preview = await request(app)
      .get('/api/v1/onboarding/preview')
      .query({ accountId: '210987654321', regions: 'eu-west-1', externalId: 'ext-id-1234567890' })
      .set('Authorization', t.admin);
    expect(preview.status).toBe(200);
    expect(preview.body.trustPolicy.Statement[0].Principal).toEqual({
      AWS: `arn:aws:iam::${MOTO_ACCOUNT}:role/CloudwardServer`,
    });
  });
});
