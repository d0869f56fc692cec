// Attack paths: what an attacker who reaches a workload from the internet can do with the workload's identity.
// Joins three analysers' answers: the exposure analyser (is the instance or function reachable, and through which
// hops), the workload's role (instance profile -> role, Lambda execution role), and what that role may do,
// simulated with @cloud-copilot/iam-simulate (become an administrator, directly or by a privilege escalation, or
// read a bucket's objects). Same-account paths only. A workload running an ECR image with critical or high findings
// (the vulnerabilities analyser) gets an image hop naming the CVEs: the way in an attacker would use.
import { runSimulation } from '@cloud-copilot/iam-simulate';
import type { Estate } from '../engine/estate';
import { shortId } from '../engine/values';
import type { EvalAsset } from '../types';
import type { ExposureFact } from './exposure';
import type { VulnerabilityFacts } from './vulnerabilities';
import { mayAllow, PolicyCatalog, type AssumableBy, type IamFacts, type NamedPolicy } from './iam';

/* eslint-disable @typescript-eslint/no-explicit-any -- configs are AWS response shapes read defensively */
type Config = Record<string, any>;

export type AttackHopKind = 'internet' | 'network' | 'workload' | 'image' | 'role' | 'admin' | 'bucket';

/** One step of a path, in order; `id` is the resource id where the step is a resource. */
export interface AttackHop {
  kind: AttackHopKind;
  label: string;
  id?: string;
}

export interface AttackPath {
  end: 'admin' | 'data';
  hops: AttackHop[];
  /** The hops as one line: `internet -> alb:443 -> ... -> i-1:8080 -> role app -> can read bucket customer-data`. */
  summary: string;
}

/** `facts.attackPaths`, on EC2 instances and Lambda functions (see controls/LANGUAGE.md). */
export interface AttackPathFacts {
  /** The internet reaches the workload and its role can become an administrator of the account. */
  admin: boolean;
  adminEvidence: string[];
  adminPaths: AttackPath[];
  /** The internet reaches the workload and its role can read the objects of at least one bucket. */
  data: boolean;
  dataEvidence: string[];
  dataPaths: AttackPath[];
  unknown?: Partial<Record<'admin' | 'data', string>>;
}

/** How a role becomes an administrator: the hops after the role itself, and the sentence that says why. */
interface AdminRoute {
  hops: AttackHop[];
  why: string;
}

type RouteAnswer = { route: AdminRoute } | { unknown: string } | { none: true };

/** Chains of sts:AssumeRole longer than this are not followed (each hop multiplies the simulations). */
const MAX_ASSUME_DEPTH = 3;
/** Buckets named per workload at most (the evidence says how many more there are). */
const MAX_DATA_PATHS = 20;

const WORKLOAD_TYPES = ['aws_ec2_instance', 'aws_lambda_function', 'aws_ecs_service'];

interface SimulationInput {
  principal: string;
  accountId: string;
  action: string;
  resource: string;
  policies: NamedPolicy[];
  boundaries: NamedPolicy[];
  resourcePolicy?: unknown;
  context?: Record<string, string>;
}

/** Some Allow statement of a resource policy names `action` (or uses NotAction). */
function resourcePolicyMayAllow(document: unknown, action: string): boolean {
  return isDocument(document) && mayAllow([{ name: 'resource policy', policy: document }], action);
}

/** One request through the simulator; a document it refuses counts as not allowed (the IAM facts still judge admin). */
async function simulate(input: SimulationInput): Promise<boolean> {
  // Cheap necessary condition first (most roles never name most actions): an identity policy or the resource
  // policy must have an Allow that could match. It never skips a request the simulator could allow.
  if (!mayAllow(input.policies, input.action) && !resourcePolicyMayAllow(input.resourcePolicy, input.action))
    return false;
  try {
    const result = await runSimulation(
      {
        request: {
          principal: input.principal,
          action: input.action,
          resource: { resource: input.resource, accountId: input.accountId },
          // An attacker calls AWS the way the SDKs do: over TLS (so "deny insecure transport" statements do not apply).
          contextVariables: { 'aws:SecureTransport': 'true', ...input.context },
        },
        identityPolicies: input.policies,
        serviceControlPolicies: [],
        resourceControlPolicies: [],
        resourcePolicy: isDocument(input.resourcePolicy) ? input.resourcePolicy : undefined,
        permissionBoundaryPolicies: input.boundaries.length ? input.boundaries : undefined,
      },
      {},
    );
    return result.resultType !== 'error' && result.overallResult === 'Allowed';
  } catch {
    return false;
  }
}

