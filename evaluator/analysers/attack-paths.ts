// Attack paths: what an attacker who reaches a workload from the internet can do with the workload's identity.
// Joins three analysers' answers: the exposure analyser (is the instance or function reachable, and through which
// hops), the workload's role (instance profile -> role, Lambda execution role), and what that role may do,
// simulated with @cloud-copilot/iam-simulate (become an administrator, directly or by a privilege escalation, or
// read a bucket's objects), through sts:AssumeRole chains within the account and into the other accounts Cloudward
// syncs (account-estates.ts: their roles, trust policies, buckets and keys are read from the store as needed). A workload running an ECR image with critical or high findings
// (the vulnerabilities analyser) gets an image hop naming the CVEs: the way in an attacker would use.
import { runSimulation } from '@cloud-copilot/iam-simulate';
import type { Estate } from '../engine/estate';
import { AccountEstates, type ForeignAccounts } from './account-estates';
import { asArray, statementsOf } from './resource-policy';
import { shortId } from '../engine/values';
import type { EvalAsset } from '../types';
import type { ExposureFact } from './exposure';
import type { VulnerabilityFacts } from './vulnerabilities';
import { assumableBy, mayAllow, type AssumableBy, type IamFacts, type NamedPolicy } from './iam';

/* eslint-disable @typescript-eslint/no-explicit-any -- configs are AWS response shapes read defensively */
type Config = Record<string, any>;

export type AttackHopKind = 'internet' | 'network' | 'workload' | 'image' | 'role' | 'admin' | 'bucket';

/** One step of a path, in order; `id` is the resource id where the step is a resource. */
export interface AttackHop {
  kind: AttackHopKind;
  label: string;
  id?: string;
  /** The AWS account the hop's resource belongs to (a path may cross accounts by sts:AssumeRole). */
  accountId?: string;
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
  /** The resource's account when it is not the principal's (cross-account: both sides must allow). */
  resourceAccountId?: string;
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
          resource: { resource: input.resource, accountId: input.resourceAccountId ?? input.accountId },
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
  return { kind: 'role', label: `role ${role.name}`, id: role.id, accountId: role.accountId };
}

/** Hops in another account than the workload's say which (the same hops are shared by every workload). */
function inAccountOf(workloadAccountId: string, hops: AttackHop[]): AttackHop[] {
  return hops.map((hop) => {
    if (!hop.accountId || hop.accountId === workloadAccountId) return hop;
    const label =
      hop.kind === 'admin' && hop.label.endsWith('of the account')
        ? hop.label.replace(/of the account$/, `of account ${hop.accountId}`)
        : `${hop.label} in account ${hop.accountId}`;
    return { ...hop, label };
  });
}

/** A role an attacker holding the workload's credentials may act as: the workload's own, or one assumed from it. */
interface ReachedRole {
  role: EvalAsset;
  /** The role hops after the workload's role, in order. */
  hops: AttackHop[];
  /** Why each sts:AssumeRole step is allowed. */
  whys: string[];
}

/** Every role reachable from one role by sts:AssumeRole, breadth first (shortest chain first), and what stopped. */
interface Reach {
  roles: ReachedRole[];
  /** Steps that could not be judged (a role of an account Cloudward does not sync, an unknown organization). */
  unknown: string[];
  /** Trusts that would admit the chain only with an external ID (not a path: the attacker does not know it). */
  notes: string[];
}

type AssumeAnswer = { allowed: boolean; note?: string; unknown?: string };

const ROLE_ARN = /^arn:([^:]+):iam::(\d{12}):role\/(.+)$/;

/** What every role of the estate (and of the accounts it may step into) can reach; answers are memoised per role. */
class RoleCapabilities {
  private readonly adminCache = new Map<string, Promise<RouteAnswer>>();
  private readonly ownCache = new Map<string, Promise<RouteAnswer>>();
  private readonly assumeCache = new Map<string, Promise<AssumeAnswer>>();
  private readonly reachCache = new Map<string, Promise<Reach>>();
  private readonly dataCache = new Map<string, Promise<{ buckets: EvalAsset[]; unknown?: string }>>();

