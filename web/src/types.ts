// Shapes returned by the API (see /api/v1/openapi.json). Kept loose where the UI only displays a field.
export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';
export const SEVERITIES: Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

export interface Me {
  name: string;
  role: 'admin' | 'auditor';
  tokenId?: string;
}

export interface Account {
  id: string;
  name: string;
  awsAccountId: string;
  roleArn: string;
  externalId?: string;
  regions: string[];
  status: 'enabled' | 'disabled';
  lastSyncId: string | null;
  lastSyncStatus: string | null;
  lastSyncAt: string | null;
}

/** GET /reports/sync-state: the running sync (with progress) and the last finished one of each account. */
export interface SyncState {
  accountId: string;
  running: Sync | null;
  last: Sync | null;
}

export interface SyncServiceResult {
  service: string;
  region: string;
  status: string;
  errorCode?: string;
  errorMessage?: string;
  assetCount: number;
}

export interface Sync {
  id: string;
  accountId: string;
  status: string;
  progress: { done: number; total: number; current?: string };
  startedAt: string;
  finishedAt: string | null;
  services: SyncServiceResult[];
  error?: string;
}

export interface Alert {
  id: string;
  controlId: string;
  accountId: string;
  region: string;
  assetId: string;
  assetKey: string | null;
  assetName: string | null;
  resourceType: string;
  status: 'open' | 'resolved' | 'suppressed';
  severity: Severity;
  /** One plain sentence: why it fails. */
  reason: string;
  /** Plain sentences behind the verdict (the reason first). */
  evidence: string[];
  /** The engine's condition trace, shown folded as "How this was decided". */
  trace?: string[];
  exposed: boolean;
  firstSeenAt: string;
  lastSeenAt: string;
  resolvedAt: string | null;
  suppressionId: string | null;
  history: { at: string; event: string; detail?: string }[];
  /** Alerts of the attack path controls: the path from the internet, hop by hop. */
  attackPaths?: AttackPath[];
}

export interface AttackPathHop {
  kind: 'internet' | 'network' | 'workload' | 'image' | 'role' | 'admin' | 'bucket';
  label: string;
  id?: string;
  /** The AWS account of the hop's resource (paths may cross accounts through sts:AssumeRole). */
  accountId?: string;
}

export interface AttackPath {
  end: 'admin' | 'data';
  hops: AttackPathHop[];
  summary: string;
}

/** GET /attack-paths: a failing result of an attack path control with its paths. */
export interface AttackPathFinding {
  controlId: string;
  end: 'admin' | 'data';
  severity: Severity;
  accountId: string;
  region: string;
  assetId: string;
  assetKey: string | null;
  assetName: string | null;
  resourceType: string;
  reason: string;
  evidence: string[];
  paths: AttackPath[];
  evaluatedAt: string;
}

export interface Asset {
  key: string;
  id: string;
  /** Cloudward's account id. */
  accountId: string;
  /** The AWS account the asset lives in. */
  awsAccountId: string;
  region: string;
  service: string;
  type: string;
  class: string;
  name: string;
  tags: Record<string, string>;
  config: Record<string, unknown>;
  facts: Record<string, unknown>;
  readErrors?: Record<string, string>;
  firstSeenAt: string;
  lastSeenAt: string;
  deletedAt: string | null;
}

/** GET /reports/asset/graph: a relationship with the asset at the other end resolved. */
export interface Relationship {
  fromId: string;
  verb: string;
  toId: string;
  direction: 'out' | 'in';
  other: { key: string; id: string; name: string; type: string } | null;
}

export interface Remediation {
  console?: string[];
  cli?: string;
  terraform?: string;
}

/** GET /reports/alert/remediation: the control's remediation filled with the alert's asset. */
export interface AlertRemediation {
  controlId: string;
  remediation: Remediation | null;
  references: string[];
}

