// Public access analyser: buckets (policy, ACL, bucket and account public access blocks), snapshots (EBS, RDS DB and
// cluster), AMIs and resource policies (ECR, Lambda, SNS, SQS, Secrets Manager, DynamoDB, KMS, EFS, EventBridge buses). Verdict public / not_public / unknown (data not
// read). Buckets also get the verdict split by what is open (read, write) and for their policy alone.
import type { Estate } from '../engine/estate';
import type { EvalAsset } from '../types';
import { publicStatements, publicStatementsWithSource } from './resource-policy';
import { aclPermissionKind, policyStatementKind, type AccessKind } from './s3-access-kind';

/* eslint-disable @typescript-eslint/no-explicit-any -- configs are AWS response shapes read defensively */
type Config = Record<string, any>;

export interface PublicFact {
  verdict: 'public' | 'not_public' | 'unknown';
  evidence: string[];
  /** Buckets only: the same verdict limited to grants that read (list, download, read ACLs). FSBP S3.2. */
  read?: PublicSubFact;
  /** Buckets only: limited to grants that write (upload, delete, change ACLs or policy). FSBP S3.3. */
  write?: PublicSubFact;
  /** Buckets only: limited to the bucket policy, ACLs left out. CIS 2.21 (resource policies with Principal "*"). */
  policy?: PublicSubFact;
}

export interface PublicSubFact {
  verdict: 'public' | 'not_public' | 'unknown';
  evidence: string[];
}
import { humanizeKey } from '../engine/sentences';

const PUBLIC_GROUPS: Record<string, string> = {
  'http://acs.amazonaws.com/groups/global/AllUsers': 'AllUsers',
  'http://acs.amazonaws.com/groups/global/AuthenticatedUsers': 'AuthenticatedUsers',
};

/** Config keys in words where the key alone says little (`Public` is a snapshot's sharing permissions). */
const READ_WHAT: Record<string, string> = { Public: 'sharing settings' };

function unreadable(asset: EvalAsset, keys: string[]): string | undefined {
  const key = keys.find((k) => asset.readErrors && k in asset.readErrors);
  return key
    ? `its ${READ_WHAT[key] ?? humanizeKey(key)} could not be read (${asset.readErrors![key]})`
    : undefined;
}

/** A policy the collector kept as text: it could not be parsed, so its statements are not known. */
function unparsed(policy: unknown, what: string): string | undefined {
  return typeof policy === 'string' && policy.trim() !== ''
    ? `${what} could not be parsed as a policy document`
    : undefined;
}

function verdictOf(found: string[], missing: string | undefined, notPublic: string): PublicFact {
  if (found.length) return { verdict: 'public', evidence: found };
  if (missing) return { verdict: 'unknown', evidence: [missing] };
  return { verdict: 'not_public', evidence: [notPublic] };
}

type BlockSettings = {
  BlockPublicAcls?: boolean;
  IgnorePublicAcls?: boolean;
  BlockPublicPolicy?: boolean;
  RestrictPublicBuckets?: boolean;
};

interface AccountBlock {
  settings?: BlockSettings;
  /** GetPublicAccessBlock (S3 Control) failed: the account block may neutralise every grant. */
  unread?: string;
}

/** One grant of a bucket to everyone, from its policy or its ACL, and what it opens. */
interface BucketGrant {
  line: string;
  fromPolicy: boolean;
  kind: AccessKind;
  /** The block setting that takes the grant back, in words; undefined = the grant stands. */
  neutralisedBy?: string;
}

/** What a bucket verdict needs beside its grants: which reads could leave it undecided. */
interface BucketReads {
  /** Config keys the grants come from: unread with nothing found, the verdict is unknown. */
  keys: string[];
  /** The account's block could not be read (it may neutralise any grant found). */
  accountBlockUnread?: string;
  /** The bucket policy was kept as text that does not parse (only for verdicts that read the policy). */
  policyUnparsed?: string;
}

/**
 * A verdict over the grants given. Nothing found while a source was unread is unknown; a grant found while a
 * block that may neutralise it (the bucket's or the account's) was unread is unknown too.
 */
function bucketVerdict(
  asset: EvalAsset,
  grants: BucketGrant[],
  reads: BucketReads,
  notPublic: string,
): PublicSubFact {
  const open = grants.filter((grant) => !grant.neutralisedBy).map((grant) => grant.line);
  const neutralised = grants
    .filter((grant) => grant.neutralisedBy)
    .map((grant) => `${grant.line}, but ${grant.neutralisedBy} neutralises it`);
  const bucketBlockUnread = unreadable(asset, ['PublicAccessBlock']);
  const blockUnread =
    bucketBlockUnread ??
    (reads.accountBlockUnread
      ? `the account's public access block could not be read (${reads.accountBlockUnread})`
      : undefined);
  const whichBlock = bucketBlockUnread ? "the bucket's block" : "the account's block";
  if (open.length && blockUnread)
    return {
      verdict: 'unknown',
      evidence: [blockUnread, ...open.map((line) => `${line}, unless ${whichBlock} neutralises it`)],
    };
  // With no grant found the block does not matter: it only ever takes access away.
  const missing = open.length ? undefined : (unreadable(asset, reads.keys) ?? reads.policyUnparsed);
  const fact = verdictOf(open, missing, notPublic);
  fact.evidence.push(...neutralised);
  return fact;
}