  constructor(
    private readonly estates: AccountEstates,
    private readonly facts: Map<string, Record<string, unknown>>,
  ) {}

  private iam(asset: EvalAsset): IamFacts | undefined {
    return (this.facts.get(asset.id)?.iam ?? asset.facts?.iam) as IamFacts | undefined;
  }

  /** The estate of the asset's account (loaded before any of its assets is reached). */
  private estateOf(asset: EvalAsset): Estate {
    return this.estates.estateOf(asset.accountId) ?? this.estates.home;
  }

  private identity(role: EvalAsset): {
    policies: NamedPolicy[];
    boundaries: NamedPolicy[];
    missing: string[];
  } {
    const missing: string[] = [];
    const catalog = this.estates.catalog(this.estateOf(role));
    const policies = catalog.policiesOf(role, missing);
    const boundaries = catalog.boundary(role, missing);
    return { policies, boundaries, missing };
  }

  /** Roles of the account that are administrators in effect (the IAM analyser's verdict). */
  private adminRoles(accountId: string): readonly EvalAsset[] {
    return (this.estates.estateOf(accountId)?.ofType(accountId, 'aws_iam_role') ?? []).filter(
      (role) => this.iam(role)?.adminAccess === true,
    );
  }

  private assumable(role: EvalAsset): AssumableBy[] {
    return this.iam(role)?.assumableBy ?? assumableBy(role);
  }

  private trusts(role: EvalAsset, service: string): boolean {
    return this.assumable(role).some((entry) => entry.kind === 'Service' && entry.principal === service);
  }

  private plainAdmin(role: EvalAsset, iam: IamFacts): RouteAnswer {
    return {
      route: {
        hops: [{ kind: 'admin', label: 'administrator of the account', accountId: role.accountId }],
        why: `role ${role.name} is an administrator: ${(iam.adminEvidence ?? []).join('; ')}`,
      },
    };
  }

  /**
   * How `role` becomes an administrator: on its own (admin-equivalent, an escalation), else by assuming a role that
   * does (of its account or of another synced account whose trust policy admits it), breadth first (the shortest
   * chain), at most three roles away. `region`: where the attacker launches compute (the workload's).
   */
  adminRoute(role: EvalAsset, region: string): Promise<RouteAnswer> {
    const key = `${role.id}\0${region}`;
    let pending = this.adminCache.get(key);
    if (!pending) this.adminCache.set(key, (pending = this.searchAdminRoute(role, region)));
    return pending;
  }

  private async searchAdminRoute(start: EvalAsset, region: string): Promise<RouteAnswer> {
    const reach = await this.reach(start);
    const undecided: string[] = [];
    for (const step of reach.roles) {
      const own = await this.ownRoute(step.role, region);
      if ('route' in own)
        return {
          route: { hops: [...step.hops, ...own.route.hops], why: [...step.whys, own.route.why].join('; ') },
        };
      if ('unknown' in own)
        undecided.push(
          step.role === start
            ? own.unknown
            : `role ${step.role.name}, which it may assume: ${own.unknown}`,
        );
    }
    undecided.push(...reach.unknown);
    return undecided.length ? { unknown: undecided.join('; ') } : { none: true };
  }

  /** Roles reachable from `start` by sts:AssumeRole (start included), memoised per role. */
  reach(start: EvalAsset): Promise<Reach> {
    let pending = this.reachCache.get(start.id);
    if (!pending) this.reachCache.set(start.id, (pending = this.computeReach(start)));
    return pending;
  }

  private async computeReach(start: EvalAsset): Promise<Reach> {
    const seen = new Set([start.id]);
    const reach: Reach = { roles: [{ role: start, hops: [], whys: [] }], unknown: [], notes: [] };
    let frontier = reach.roles;
    for (let depth = 0; depth < MAX_ASSUME_DEPTH && frontier.length; depth += 1) {
      const next: ReachedRole[] = [];
      for (const step of frontier) {
        for (const target of await this.assumeCandidates(step.role)) {
          if (seen.has(target.id)) continue;
          const answer = await this.mayAssume(step.role, target);
          if (answer.note) reach.notes.push(answer.note);
          if (answer.unknown) reach.unknown.push(answer.unknown);
          if (!answer.allowed) continue;
          seen.add(target.id);
          next.push({
            role: target,
            hops: [...step.hops, roleHop(target)],
            whys: [...step.whys, assumeWhy(step.role, target)],
          });
        }
        reach.unknown.push(...(await this.unsyncedTargets(step.role)));
      }
      reach.roles.push(...next);
      frontier = next;
    }
    return reach;
  }

