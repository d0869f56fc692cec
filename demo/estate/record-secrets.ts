// Records Secrets Manager for one demo region (metadata and resource policies; the demo never has secret values).
// Production: a rotated, recently read database secret, a partner token shared with one named role, and a
// forgotten FTP password (no rotation, unread for months). Staging: an API key whose policy lets anyone read it.
// Secrets live in the first region; the others answer empty lists.
import type { SecretListEntry } from '@aws-sdk/client-secrets-manager';
import type { Recording } from '../recording';
import { type EstateContext, daysAgo, stableHex } from './profile';

interface DemoSecret {
  entry: SecretListEntry;
  policy?: object;
}

/** Secrets Manager reports last access as a day: midnight UTC. */
function dayOf(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

export function recordSecrets(
  recording: Recording,
  ctx: EstateContext,
  region: string,
  regionIndex: number,
): void {
  const owner = ctx.account.awsAccountId;
  const arn = (name: string) =>
    `arn:aws:secretsmanager:${region}:${owner}:secret:${name}-${stableHex([owner, name], 6)}`;
  const version = (name: string) =>
    `${stableHex([owner, name, 'v'], 8)}-0000-4000-8000-${stableHex([name], 12)}`;
  const entry = (name: string, fields: Partial<SecretListEntry>): SecretListEntry => ({
    ARN: arn(name),
    Name: name,
    SecretVersionsToStages: { [version(name)]: ['AWSCURRENT'] },
    ...fields,
  });
  const secrets: DemoSecret[] = [];
  if (regionIndex === 0 && ctx.account.kind === 'production') {
    secrets.push(
      {
        entry: entry('production/orders-db', {
          Description: 'Orders database master user',
          RotationEnabled: true,
          RotationLambdaARN: `arn:aws:lambda:${region}:${owner}:function:orders-db-rotation`,
          RotationRules: { AutomaticallyAfterDays: 30 },
          LastRotatedDate: daysAgo(ctx.now, 12),
          LastChangedDate: daysAgo(ctx.now, 12),
          LastAccessedDate: dayOf(daysAgo(ctx.now, 1)),
          NextRotationDate: daysAgo(ctx.now, -18),
          CreatedDate: daysAgo(ctx.now, 500),
          Tags: [
            { Key: 'Environment', Value: 'production' },
            { Key: 'Owner', Value: 'payments' },
          ],
        }),
      },
      {
        entry: entry('production/partner-webhook-token', {
          LastChangedDate: daysAgo(ctx.now, 40),
          LastAccessedDate: dayOf(daysAgo(ctx.now, 3)),
          CreatedDate: daysAgo(ctx.now, 40),
          Tags: [{ Key: 'Environment', Value: 'production' }],
        }),
        policy: {
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'PartnerReadsToken',
              Effect: 'Allow',
              Principal: { AWS: 'arn:aws:iam::444455556666:role/partner-webhooks' },
              Action: 'secretsmanager:GetSecretValue',
              Resource: '*',
            },
          ],
        },
      },
      {
        entry: entry('production/legacy-ftp-password', {
          LastChangedDate: daysAgo(ctx.now, 400),
          LastAccessedDate: dayOf(daysAgo(ctx.now, 200)),
          CreatedDate: daysAgo(ctx.now, 400),
        }),
      },
    );
  }
  if (regionIndex === 0 && ctx.account.kind === 'staging') {
    secrets.push({
      entry: entry('staging/shared-api-key', {
        LastChangedDate: daysAgo(ctx.now, 60),
        LastAccessedDate: dayOf(daysAgo(ctx.now, 5)),
        CreatedDate: daysAgo(ctx.now, 60),
        Tags: [{ Key: 'Environment', Value: 'staging' }],
      }),
      policy: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'AnyoneCanRead',
            Effect: 'Allow',
            Principal: '*',
            Action: 'secretsmanager:GetSecretValue',
            Resource: '*',
          },
        ],
      },
    });
  }
  // Two secrets per page, so the demo follows ListSecrets' NextToken too.
  recording.paged('SecretsManager', 'ListSecrets', region, {
    items: secrets.map((secret) => secret.entry),
    itemsKey: 'SecretList',
    pageSize: 2,
    tokenIn: 'NextToken',
    tokenOut: 'NextToken',
  });
  for (const secret of secrets)
    recording.output(
      'SecretsManager',
      'GetResourcePolicy',
      region,
      { SecretId: secret.entry.ARN },
      {
        ARN: secret.entry.ARN,
        Name: secret.entry.Name,
        ...(secret.policy ? { ResourcePolicy: JSON.stringify(secret.policy) } : {}),
      },
    );
}
