// Builders for evaluator tests: CATALOG-shaped assets and inline controls, and for evaluateAccount tests a store
// with a fresh account per test, assets written through syncs and a control set with one framework.
import { defineControl } from '../../evaluator';
import type { ControlSet, EvalAsset, LoadedControl } from '../../evaluator';
import { openStore, type Store } from '../../store';
import type { Asset, AssetClass, Relationship, RelationshipVerb } from '../../store/model';

export const ACCOUNT = '123456789012';
export const REGION = 'eu-west-1';

const classes: Record<string, AssetClass> = {
  aws_ec2_instance: 'Host',
  aws_ec2_security_group: 'Firewall',
  aws_ec2_subnet: 'Network',
  aws_ec2_vpc: 'Network',
  aws_ec2_route_table: 'Network',
  aws_ec2_network_acl: 'Firewall',
  aws_ec2_internet_gateway: 'Gateway',
  aws_ec2_network_interface: 'Network',
  aws_ec2_elastic_ip: 'IpAddress',
  aws_elbv2_load_balancer: 'Gateway',
  aws_elbv2_target_group: 'Service',
  aws_s3_bucket: 'DataStore',
  aws_iam_user: 'User',
  aws_iam_role: 'AccessRole',
  aws_iam_group: 'UserGroup',
  aws_iam_policy: 'AccessPolicy',
  aws_cloudtrail_trail: 'Logs',
  aws_account: 'Account',
};

export function asset(
  type: string,
  id: string,
  config: Record<string, unknown>,
  extra: Partial<EvalAsset> = {},
): EvalAsset {
  const region =
    extra.region ??
    (type.startsWith('aws_iam') || type === 'aws_s3_bucket' || type === 'aws_account' ? 'global' : REGION);
  return {
    id,
    accountId: ACCOUNT,
    region,
    service: type.split('_')[1],
    type,
    class: classes[type] ?? 'Configuration',
    name: extra.name ?? id.split(/[/:]/).pop()!,
    tags: {},
    config,
    ...extra,
  };
}

export function edge(
  fromId: string,
  verb: RelationshipVerb,
  toId: string,
  properties?: Record<string, unknown>,
): Relationship {
  return { accountId: ACCOUNT, fromId, verb, toId, service: 'test', region: REGION, properties };
}

export function control(overrides: Record<string, unknown>): LoadedControl {
  return defineControl({
    id: 'test_control_passes',
    title: 'A control used in tests',
    severity: 'high',
    resourceTypes: ['aws_ec2_instance'],
    scope: 'regional',
    rationale: 'Tests.',
    remediation: { cli: 'true' },
    condition: { attr: 'id', exists: true },
    ...overrides,
  });
}

/**
 * Opens one in-memory store for the enclosing describe block and creates an account before each test; `use`
 * gets both before each test. The AWS account id is random so tests sharing the store never meet.
 */
export function withStoreAccount(namePrefix: string, use: (store: Store, accountId: string) => void): void {
  let store: Store;
  beforeAll(async () => {
    store = await openStore({ memory: true });
  });
  afterAll(async () => {
    await store.close();
  });
  beforeEach(async () => {
    const account = await store.createAccount({
      name: `${namePrefix}-${Math.random()}`,
      awsAccountId: String(Math.floor(1e11 + Math.random() * 8e11)),
      roleArn: `arn:aws:iam::${ACCOUNT}:role/cloudward`,
      externalIdCiphertext: 'x',
      regions: [REGION],
    });
    use(store, account.id);
  });
}

/**
 * Writes `assets` to the account as one succeeded manual sync and returns its id; `beforeFinish` runs while the
 * sync is still running (e.g. to mark unseen assets deleted).
 */
export async function writeSync(
  store: Store,
  accountId: string,
  assets: Asset[],
  beforeFinish?: (syncId: string) => Promise<void>,
): Promise<string> {
  const run = await store.createSync(accountId, 'manual');
  await store.markSyncRunning(run.id);
  await store.upsertAssets(
    run.id,
    assets.map((item) => ({ ...item, accountId })),
  );
  await beforeFinish?.(run.id);
  await store.finishSync(run.id, 'succeeded');
  return run.id;
}

/** A private S3 bucket as the collector stores it, with default encryption or none; writeSync sets the account. */
export function storedBucket(name: string, encrypted: boolean): Asset {
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
      CreationDate: '2025-01-01T00:00:00.000Z',
      BucketEncryption: encrypted
        ? {
            ServerSideEncryptionConfiguration: {
              Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' } }],
            },
          }
        : null,
      BucketPolicy: null,
      BucketAcl: { Owner: { ID: 'abc' }, Grants: [] },
    },
  };
}

/** The S3 default encryption control, as a definition (to derive edited copies from) and loaded. */
export const ENCRYPTION_DEFINITION = {
  id: 's3_bucket_default_encryption_enabled',
  title: 'S3 buckets have default encryption',
  severity: 'medium',
  resourceTypes: ['aws_s3_bucket'],
  scope: 'global',
  condition: { attr: 'config.BucketEncryption.ServerSideEncryptionConfiguration.Rules', empty: false },
  rationale: 'Encrypt data at rest.',
  remediation: { cli: 'aws s3api put-bucket-encryption ...' },
};
export const ENCRYPTION = defineControl(ENCRYPTION_DEFINITION);

/** `controls` with one framework (`frameworkId`) that has one automated requirement per control, in order. */
export function controlSet(controls: LoadedControl[], frameworkId = 'fw'): ControlSet {
  return {
    controls,
    frameworks: [
      {
        id: frameworkId,
        name: 'Framework',
        version: '1',
        source: 'tests',
        sections: [],
        file: 'inline',
        requirements: controls.map((item, index) => ({
          id: String(index + 1),
          title: item.title,
          assessment: 'automated' as const,
          controls: [item.id],
        })),
      },
    ],
  };
}