function bucketFact(asset: EvalAsset, account: AccountBlock | undefined): PublicFact {
  const accountBlock = account?.settings;
  const c = asset.config as Config;
  const name = c.Name ?? asset.name;
  const bucketBlock: BlockSettings = c.PublicAccessBlock?.PublicAccessBlockConfiguration ?? {};
  const restrictPolicy = bucketBlock.RestrictPublicBuckets || accountBlock?.RestrictPublicBuckets;
  const ignoreAcls = bucketBlock.IgnorePublicAcls || accountBlock?.IgnorePublicAcls;
  const grants: BucketGrant[] = [];
  const policyStatements = publicStatementsWithSource(c.BucketPolicy?.Policy, `bucket ${name} policy`);
  for (const { line, statement } of policyStatements)
    grants.push({
      line,
      fromPolicy: true,
      kind: policyStatementKind(statement),
      neutralisedBy: restrictPolicy
        ? `RestrictPublicBuckets (${bucketBlock.RestrictPublicBuckets ? 'bucket' : 'account'} public access block)`
        : undefined,
    });
  for (const grant of c.BucketAcl?.Grants ?? []) {
    const group = PUBLIC_GROUPS[grant.Grantee?.URI];
    if (!group) continue;
    grants.push({
      line: `bucket ${name} ACL grants ${grant.Permission} to ${group}`,
      fromPolicy: false,
      kind: aclPermissionKind(grant.Permission),
      neutralisedBy: ignoreAcls
        ? `IgnorePublicAcls (${bucketBlock.IgnorePublicAcls ? 'bucket' : 'account'} public access block)`
        : undefined,
    });
  }
  if (c.BucketPolicyStatus?.PolicyStatus?.IsPublic === true && !restrictPolicy && !policyStatements.length) {
    // AWS's own policy evaluator says public where no statement was found public here: which actions it opens is
    // not known, so it counts as both rather than as neither.
    grants.push({
      line: `AWS reports the policy of bucket ${name} as public (BucketPolicyStatus.IsPublic)`,
      fromPolicy: true,
      kind: { read: true, write: true },
    });
  }
  const policyUnparsed = unparsed(c.BucketPolicy?.Policy, `the policy of bucket ${name}`);
  const reads: BucketReads = {
    keys: ['BucketPolicy', 'BucketAcl'],
    accountBlockUnread: account?.unread,
    policyUnparsed,
  };
  const fact: PublicFact = bucketVerdict(
    asset,
    grants,
    reads,
    `bucket ${name}: no policy statement or ACL grant opens it to everyone`,
  );
  fact.read = bucketVerdict(
    asset,
    grants.filter((grant) => grant.kind.read),
    reads,
    `bucket ${name}: no policy statement or ACL grant lets everyone read it`,
  );
  fact.write = bucketVerdict(
    asset,
    grants.filter((grant) => grant.kind.write),
    reads,
    `bucket ${name}: no policy statement or ACL grant lets everyone write to it`,
  );
  fact.policy = bucketVerdict(
    asset,
    grants.filter((grant) => grant.fromPolicy),
    { ...reads, keys: ['BucketPolicy'] },
    `bucket ${name} policy grants nothing to Principal "*" without a restricting condition`,
  );
  return fact;
}

function policyFact(asset: EvalAsset, key: string, policy: unknown, what: string): PublicFact {
  return verdictOf(
    publicStatements(policy, what),
    unreadable(asset, [key]) ?? unparsed(policy, what),
    `${what} grants nothing to Principal "*" without a restricting condition`,
  );
}

