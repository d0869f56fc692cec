// The domain model every part shares. `store` is the bottom of the dependency graph, so these types live here.
// See collector/CATALOG.md for each asset type's id and configuration shape.

/** Region value of assets that belong to no region (IAM, S3 bucket list, CloudFront, Route 53, Organizations). */
export const GLOBAL_REGION = 'global';

export type AssetClass =
  | 'Account'
  | 'Host'
  | 'Disk'
  | 'DataStore'
  | 'Database'
  | 'Firewall'
  | 'Network'
  | 'Gateway'
  | 'IpAddress'
  | 'User'
  | 'UserGroup'
  | 'AccessRole'
  | 'AccessPolicy'
  | 'Key'
  | 'Certificate'
  | 'Function'
  | 'Cluster'
  | 'Service'
  | 'Task'
  | 'Image'
  | 'Repository'
  | 'Logs'
  | 'Monitor'
  | 'Channel'
  | 'Configuration'
  | 'Detector';

/** Relationship verbs (seed 003 and ours). Direction is always `from VERB to`. */
export type RelationshipVerb =
  | 'PROTECTS' // security group / network ACL -> instance, interface, load balancer, database, subnet
  | 'USES' // instance -> volume, function/instance -> role, service -> task definition
  | 'IN' // instance/interface -> subnet, subnet -> vpc, image -> repository, cluster -> vpc
  | 'ROUTES' // route table -> subnet
  | 'HAS' // vpc -> internet gateway, account -> anything top-level
  | 'ROUTES_TO' // load balancer / target group -> target, route table -> gateway
  | 'TRIGGERS' // api -> function, EventBridge rule -> target
  | 'MEMBER_OF' // user -> group
  | 'ATTACHED_TO' // policy -> user/group/role, interface -> instance, EIP -> interface/instance
  | 'CAN_ASSUME' // principal -> role
  | 'ENCRYPTS' // key -> volume/bucket/log group/...
  | 'LOGS_TO' // trail/flow log/bucket -> bucket/log group
  | 'PEERS_WITH' // vpc -> vpc
  | 'NOTIFIES' // alarm -> topic
  | 'MONITORS'; // metric filter -> log group, alarm -> metric filter

export interface Asset {
  /** Stable id: the ARN, or the synthetic id documented in collector/CATALOG.md. Unique per account. */
  id: string;
  /**
   * The AWS account id when collected and when evaluated (what ARNs and the IAM simulator compare with); the
   * store keys rows by Cloudward's Account.id instead (StoredAsset).
   */
  accountId: string;
  /** AWS region, or GLOBAL_REGION. */
  region: string;
  /** Collector module that owns this asset (e.g. `ec2`); deletion is scoped by it. */
  service: string;
  /** e.g. `aws_ec2_instance`. */
  type: string;
  class: AssetClass;
  name: string;
  tags: Record<string, string>;
  /** AWS's own response shape for the resource, enriched with detail calls as CATALOG.md says. */
  config: Record<string, unknown>;
  /**
   * Detail calls that failed for this asset: config key -> AWS error code. A control that reads such a key
   * yields `error`, never pass or fail.
   */
  readErrors?: Record<string, string>;
}

export interface StoredAsset extends Asset {
  /** Cloudward's Account.id: the store's key (a stored asset's `accountId` is this, not the AWS account id). */
  accountId: string;
  /** The AWS account the asset lives in. */
  awsAccountId: string;
  /** Database key, what the API exposes as the asset id in URLs. */
  key: string;
  /** Analyser output, see controls/LANGUAGE.md ("facts"). */
  facts: Record<string, unknown>;
  firstSeenAt: string;
  lastSeenAt: string;
  deletedAt: string | null;
}

export interface Relationship {
  accountId: string;
  fromId: string;
  verb: RelationshipVerb;
  toId: string;
  /** Collector module and region that emitted the edge; deletion is scoped by them. */
  service: string;
  region: string;
  properties?: Record<string, unknown>;
}

export type AccountStatus = 'enabled' | 'disabled';

