// How a collector module declares itself and what it gets to work with.
// Modules never create SDK clients themselves: they ask `ctx.client(...)`, so tests inject aws-sdk-client-mock
// and the runner counts every call, enforces the declared operations and bounds concurrency.
import type { AssetClass, Asset, Relationship } from '../store/model';

/**
 * One AWS API operation a module calls. `api` is `<ClientName minus "Client">.<CommandName minus "Command">`
 * exactly as the SDK v3 names them (e.g. `EC2.DescribeInstances`, `S3.GetBucketEncryption`,
 * `ElasticLoadBalancingV2.DescribeLoadBalancers`). `actions` are the IAM actions that authorise it
 * (usually one; S3.ListBuckets -> s3:ListAllMyBuckets, API Gateway reads -> apigateway:GET).
 * The onboarding policy and its tests read these declarations, so they cannot drift from the code.
 */
export interface OperationDeclaration {
  api: string;
  actions: string[];
}

export interface ResourceTypeDeclaration {
  /** e.g. `aws_ec2_instance`; documented in collector/CATALOG.md. */
  type: string;
  class: AssetClass;
  /** The list call that enumerates this type (its completeness decides deletions). */
  listOperation: string;
  /** Per-resource detail calls merged into config (see CATALOG.md for the keys). */
  detailOperations?: string[];
  /** Where the id comes from, e.g. "ARN built from InstanceId" or "synthetic: arn:aws:ec2:{region}:{account}:ebs-default-encryption". */
  idSource: string;
}

export interface CollectorModule {
  /** Short service name, e.g. `ec2`, `iam`, `s3`. Unique. */
  service: string;
  /** `global`: read once per account (region given is the account's home region for the endpoint). */
  scope: 'global' | 'regional';
  resourceTypes: ResourceTypeDeclaration[];
  operations: OperationDeclaration[];
  /** Modules whose assets this one reads through ctx (rare; prefer building ARNs). */
  dependsOn?: string[];
  collect(ctx: CollectContext): Promise<void>;
}

/** Minimal shape of an SDK v3 client constructor, so the factory can build any client. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ClientConstructor<C> = new (config: any) => C;

export interface CollectContext {
  accountId: string;
  /** Partition from the account's ARNs (`aws`, `aws-cn`, `aws-us-gov`). */
  partition: string;
  /** The region being read; for global modules the region whose endpoint is used. */
  region: string;
  /** Region value to put on assets: GLOBAL_REGION for global modules, else `region`. */
  assetRegion: string;
  /** A client for this (account, region, service), created once and reused, with retries and call counting. */
  client<C>(ctor: ClientConstructor<C>, options?: { region?: string }): C;
  /** Sends assets and relationships to the store as pages arrive; awaits back-pressure. */
  emit(batch: { assets?: Asset[]; relationships?: Relationship[] }): Promise<void>;
  /**
   * Declares that a list call for `type` failed: that type is then not complete in this sync and none of its
   * assets may be marked deleted. The error is recorded in the sync's service result.
   */
  typeFailed(type: string, error: unknown): void;
  /**
   * A listing two modules of one sync need in the same region (metric filters: logs and cloudwatch): read once by
   * whichever asks first, its result (or failure) shared. `key` names the operation.
   */
  shared<T>(key: string, read: () => Promise<T>): Promise<T>;
  /** Bounded parallel map for per-resource detail calls (respects the global in-flight cap). */
  mapLimit<T, R>(items: T[], fn: (item: T) => Promise<R>): Promise<R[]>;
  signal: AbortSignal;
  log: (message: string) => void;
}