export interface Control {
  id: string;
  title: string;
  severity: Severity;
  resourceTypes: string[];
  scope: string;
  rationale?: string;
  remediation?: Remediation;
  references?: string[];
  frameworks?: { id: string; requirements: string[] }[];
  counts?: { pass: number; fail: number; notApplicable: number; error: number };
  /** GET /controls/:id: the assets it could not judge, and why. */
  errors?: { items: { assetId: string; region: string; reason: string; accountId: string }[] };
}

export interface Score {
  passed: number;
  evaluated: number;
  /** passed / evaluated; null when nothing was evaluated. */
  score: number | null;
}

export interface FrameworkSummary {
  id: string;
  name: string;
  version?: string;
  score: Score;
}

export interface Requirement {
  id: string;
  title: string;
  section?: string;
  assessment: 'automated' | 'manual';
  controls: string[];
  pass?: number;
  fail?: number;
  notApplicable?: number;
  error?: number;
  score?: number | null;
}

export interface FrameworkDetail extends FrameworkSummary {
  description?: string | null;
  score: Score & { pass: number; fail: number; notApplicable: number; error: number };
  sections?: FrameworkSection[];
  requirements: Requirement[];
}

/** A section of the requirement tree with its score (its requirements and its sub-sections', controls once). */
export interface FrameworkSection {
  id: string;
  title: string;
  parent?: string | null;
  score?: Score & { requirements: number; manual: number };
}

/** A framework's name with its version: two CIS versions share a name. */
export function frameworkLabel(framework: Pick<FrameworkSummary, 'name' | 'version'>): string {
  return framework.version ? `${framework.name} v${framework.version}` : framework.name;
}

export interface Exposure {
  verdict: 'exposed' | 'not_exposed' | 'unknown';
  ports?: { protocol: string; from: number; to: number }[];
  /** The analyser's routes from the internet: "internet -> igw-1 -> subnet-1 -> ... -> i-1 (tcp 22)". */
  paths?: string[];
  evidence?: string[];
}

/** GET /assets/{key}/neighbourhood */
export interface NeighbourhoodNode {
  id: string;
  hops: number;
  asset: { key: string; name: string; type: string; class: string; region: string } | null;
}

export interface Neighbourhood {
  nodes: NeighbourhoodNode[];
  edges: { fromId: string; verb: string; toId: string }[];
  omitted: number;
}

/** GET /organizations: an organization connection (external ID masked). */
export interface Organization {
  id: string;
  name: string;
  managementAccountId: string;
  roleArn: string;
  externalId: string;
  memberRoleName: string;
  regions: string[];
  includeOuIds: string[];
  excludeOuIds: string[];
  includeAccountIds: string[];
  excludeAccountIds: string[];
  lastSyncAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export type OrganizationScope = Pick<
  Organization,
  'includeOuIds' | 'excludeOuIds' | 'includeAccountIds' | 'excludeAccountIds'
>;

export interface OrganizationUnit {
  id: string;
  name: string;
  parentId: string | null;
}

export interface OrganizationMember {
  awsAccountId: string;
  name: string;
  state: string;
  parentPath: string[];
  managed: boolean;
  reason: string;
  updatedAt: string;
  account: {
    id: string;
    name: string;
    status: 'enabled' | 'disabled';
    lastSyncAt: string | null;
    lastSyncStatus: string | null;
    openAlerts: number;
  } | null;
}

/** GET /organizations/:id/structure */
export interface OrganizationStructure {
  source: { accountId: string | null; readAt: string | null; note: string | null };
  units: OrganizationUnit[];
  members: OrganizationMember[];
  policies:
    | {
        id: string;
        name: string;
        awsManaged: boolean;
        targets: { id: string; type: string; name: string | null }[];
      }[]
    | null;
  delegatedAdministrators:
    | {
        awsAccountId: string;
        name: string | null;
        email: string | null;
        status: string | null;
        delegationEnabledDate: string | null;
      }[]
    | null;
}