export interface Account {
  id: string;
  name: string;
  awsAccountId: string;
  roleArn: string;
  /** Encrypted at rest; the store only ever sees ciphertext. */
  externalIdCiphertext: string;
  regions: string[];
  status: AccountStatus;
  createdAt: string;
  updatedAt: string;
  lastSyncId: string | null;
  lastSyncStatus: SyncStatus | null;
  lastSyncAt: string | null;
}

export type SyncStatus = 'queued' | 'running' | 'succeeded' | 'partial' | 'failed' | 'interrupted';

export interface SyncProgress {
  done: number;
  total: number;
  /** Human-readable step, e.g. "ec2 eu-west-1". */
  current?: string;
}

/** What happened to one collector module in one region (or `global`) during a sync. */
export interface SyncServiceResult {
  service: string;
  region: string;
  status: 'ok' | 'failed' | 'skipped';
  /** AWS error code (AccessDenied, OptInRequired, ThrottlingException, TimeoutError, ...). */
  errorCode?: string;
  errorMessage?: string;
  /** Resource types this module read completely (only these may have assets marked deleted). */
  completeTypes: string[];
  assetCount: number;
  /** AWS calls by operation, e.g. { "EC2.DescribeInstances": 3 }. */
  calls: Record<string, number>;
  retries: number;
  throttles: number;
  durationMs: number;
}

export interface Sync {
  id: string;
  accountId: string;
  /** 'event': a re-read of the units a CloudTrail event touched (event mode), not a full read. */
  trigger: 'manual' | 'schedule' | 'create' | 'scan' | 'event';
  status: SyncStatus;
  progress: SyncProgress;
  startedAt: string;
  finishedAt: string | null;
  services: SyncServiceResult[];
  error?: string;
}

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';
export const SEVERITIES: Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

export type ResultStatus = 'pass' | 'fail' | 'not_applicable' | 'error';

/** One control evaluated against one resource (conventions: every evaluated resource yields one row). */
export interface EvaluationResult {
  controlId: string;
  accountId: string;
  region: string;
  /** Asset.id (ARN or synthetic id). */
  assetId: string;
  resourceType: string;
  status: ResultStatus;
  severity: Severity;
  /** One sentence a person can check. */
  reason: string;
  /** Plain sentences behind the verdict, naming the resources involved (the reason first). */
  evidence: string[];
  /** The engine's condition trace (paths, operators): how the verdict was decided, for the curious. */
  trace?: string[];
  /** The asset was internet-exposed when evaluated (ranks its alert higher). */
  exposed: boolean;
}

export type AlertStatus = 'open' | 'resolved' | 'suppressed';

export interface AlertHistoryEntry {
  at: string;
  /** opened | resolved | reopened | suppressed | unsuppressed | asset_deleted */
  event: string;
  detail?: string;
}

export interface Alert {
  id: string;
  controlId: string;
  accountId: string;
  region: string;
  assetId: string;
  assetKey: string | null;
  /** The asset's name where it is still in the inventory (null once the asset is gone). */
  assetName: string | null;
  resourceType: string;
  status: AlertStatus;
  severity: Severity;
  reason: string;
  evidence: string[];
  /** The engine's condition trace behind `evidence` (see EvaluationResult.trace). */
  trace: string[];
  exposed: boolean;
  firstSeenAt: string;
  lastSeenAt: string;
  resolvedAt: string | null;
  suppressionId: string | null;
  history: AlertHistoryEntry[];
}

export interface Suppression {
  id: string;
  /** Every non-null field must match for the rule to apply. */
  controlId: string | null;
  assetId: string | null;
  accountId: string | null;
  region: string | null;
  tagKey: string | null;
  tagValue: string | null;
  justification: string;
  author: string;
  expiresAt: string | null;
  createdAt: string;
}

export type Role = 'admin' | 'auditor';

export interface ApiToken {
  id: string;
  name: string;
  role: Role;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface AuditEntry {
  id: string;
  at: string;
  actor: string;
  action: string;
  targetType: string;
  targetId: string | null;
  details: Record<string, unknown>;
}

export interface Page<T> {
  items: T[];
  /** Opaque; pass back as `cursor` for the next page. Null on the last page. */
  nextCursor: string | null;
}