function isDocument(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function partitionOf(arn: string): string {
  return /^arn:([^:]+):/.exec(arn)?.[1] ?? 'aws';
}

function roleHop(role: EvalAsset): AttackHop {
  return { kind: 'role', label: `role ${role.name}`, id: role.id };
}

/** What every role of the estate can reach; answers are memoised per role (many workloads share one). */
class RoleCapabilities {
  private readonly catalog: PolicyCatalog;
  private readonly adminCache = new Map<string, Promise<RouteAnswer>>();
  private readonly ownCache = new Map<string, Promise<RouteAnswer>>();
  private readonly assumeCache = new Map<string, Promise<boolean>>();
  private readonly dataCache = new Map<string, Promise<{ buckets: EvalAsset[]; unknown?: string }>>();

  constructor(
    private readonly estate: Estate,
    private readonly facts: Map<string, Record<string, unknown>>,
  ) {
    this.catalog = new PolicyCatalog(estate);
  }

  private iam(asset: EvalAsset): IamFacts | undefined {
    return (this.facts.get(asset.id)?.iam ?? asset.facts?.iam) as IamFacts | undefined;
  }

  private identity(role: EvalAsset): {
    policies: NamedPolicy[];
    boundaries: NamedPolicy[];
    missing: string[];
  } {
    const missing: string[] = [];
    const policies = this.catalog.policiesOf(role, missing);
    const boundaries = this.catalog.boundary(role, missing);
    return { policies, boundaries, missing };
  }

  /** Roles of the account that are administrators in effect (the IAM analyser's verdict). */
  private adminRoles(accountId: string): EvalAsset[] {
    return this.estate
      .ofType(accountId, 'aws_iam_role')
      .filter((role) => this.iam(role)?.adminAccess === true);
  }

  private trusts(role: EvalAsset, service: string): boolean {
    const by: AssumableBy[] = this.iam(role)?.assumableBy ?? [];
    return by.some((entry) => entry.kind === 'Service' && entry.principal === service);
  }

  private plainAdmin(role: EvalAsset, iam: IamFacts): RouteAnswer {
    return {
      route: {
        hops: [{ kind: 'admin', label: 'administrator of the account' }],
        why: `role ${role.name} is an administrator: ${(iam.adminEvidence ?? []).join('; ')}`,
      },
    };
  }

  /**
   * How `role` becomes an administrator: on its own (admin-equivalent, an escalation), else by assuming a role of
   * its account that does, breadth first (the shortest chain), at most three roles away. Each role is
   * expanded once per search, and each role's own answer and each assume check is simulated once per analysis.
   * `region`: where the attacker launches compute (the workload's), as policies may limit regions.
   */
  adminRoute(role: EvalAsset, region: string): Promise<RouteAnswer> {
    const key = `${role.id}\0${region}`;
    let pending = this.adminCache.get(key);
    if (!pending) this.adminCache.set(key, (pending = this.searchAdminRoute(role, region)));
    return pending;
  }

  private async searchAdminRoute(start: EvalAsset, region: string): Promise<RouteAnswer> {
    interface Step {
      role: EvalAsset;
      hops: AttackHop[];
      whys: string[];
    }
    const seen = new Set([start.id]);
    const undecided: string[] = [];
    let frontier: Step[] = [{ role: start, hops: [], whys: [] }];
    for (let depth = 0; frontier.length; depth += 1) {
      const next: Step[] = [];
      for (const step of frontier) {
        const own = await this.ownRoute(step.role, region);
        if ('route' in own)
          return {
            route: { hops: [...step.hops, ...own.route.hops], why: [...step.whys, own.route.why].join('; ') },
          };
        if ('unknown' in own)
          undecided.push(
            depth === 0 ? own.unknown : `role ${step.role.name}, which it may assume: ${own.unknown}`,
          );
        if (depth === MAX_ASSUME_DEPTH) continue;
        for (const target of this.estate.ofType(step.role.accountId, 'aws_iam_role')) {
          if (seen.has(target.id) || !(await this.mayAssume(step.role, target))) continue;
          seen.add(target.id);
          const targetArn = (target.config as Config).Arn ?? target.id;
          next.push({
            role: target,
            hops: [...step.hops, roleHop(target)],
            whys: [
              ...step.whys,
              `role ${step.role.name} may assume role ${target.name} (${targetArn}: its identity policies allow sts:AssumeRole and the trust policy of ${target.name} admits it)`,
            ],
          });
        }
      }
      frontier = next;
    }
    return undecided.length ? { unknown: undecided.join('; ') } : { none: true };
  }

  /**
   * sts:AssumeRole from `from` to `target`, simulated with the target's trust policy. Only tried where that trust
   * policy names `from`, its account (root or id) or everyone (the IAM analyser's reading): roles trusted only by
   * services or identity providers are never assumed by a role.
   */
  private mayAssume(from: EvalAsset, target: EvalAsset): Promise<boolean> {
    const key = `${from.id}\0${target.id}`;
    let pending = this.assumeCache.get(key);
    if (pending) return pending;
    pending = (async () => {
      const principal = (from.config as Config).Arn ?? from.id;
      const trust = (target.config as Config).AssumeRolePolicyDocument;
      const names = new Set([
        principal,
        from.accountId,
        `arn:${partitionOf(principal)}:iam::${from.accountId}:root`,
        '*',
      ]);
      const named = (this.iam(target)?.assumableBy ?? []).some(
        (entry) => entry.kind === 'AWS' && names.has(entry.principal),
      );
      if (!named || !isDocument(trust)) return false;
      const { policies, boundaries } = this.identity(from);
      return simulate({
        principal,
        accountId: from.accountId,
        action: 'sts:AssumeRole',
        resource: (target.config as Config).Arn ?? target.id,
        policies,
        boundaries,
        resourcePolicy: trust,
      });
    })();
    this.assumeCache.set(key, pending);
    return pending;
  }

  /** The role becomes an administrator without assuming another role. */
  private ownRoute(role: EvalAsset, region: string): Promise<RouteAnswer> {
    const key = `${role.id}\0${region}`;
    let pending = this.ownCache.get(key);
    if (!pending) this.ownCache.set(key, (pending = this.computeOwnRoute(role, region)));
    return pending;
  }

  private async computeOwnRoute(role: EvalAsset, region: string): Promise<RouteAnswer> {
    const iam = this.iam(role);
    const broadAdmin =
      iam?.adminAccess && !(iam.adminEvidence ?? []).some((line) => line.includes('escalation'));
    if (broadAdmin) return this.plainAdmin(role, iam);
    const { policies, boundaries, missing } = this.identity(role);
    const principal = (role.config as Config).Arn ?? role.id;
    const ask = (action: string, resource: string, extra: Partial<SimulationInput> = {}) =>
      simulate({ principal, accountId: role.accountId, action, resource, policies, boundaries, ...extra });
    const escalation = (label: string, why: string): RouteAnswer => ({
      route: { hops: [{ kind: 'admin', label }], why: `role ${role.name} ${why}` },
    });

    // Rewrite its own permissions.
    if (await ask('iam:AttachRolePolicy', principal))
      return escalation(
        'becomes administrator by attaching a policy to itself (iam:AttachRolePolicy)',
        `may call iam:AttachRolePolicy on itself (${principal}), so it can attach AdministratorAccess`,
      );
    if (await ask('iam:PutRolePolicy', principal))
      return escalation(
        'becomes administrator by writing itself an inline policy (iam:PutRolePolicy)',
        `may call iam:PutRolePolicy on itself (${principal}), so it can give itself any permission`,
      );
    for (const attached of ((role.config as Config).AttachedManagedPolicies ?? []) as Config[]) {
      const arn: string | undefined = attached.PolicyArn;
      if (!arn || /^arn:[^:]+:iam::aws:policy\//.test(arn)) continue;
      if (await ask('iam:CreatePolicyVersion', arn))
        return escalation(
          `becomes administrator by rewriting policy ${attached.PolicyName ?? arn} (iam:CreatePolicyVersion)`,
          `may call iam:CreatePolicyVersion on ${arn}, a policy attached to it, so it can make that policy allow everything`,
        );
    }

    // An escalation the IAM analyser found (on any role/user/group/policy, or on itself; its evidence names the action).
    if (iam?.adminAccess) return this.plainAdmin(role, iam);

    // Hand an administrator role to new compute it controls.
    const partition = partitionOf(principal);
    const admins = this.adminRoles(role.accountId).filter((admin) => admin.id !== role.id);
    for (const admin of admins) {
      const adminArn = (admin.config as Config).Arn ?? admin.id;
      const profiles: Config[] = (admin.config as Config).InstanceProfileList ?? [];
      if (profiles.length && this.trusts(admin, 'ec2.amazonaws.com')) {
        const passes = await ask('iam:PassRole', adminArn, {
          context: { 'iam:PassedToService': 'ec2.amazonaws.com' },
        });
        if (
          passes &&
          (await ask('ec2:RunInstances', `arn:${partition}:ec2:${region}:${role.accountId}:instance/*`))
        )
          return {
            route: {
              hops: [
                {
                  kind: 'admin',
                  label: `becomes administrator by launching an instance with role ${admin.name} (iam:PassRole + ec2:RunInstances)`,
                  id: admin.id,
                },
              ],
              why: `role ${role.name} may pass administrator role ${admin.name} (${adminArn}) to EC2 (iam:PassRole) and launch instances (ec2:RunInstances) through instance profile ${profiles[0].InstanceProfileName ?? profiles[0].Arn}`,
            },
          };
      }
      if (this.trusts(admin, 'lambda.amazonaws.com')) {
        const functionArn = `arn:${partition}:lambda:${region}:${role.accountId}:function:*`;
        const passes = await ask('iam:PassRole', adminArn, {
          context: { 'iam:PassedToService': 'lambda.amazonaws.com' },
        });
        if (
          passes &&
          (await ask('lambda:CreateFunction', functionArn)) &&
          (await ask('lambda:InvokeFunction', functionArn))
        )
          return {
            route: {
              hops: [
                {
                  kind: 'admin',
                  label: `becomes administrator by creating a function with role ${admin.name} (iam:PassRole + lambda:CreateFunction + lambda:InvokeFunction)`,
                  id: admin.id,
                },
              ],
              why: `role ${role.name} may pass administrator role ${admin.name} (${adminArn}) to Lambda (iam:PassRole), create a function (lambda:CreateFunction) and invoke it (lambda:InvokeFunction)`,
            },
          };
      }
    }

    return missing.length ? { unknown: missing.join('; ') } : { none: true };
  }

  /** Buckets of the role's account whose objects it may read (s3:GetObject, bucket policy and KMS key included). */
  readableBuckets(role: EvalAsset): Promise<{ buckets: EvalAsset[]; unknown?: string }> {
    let pending = this.dataCache.get(role.id);
    if (!pending) this.dataCache.set(role.id, (pending = this.computeReadableBuckets(role)));
    return pending;
  }

  private async computeReadableBuckets(role: EvalAsset): Promise<{ buckets: EvalAsset[]; unknown?: string }> {
    const { policies, boundaries, missing } = this.identity(role);
    const principal = (role.config as Config).Arn ?? role.id;
    const partition = partitionOf(principal);
    const buckets: EvalAsset[] = [];
    for (const bucket of this.estate.ofType(role.accountId, 'aws_s3_bucket')) {
      // Objects anyone may read are no prize: reaching them needs no workload.
      const publicRead = (this.facts.get(bucket.id)?.public as { read?: { verdict?: string } } | undefined)
        ?.read;
      if (publicRead?.verdict === 'public') continue;
      const c = bucket.config as Config;
      const name: string = c.Name ?? bucket.name;
      const readable = await simulate({
        principal,
        accountId: role.accountId,
        action: 's3:GetObject',
        resource: `arn:${partition}:s3:::${name}/*`,
        policies,
        boundaries,
        resourcePolicy: c.BucketPolicy?.Policy,
      });
      if (!readable) continue;
      // Objects under a customer managed key also need kms:Decrypt on that key (its key policy counts too).
      const keyId: string | undefined =
        c.BucketEncryption?.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault
          ?.KMSMasterKeyID;
      const key = keyId ? this.findKey(role.accountId, keyId) : undefined;
      if (key) {
        const keyConfig = key.config as Config;
        const decrypts = await simulate({
          principal,
          accountId: role.accountId,
          action: 'kms:Decrypt',
          resource: keyConfig.KeyMetadata?.Arn ?? key.id,
          policies,
          boundaries,
          resourcePolicy: keyConfig.KeyPolicy?.Policy,
        });
        if (!decrypts) continue;
      }
      buckets.push(bucket);
    }
    // Buckets that were never listed could be readable: "none" would be a guess.
    const unread = this.estate
      .unreadType(role.accountId, 'aws_s3_bucket')
      .map((entry) => `the buckets of account ${role.accountId} could not be listed (${entry.code})`);
    const undecided = [...missing, ...unread];
    return {
      buckets,
      ...(undecided.length && buckets.length === 0 ? { unknown: undecided.join('; ') } : {}),
    };
  }

  private findKey(accountId: string, keyId: string): EvalAsset | undefined {
    return this.estate
      .ofType(accountId, 'aws_kms_key')
      .find(
        (key) =>
          key.id === keyId ||
          (key.config as Config).KeyMetadata?.KeyId === keyId ||
          (key.config as Config).KeyMetadata?.Arn === keyId,
      );
  }
}

/** The workload's role, or why it is not known. Instances: instance -> profile -> role; functions: -> role. */
function workloadRole(
  estate: Estate,
  workload: EvalAsset,
): { role?: EvalAsset; none?: string; unknown?: string } {
  const c = workload.config as Config;
  if (workload.type === 'aws_ec2_instance') {
    const profileArn: string | undefined = c.IamInstanceProfile?.Arn;
    if (!profileArn) return { none: 'it has no instance profile' };
    const profile = estate.get(profileArn);
    if (!profile) return { unknown: `its instance profile ${profileArn} was not collected` };
    const role = estate.related(profile.id, 'USES', 'out', 'aws_iam_role')[0];
    if (role) return { role };
    const missing = estate.missingRelated(profile.id, 'USES', 'out', 'aws_iam_role')[0];
    if (missing) return { unknown: `role ${missing} of instance profile ${profile.name} was not collected` };
    return { none: `its instance profile ${profile.name} holds no role` };
  }
  if (workload.type === 'aws_ecs_service') {
    // The task role is what the containers' code holds (the execution role only pulls images and writes logs).
    const taskDefinitionArn: string | undefined = c.taskDefinition;
    const taskDefinition = taskDefinitionArn ? estate.get(taskDefinitionArn) : undefined;
    if (!taskDefinition)
      return taskDefinitionArn
        ? { unknown: `its task definition ${shortId(taskDefinitionArn)} was not collected` }
        : { none: 'it has no task definition' };
    const taskRole: string | undefined = (taskDefinition.config as Config).taskRoleArn;
    if (!taskRole) return { none: `its task definition ${taskDefinition.name} has no task role` };
    const arn = taskRole.startsWith('arn:')
      ? taskRole
      : `arn:${partitionOf(workload.id)}:iam::${workload.accountId}:role/${taskRole}`;
    const found = estate.get(arn);
    return found ? { role: found } : { unknown: `its task role ${arn} was not collected` };
  }
  const role = estate.related(workload.id, 'USES', 'out', 'aws_iam_role')[0];
  if (role) return { role };
  const roleArn: string | undefined = c.Role ?? estate.missingRelated(workload.id, 'USES', 'out')[0];
  return roleArn
    ? { unknown: `its execution role ${roleArn} was not collected` }
    : { none: 'it has no execution role' };
}

function describeWorkload(workload: EvalAsset): string {
  const c = workload.config as Config;
  if (workload.type === 'aws_ec2_instance') {
    const id = c.InstanceId ?? shortId(workload.id);
    return workload.name && workload.name !== id ? `instance ${workload.name} (${id})` : `instance ${id}`;
  }
  if (workload.type === 'aws_ecs_service')
    return `ECS service ${c.serviceName ?? workload.name} (${workload.id})`;
  return `function ${c.FunctionName ?? workload.name} (${workload.id})`;
}

/** The exposure analyser's first path, as hops: `internet -> lb:443 -> tg -> i-1:8080` (the last is the workload). */
function entryHops(workload: EvalAsset, exposure: ExposureFact): AttackHop[] {
  const parts = (exposure.paths[0] ?? `internet -> ${shortId(workload.id)}`).split(' -> ');
  return parts.map((label, index): AttackHop => {
    if (index === 0 && label === 'internet') return { kind: 'internet', label };
    if (index === parts.length - 1) return { kind: 'workload', label, id: workload.id };
    return { kind: 'network', label };
  });
}

/** The images with critical or high findings the workload runs, each naming its worst CVEs (at most three). */
function imageHops(vulnerabilities: VulnerabilityFacts | undefined): AttackHop[] {
  if (!vulnerabilities?.exposed) return [];
  return vulnerabilities.images
    .filter((image) => !image.unknown && image.critical + image.high > 0)
    .map((image) => {
      const ids = image.cves.slice(0, 3).map((cve) => cve.id);
      const name = image.uri.replace(/^[^/]+\//, '');
      return {
        kind: 'image',
        label: `image ${name} with ${ids.length ? ids.join(', ') : `${image.critical} critical, ${image.high} high findings`}`,
        ...(image.imageId ? { id: image.imageId } : {}),
      };
    });
}

function makePath(end: AttackPath['end'], hops: AttackHop[]): AttackPath {
  return { end, hops, summary: hops.map((hop) => hop.label).join(' -> ') };
}

function notReached(reason: string): AttackPathFacts {
  return {
    admin: false,
    adminEvidence: [reason],
    adminPaths: [],
    data: false,
    dataEvidence: [reason],
    dataPaths: [],
  };
}

function undecided(reason: string): AttackPathFacts {
  return { ...notReached(`unknown: ${reason}`), unknown: { admin: reason, data: reason } };
}

async function analyseWorkload(
  estate: Estate,
  workload: EvalAsset,
  exposure: ExposureFact | undefined,
  capabilities: RoleCapabilities,
  vulnerabilities?: VulnerabilityFacts,
): Promise<AttackPathFacts> {
  const who = describeWorkload(workload);
  if (!exposure || exposure.verdict === 'unknown')
    return undecided(
      `whether ${who} is reachable from the internet is not known (${exposure?.evidence[0]?.replace(/^unknown: /, '') ?? 'no exposure verdict'})`,
    );
  if (exposure.verdict !== 'exposed')
    return notReached(
      `No attack path from the internet: ${who} is not reachable from the internet (${exposure.evidence[0] ?? 'not exposed'}).`,
    );
  const identity = workloadRole(estate, workload);
  if (identity.unknown) return undecided(`${who} is reachable from the internet but ${identity.unknown}`);
  if (!identity.role)
    return notReached(
      `No attack path beyond ${who}: it is reachable from the internet but ${identity.none}, so it holds no AWS credentials.`,
    );
  const role = identity.role;
  const entry = [...entryHops(workload, exposure), ...imageHops(vulnerabilities), roleHop(role)];
  const facts: AttackPathFacts = notReached('');
  const others = exposure.paths.length - 1;
  const more = others > 0 ? ` (and ${others} other way${others === 1 ? '' : 's'} in)` : '';

  const admin = await capabilities.adminRoute(role, workload.region);
  if ('route' in admin) {
    const path = makePath('admin', [...entry, ...admin.route.hops]);
    facts.admin = true;
    facts.adminPaths = [path];
    facts.adminEvidence = [
      `Attack path to administrator: ${path.summary}${more}. ${who} is reachable from the internet and runs as role ${role.name} (${role.id}); ${admin.route.why}.`,
    ];
  } else if ('unknown' in admin) {
    facts.unknown = {
      admin: `${who} is reachable from the internet and runs as role ${role.name}; ${admin.unknown}`,
    };
    facts.adminEvidence = [`unknown: ${facts.unknown.admin}`];
  } else {
    facts.adminEvidence = [
      `No attack path to administrator: ${who} is reachable from the internet (${exposure.paths[0] ?? 'exposed'}) but its role ${role.name} (${role.id}) cannot become an administrator (not admin-equivalent, no escalation through iam:PassRole, iam:AttachRolePolicy, iam:PutRolePolicy, iam:CreatePolicyVersion or sts:AssumeRole was allowed).`,
    ];
  }

  const data = await capabilities.readableBuckets(role);
  if (data.buckets.length) {
    facts.data = true;
    facts.dataPaths = data.buckets.slice(0, MAX_DATA_PATHS).map((bucket) =>
      makePath('data', [
        ...entry,
        {
          kind: 'bucket',
          label: `can read bucket ${(bucket.config as Config).Name ?? bucket.name}`,
          id: bucket.id,
        },
      ]),
    );
    const names = data.buckets.map((bucket) => `${bucket.name} (${bucket.id})`);
    facts.dataEvidence = [
      `Attack path to data: ${facts.dataPaths[0].summary}${more}. ${who} is reachable from the internet and runs as role ${role.name} (${role.id}), whose permissions allow s3:GetObject on the objects of ${names.length === 1 ? 'bucket' : `${names.length} buckets:`} ${names.join(', ')}.`,
    ];
  } else if (data.unknown) {
    facts.unknown = {
      ...facts.unknown,
      data: `${who} is reachable from the internet and runs as role ${role.name}; ${data.unknown}`,
    };
    facts.dataEvidence = [`unknown: ${facts.unknown.data}`];
  } else {
    facts.dataEvidence = [
      `No attack path to data: ${who} is reachable from the internet but its role ${role.name} (${role.id}) may not read the objects of any bucket of account ${role.accountId}.`,
    ];
  }
  return facts;
}

/**
 * Asset.id -> attack path facts for every EC2 instance and Lambda function. `facts` holds what the exposure and IAM
 * analysers found (they run first).
 */
export async function analyseAttackPaths(
  estate: Estate,
  facts: Map<string, Record<string, unknown>>,
): Promise<Map<string, AttackPathFacts>> {
  const capabilities = new RoleCapabilities(estate, facts);
  const out = new Map<string, AttackPathFacts>();
  for (const type of WORKLOAD_TYPES)
    for (const workload of estate.allOfType(type)) {
      const exposure = facts.get(workload.id)?.exposure as ExposureFact | undefined;
      const vulnerabilities = facts.get(workload.id)?.vulnerabilities as VulnerabilityFacts | undefined;
      out.set(workload.id, await analyseWorkload(estate, workload, exposure, capabilities, vulnerabilities));
    }
  return out;
}
