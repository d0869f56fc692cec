// Secrets Manager (regional): every secret's metadata from ListSecrets (rotation, last access, key, tags) and its
// resource policy. Never GetSecretValue: the value is the customer's data, and the role is not granted it.
import {
  GetResourcePolicyCommand,
  paginateListSecrets,
  SecretsManagerClient,
  type SecretListEntry,
} from '@aws-sdk/client-secrets-manager';
import type { CollectContext, CollectorModule } from '../../types';
import { isGone, readDetail, whereOf } from '../../read';
import { secretsmanagerOperations, secretsmanagerResourceTypes } from './declarations';
import { secretAsset, secretRelationships, type SecretRead } from './transform';

export const secretsmanagerCollector: CollectorModule = {
  service: 'secretsmanager',
  scope: 'regional',
  resourceTypes: secretsmanagerResourceTypes,
  operations: secretsmanagerOperations,
  collect: collectSecretsManager,
};

/** A secret deleted since ListSecrets. */
const SECRET_GONE = ['ResourceNotFoundException'];

async function collectSecretsManager(ctx: CollectContext): Promise<void> {
  const client = ctx.client(SecretsManagerClient);
  const scope = whereOf(ctx, secretsmanagerCollector.service);
  // The list call first: if it fails, nothing can be read and the error propagates (the unit records AWS's code).
  const entries: SecretListEntry[] = [];
  for await (const page of paginateListSecrets({ client }, { MaxResults: 100 }))
    for (const entry of page.SecretList ?? []) if (entry.ARN) entries.push(entry);
  if (entries.length === 0) return;
  const reads = await ctx.mapLimit(entries, async (entry): Promise<SecretRead> => ({
    entry,
    // A secret without a policy answers without `ResourcePolicy`: null, not a read error.
    policy: await readDetail(async () => {
      const output = await client.send(new GetResourcePolicyCommand({ SecretId: entry.ARN }));
      return output.ResourcePolicy ?? null;
    }),
  }));
  const present = reads.filter((read) => !isGone(read.policy, SECRET_GONE));
  const assets = present.map((read) => secretAsset(scope, read));
  await ctx.emit({ assets, relationships: assets.flatMap((secret) => secretRelationships(scope, secret)) });
}