export function analysePublicAccess(estate: Estate): Map<string, PublicFact> {
  const facts = new Map<string, PublicFact>();
  const accountBlocks = new Map<string, AccountBlock>();
  for (const block of estate.allOfType('aws_s3_account_public_access_block')) {
    const settings = (block.config as Config).PublicAccessBlock?.PublicAccessBlockConfiguration;
    const unread = block.readErrors?.PublicAccessBlock;
    if (settings || unread) accountBlocks.set(block.accountId, { settings, unread });
  }
  for (const asset of estate.allOfType('aws_s3_bucket'))
    facts.set(asset.id, bucketFact(asset, accountBlocks.get(asset.accountId)));
  for (const asset of estate.allOfType('aws_ec2_snapshot')) {
    const c = asset.config as Config;
    // Public is set from DescribeSnapshots(RestorableByUserIds: all); when that call failed it is a read error.
    const missing =
      unreadable(asset, ['Public']) ??
      (typeof c.Public === 'boolean'
        ? undefined
        : `config.Public of snapshot ${c.SnapshotId} was not collected`);
    facts.set(
      asset.id,
      verdictOf(
        c.Public === true ? [`snapshot ${c.SnapshotId} is restorable by all AWS accounts`] : [],
        missing,
        `snapshot ${c.SnapshotId} is not shared publicly`,
      ),
    );
  }
  for (const asset of estate.allOfType('aws_ec2_image')) {
    const c = asset.config as Config;
    facts.set(
      asset.id,
      c.Public === true
        ? { verdict: 'public', evidence: [`AMI ${c.ImageId} is public`] }
        : { verdict: 'not_public', evidence: [`AMI ${c.ImageId} is private`] },
    );
  }
  for (const asset of estate.allOfType('aws_rds_db_snapshot')) {
    const c = asset.config as Config;
    const attributes: Config[] =
      c.DBSnapshotAttributes?.DBSnapshotAttributesResult?.DBSnapshotAttributes ?? [];
    const restore = attributes.find((a) => a.AttributeName === 'restore');
    const name = c.DBSnapshotIdentifier ?? asset.name;
    if ((restore?.AttributeValues ?? []).includes('all'))
      facts.set(asset.id, {
        verdict: 'public',
        evidence: [`DB snapshot ${name} restore attribute includes "all"`],
      });
    else
      facts.set(
        asset.id,
        verdictOf(
          [],
          unreadable(asset, ['DBSnapshotAttributes']),
          `DB snapshot ${name} is not shared with "all"`,
        ),
      );
  }
  for (const asset of estate.allOfType('aws_rds_db_cluster_snapshot')) {
    const c = asset.config as Config;
    const attributes: Config[] =
      c.DBClusterSnapshotAttributes?.DBClusterSnapshotAttributesResult?.DBClusterSnapshotAttributes ?? [];
    const restore = attributes.find((a) => a.AttributeName === 'restore');
    const name = c.DBClusterSnapshotIdentifier ?? asset.name;
    facts.set(
      asset.id,
      verdictOf(
        (restore?.AttributeValues ?? []).includes('all')
          ? [`DB cluster snapshot ${name} restore attribute includes "all"`]
          : [],
        unreadable(asset, ['DBClusterSnapshotAttributes']),
        `DB cluster snapshot ${name} is not shared with "all"`,
      ),
    );
  }
  for (const { type, key, policy, label } of RESOURCE_POLICIES)
    for (const asset of estate.allOfType(type))
      facts.set(
        asset.id,
        policyFact(
          asset,
          key,
          policy(asset.config as Config),
          label.replace('{name}', () => asset.name),
        ),
      );
  return facts;
}

/**
 * Resources whose only public-access input is one resource policy: where it lives in the collected config (the
 * config key read errors are recorded under) and how the evidence names it (`{name}`: the asset's). OpenSearch domains in a VPC are not
 * internet-wide even when open: their control also reads VPCOptions.
 */
const RESOURCE_POLICIES: { type: string; key: string; policy: (config: Config) => unknown; label: string }[] =
  [
    {
      type: 'aws_ecr_repository',
      key: 'RepositoryPolicy',
      policy: (c) => c.RepositoryPolicy?.policyText,
      label: 'repository {name} policy',
    },
    {
      type: 'aws_lambda_function',
      key: 'Policy',
      policy: (c) => c.Policy?.Policy,
      label: 'function {name} resource policy',
    },
    {
      type: 'aws_sns_topic',
      key: 'TopicAttributes',
      policy: (c) => c.TopicAttributes?.Attributes?.Policy,
      label: 'topic {name} policy',
    },
    {
      type: 'aws_sqs_queue',
      key: 'Attributes',
      policy: (c) => c.Attributes?.Policy,
      label: 'queue {name} policy',
    },
    {
      type: 'aws_secretsmanager_secret',
      key: 'ResourcePolicy',
      policy: (c) => c.ResourcePolicy,
      label: 'secret {name} resource policy',
    },
    {
      type: 'aws_dynamodb_table',
      key: 'ResourcePolicy',
      policy: (c) => c.ResourcePolicy,
      label: 'table {name} resource policy',
    },
    {
      type: 'aws_opensearch_domain',
      key: 'AccessPolicies',
      policy: (c) => c.AccessPolicies,
      label: 'domain {name} access policy',
    },
    { type: 'aws_kms_key', key: 'KeyPolicy', policy: (c) => c.KeyPolicy?.Policy, label: 'key {name} policy' },
    {
      type: 'aws_efs_file_system',
      key: 'FileSystemPolicy',
      policy: (c) => c.FileSystemPolicy?.Policy,
      label: 'file system {name} policy',
    },
    {
      type: 'aws_eventbridge_event_bus',
      key: 'EventBus',
      policy: (c) => c.EventBus?.Policy,
      label: 'event bus {name} policy',
    },
  ];