  /** Roles `from` may try to assume: those of its account, and those of accounts with a role trusting it. */
  private async assumeCandidates(from: EvalAsset): Promise<EvalAsset[]> {
    const out = [...(this.estates.estateOf(from.accountId)?.ofType(from.accountId, 'aws_iam_role') ?? [])];
    for (const accountId of await this.estates.trusting(from.accountId)) {
      const estate = await this.estates.load(accountId);
      if (estate) out.push(...estate.ofType(accountId, 'aws_iam_role'));
    }
    return out;
  }

  /**
   * Roles of accounts Cloudward does not sync that the identity policies of `from` name for sts:AssumeRole: the path
   * goes on there but nobody can say where, so it is an unknown end (never a pass). Roles named through wildcards in
   * the account id (or `*`) name no account and are not counted.
   */
  private async unsyncedTargets(from: EvalAsset): Promise<string[]> {
    const { policies, boundaries } = this.identity(from);
    const principal = arnOf(from);
    const named = new Set<string>();
    for (const policy of policies)
      for (const statement of statementsOf(policy.policy)) {
        if (statement.Effect !== 'Allow') continue;
        for (const resource of asArray(statement.Resource as string | string[] | undefined)) {
          const match = typeof resource === 'string' ? ROLE_ARN.exec(resource) : null;
          if (match && match[2] !== from.accountId) named.add(resource);
        }
      }
    const out: string[] = [];
    for (const arn of [...named].sort()) {
      const accountId = ROLE_ARN.exec(arn)![2];
      if (await this.estates.load(accountId)) continue;
      // The identity side only (AWS also needs the trust policy, which was not read): a same-account request.
      const allowed = await simulate({
        principal,
        accountId: from.accountId,
        action: 'sts:AssumeRole',
        resource: arn,
        policies,
        boundaries,
      });
      if (allowed)
        out.push(
          `role ${from.name} (${principal}) may assume ${arn} by its identity policies, but account ${accountId} is not synced by Cloudward, so whether that role's trust policy admits it and what it may do are not known`,
        );
    }
    return out;
  }

