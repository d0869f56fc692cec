// `scan --data DIR` / DATABASE_URL: the scanned account as `serve` will see it. An existing account (same AWS
// account id) keeps its regions plus the scanned ones (removing a region would delete its data) and takes the
// role given on the command line; a new one needs a role and external ID so `serve` can sync it later.
import path from 'node:path';
import type { Account } from '../../store/model';
import { createSecretBox, loadSecretKey } from '../secrets';
import type { Store } from '../../store/store';

export class StoreAccountError extends Error {
  /** `usage`: the command line must change; `state`: the stored account is not ready. */
  constructor(
    message: string,
    readonly kind: 'usage' | 'state' = 'state',
  ) {
    super(message);
    this.name = 'StoreAccountError';
  }
}

export interface StoreAccountInput {
  awsAccountId: string;
  regions: string[];
  /** From --role-arn / --external-id; required when the account is not in the store yet. */
  role?: { roleArn: string; externalIdCiphertext: string };
  name?: string;
}

export async function findAccountByAwsId(store: Store, awsAccountId: string): Promise<Account | null> {
  let cursor: string | undefined;
  do {
    const page = await store.listAccounts({ cursor, limit: 500 });
    const found = page.items.find((account) => account.awsAccountId === awsAccountId);
    if (found) return found;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return null;
}

/** Checks what can be checked before reading AWS, so a refused store write changes nothing. */
export async function checkStoreAccount(store: Store, input: StoreAccountInput): Promise<Account | null> {
  const existing = await findAccountByAwsId(store, input.awsAccountId);
  if (existing?.status === 'disabled')
    throw new StoreAccountError(
      `account ${input.awsAccountId} is disabled in the store; enable it before storing scan results`,
    );
  if (!existing && !input.role)
    throw new StoreAccountError(
      `account ${input.awsAccountId} is not in the store yet: pass --role-arn and --external-id so serve can sync it later`,
      'usage',
    );
  if (existing && (await store.getRunningSync(existing.id)))
    throw new StoreAccountError(
      `a sync of account ${input.awsAccountId} is already running; try again later`,
    );
  return existing;
}

export async function upsertStoreAccount(store: Store, input: StoreAccountInput): Promise<Account> {
  const existing = await checkStoreAccount(store, input);
  if (!existing) {
    return store.createAccount({
      name: input.name ?? `AWS ${input.awsAccountId}`,
      awsAccountId: input.awsAccountId,
      roleArn: input.role!.roleArn,
      externalIdCiphertext: input.role!.externalIdCiphertext,
      regions: [...input.regions],
    });
  }
  const regions = [
    ...existing.regions,
    ...input.regions.filter((region) => !existing.regions.includes(region)),
  ];
  const patch = {
    ...(regions.length !== existing.regions.length ? { regions } : {}),
    ...(input.role ? input.role : {}),
  };
  return Object.keys(patch).length ? store.updateAccount(existing.id, patch) : existing;
}

export interface PrepareStoreTargetInput {
  awsAccountId: string;
  regions: string[];
  /** The role the scan used; its external ID is stored encrypted, as the API stores it. */
  role?: { roleArn: string; externalId: string };
  name?: string;
  /** Where the secret key comes from (CLOUDWARD_SECRET_KEY, else <dataDir>/secret.key, generated when absent). */
  secretKey: { envValue?: string; dataDir: string };
  warn: (message: string) => void;
}

/** Checks, then creates or updates the account; the key is loaded only once the checks pass. */
export async function prepareStoreTarget(
  store: Store,
  input: PrepareStoreTargetInput,
): Promise<{ store: Store; accountId: string }> {
  const base = { awsAccountId: input.awsAccountId, regions: input.regions, name: input.name };
  await checkStoreAccount(store, {
    ...base,
    role: input.role ? { roleArn: input.role.roleArn, externalIdCiphertext: '' } : undefined,
  });
  let role: StoreAccountInput['role'];
  if (input.role) {
    const { key, generated } = await loadSecretKey(input.secretKey);
    if (generated)
      input.warn(
        `generated a new secret key in ${path.join(input.secretKey.dataDir, 'secret.key')}; back it up`,
      );
    role = {
      roleArn: input.role.roleArn,
      externalIdCiphertext: createSecretBox(key).encrypt(input.role.externalId),
    };
  }
  const account = await upsertStoreAccount(store, { ...base, role });
  return { store, accountId: account.id };
}