  /**
   * sts:AssumeRole from `from` to `target`, simulated with the target's trust policy and the request context AWS
   * gives an assumed-role session (aws:PrincipalArn, aws:PrincipalAccount, aws:PrincipalOrgID when the organization
   * was read). Only tried where the trust policy names `from`, its account (root or id) or everyone (the IAM
   * analyser's reading): roles trusted only by services or identity providers are never assumed by a role.
   */
  private mayAssume(from: EvalAsset, target: EvalAsset): Promise<AssumeAnswer> {
    const key = `${from.id}\0${target.id}`;
    let pending = this.assumeCache.get(key);
    if (pending) return pending;
    pending = (async (): Promise<AssumeAnswer> => {
      const principal = arnOf(from);
      const trust = (target.config as Config).AssumeRolePolicyDocument;
      const names = new Set([
        principal,
        from.accountId,
        `arn:${partitionOf(principal)}:iam::${from.accountId}:root`,
        '*',
      ]);
      const named = this.assumable(target).filter(
        (entry) => entry.kind === 'AWS' && names.has(entry.principal),
      );
      if (!named.length || !isDocument(trust)) return { allowed: false };
      const { policies, boundaries } = this.identity(from);
      const organizationId = this.estates.organizationId(from.accountId);
      const request = {
        principal,
        accountId: from.accountId,
        resourceAccountId: target.accountId,
        action: 'sts:AssumeRole',
        resource: arnOf(target),
        policies,
        boundaries,
        context: {
          'aws:PrincipalArn': principal,
          'aws:PrincipalAccount': from.accountId,
          'aws:PrincipalType': 'AssumedRole',
          ...(organizationId ? { 'aws:PrincipalOrgID': organizationId } : {}),
        },
      };
      if (await simulate({ ...request, resourcePolicy: trust })) return { allowed: true };
      // Why not, when the identity side allows it: an external ID, or an organization nobody read.
      const identityAllows = await simulate({ ...request, resourceAccountId: from.accountId });
      if (!identityAllows) return { allowed: false };
      const where = `role ${target.name} (${arnOf(target)}) in account ${target.accountId}`;
      if (named.some((entry) => entry.externalId))
        return {
          allowed: false,
          note: `role ${from.name} (${principal}) may call sts:AssumeRole on ${where}, whose trust policy admits it only with an external ID (sts:ExternalId) that a holder of its credentials is not assumed to know: not a path`,
        };
      if (!organizationId && /aws:PrincipalOrgI[Dd]/i.test(JSON.stringify(trust)))
        return {
          allowed: false,
          unknown: `the trust policy of ${where} admits principals of an organization, and the organization of account ${from.accountId} was not read`,
        };
      return { allowed: false };
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
    const principal = arnOf(role);
    const ask = (action: string, resource: string, extra: Partial<SimulationInput> = {}) =>
      simulate({ principal, accountId: role.accountId, action, resource, policies, boundaries, ...extra });
    const escalation = (label: string, why: string): RouteAnswer => ({
      route: { hops: [{ kind: 'admin', label, accountId: role.accountId }], why: `role ${role.name} ${why}` },
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
      const adminArn = arnOf(admin);
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
                  accountId: role.accountId,
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
                  accountId: role.accountId,
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
    const estate = this.estateOf(role);
    const principal = arnOf(role);
    const partition = partitionOf(principal);
    const buckets: EvalAsset[] = [];
    for (const bucket of estate.ofType(role.accountId, 'aws_s3_bucket')) {
      // Objects anyone may read are no prize: reaching them needs no workload.
      const publicRead = ((this.facts.get(bucket.id) ?? bucket.facts)?.public as
        | { read?: { verdict?: string } }
        | undefined)?.read;
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
      const key = keyId ? findKey(estate, role.accountId, keyId) : undefined;
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
    const unread = estate
      .unreadType(role.accountId, 'aws_s3_bucket')
      .map((entry) => `the buckets of account ${role.accountId} could not be listed (${entry.code})`);
    const undecided = [...missing, ...unread];
    return {
      buckets,
      ...(undecided.length && buckets.length === 0 ? { unknown: undecided.join('; ') } : {}),
    };
  }
}

function findKey(estate: Estate, accountId: string, keyId: string): EvalAsset | undefined {
  return estate
    .ofType(accountId, 'aws_kms_key')
    .find(
      (key) =>
        key.id === keyId ||
        (key.config as Config).KeyMetadata?.KeyId === keyId ||
        (key.config as Config).KeyMetadata?.Arn === keyId,
    );
}

function arnOf(asset: EvalAsset): string {
  return (asset.config as Config).Arn ?? asset.id;
}

/** Why one sts:AssumeRole step is allowed; across accounts, both accounts and ARNs are named. */
function assumeWhy(from: EvalAsset, target: EvalAsset): string {
  if (from.accountId === target.accountId)
    return `role ${from.name} may assume role ${target.name} (${arnOf(target)}: its identity policies allow sts:AssumeRole and the trust policy of ${target.name} admits it)`;
  return `role ${from.name} (${arnOf(from)}) in account ${from.accountId} may assume role ${target.name} (${arnOf(target)}) in account ${target.accountId}: its identity policies allow sts:AssumeRole and the trust policy of ${target.name} admits account ${from.accountId}`;
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
    if (index === parts.length - 1)
      return { kind: 'workload', label, id: workload.id, accountId: workload.accountId };
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

  const reach = await capabilities.reach(role);
  // Trusts that needed an external ID: not a path, but said, so the no-path verdict can be checked.
  const notes = reach.notes.length ? ` Not a path: ${reach.notes.join('; ')}.` : '';

  const admin = await capabilities.adminRoute(role, workload.region);
  if ('route' in admin) {
    const path = makePath('admin', [...entry, ...inAccountOf(workload.accountId, admin.route.hops)]);
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
      `No attack path to administrator: ${who} is reachable from the internet (${exposure.paths[0] ?? 'exposed'}) but its role ${role.name} (${role.id}) cannot become an administrator (not admin-equivalent, no escalation through iam:PassRole, iam:AttachRolePolicy, iam:PutRolePolicy, iam:CreatePolicyVersion or sts:AssumeRole was allowed).${notes}`,
    ];
  }

  // Data: the buckets the workload's role reads, then those of each role it may assume (shortest chain first).
  const readable: { bucket: EvalAsset; step: (typeof reach.roles)[number] }[] = [];
  const dataUnknown: string[] = [];
  for (const step of reach.roles) {
    const data = await capabilities.readableBuckets(step.role);
    for (const bucket of data.buckets)
      if (!readable.some((found) => found.bucket.id === bucket.id)) readable.push({ bucket, step });
    if (data.unknown)
      dataUnknown.push(step.role === role ? data.unknown : `role ${step.role.name}, which it may assume: ${data.unknown}`);
  }
  dataUnknown.push(...reach.unknown);
  if (readable.length) {
    facts.data = true;
    facts.dataPaths = readable.slice(0, MAX_DATA_PATHS).map(({ bucket, step }) =>
      makePath('data', [
        ...entry,
        ...inAccountOf(workload.accountId, [
          ...step.hops,
          {
            kind: 'bucket',
            label: `can read bucket ${(bucket.config as Config).Name ?? bucket.name}`,
            id: bucket.id,
            accountId: bucket.accountId,
          },
        ]),
      ]),
    );
    const sentences: string[] = [];
    for (const step of reach.roles) {
      const names = readable
        .filter((found) => found.step === step)
        .map(({ bucket }) => `${bucket.name} (${bucket.id}${bucket.accountId === workload.accountId ? '' : `, account ${bucket.accountId}`})`);
      if (!names.length) continue;
      const objects = `s3:GetObject on the objects of ${names.length === 1 ? 'bucket' : `${names.length} buckets:`} ${names.join(', ')}`;
      sentences.push(
        step.role === role
          ? `runs as role ${role.name} (${role.id}), whose permissions allow ${objects}`
          : `${step.whys.join('; ')}; the permissions of role ${step.role.name} allow ${objects}`,
      );
    }
    const runsAs = sentences[0].startsWith('runs as') ? '' : `runs as role ${role.name} (${role.id}); `;
    facts.dataEvidence = [
      `Attack path to data: ${facts.dataPaths[0].summary}${more}. ${who} is reachable from the internet and ${runsAs}${sentences.join('; ')}.`,
    ];
  } else if (dataUnknown.length) {
    facts.unknown = {
      ...facts.unknown,
      data: `${who} is reachable from the internet and runs as role ${role.name}; ${dataUnknown.join('; ')}`,
    };
    facts.dataEvidence = [`unknown: ${facts.unknown.data}`];
  } else {
    const assumed = reach.roles.slice(1).map(({ role: other }) => `${other.name} (${other.id})`);
    facts.dataEvidence = [
      `No attack path to data: ${who} is reachable from the internet but its role ${role.name} (${role.id}) may not read the objects of any bucket of account ${role.accountId}${assumed.length ? `, nor may the roles it may assume (${assumed.join(', ')}) read those of their accounts` : ''}.${notes}`,
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
  foreign?: ForeignAccounts,
): Promise<Map<string, AttackPathFacts>> {
  const capabilities = new RoleCapabilities(new AccountEstates(estate, foreign), facts);
  const out = new Map<string, AttackPathFacts>();
  for (const type of WORKLOAD_TYPES)
    for (const workload of estate.allOfType(type)) {
      const exposure = facts.get(workload.id)?.exposure as ExposureFact | undefined;
      const vulnerabilities = facts.get(workload.id)?.vulnerabilities as VulnerabilityFacts | undefined;
      out.set(workload.id, await analyseWorkload(estate, workload, exposure, capabilities, vulnerabilities));
    }
  return out;
}
