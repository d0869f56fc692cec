// IAM analyser: administrator-equivalent access from effective permissions (simulated with
// @cloud-copilot/iam-simulate over the principal's identity policies, incl. its groups'), who can assume each
// role, policies attached directly to users, and days since a user's credentials were last used.
import { runSimulation } from '@cloud-copilot/iam-simulate';
import type { Estate } from '../engine/estate';
import { DAY_MS, toTime } from '../engine/values';
import type { EvalAsset } from '../types';
import { asArray, restrictingConditionKeys, statementsOf } from './resource-policy';

/* eslint-disable @typescript-eslint/no-explicit-any -- configs are AWS response shapes read defensively */
type Config = Record<string, any>;

export interface AssumableBy {
  principal: string;
  kind: 'AWS' | 'Service' | 'Federated';
  crossAccount: boolean;
  public: boolean;
  /** The statement requires an sts:ExternalId (StringEquals/StringLike/ArnEquals-style match, not negated or IfExists). */
  externalId: boolean;
}

export interface IamFacts {
  adminAccess?: boolean;
  adminEvidence?: string[];
  /** A statement allows `*` (or `*:*`) on `*` with no condition (CIS "full administrative privileges"). */
  fullAdminStatement?: boolean;
  /** A statement allows kms:Decrypt or kms:ReEncryptFrom on every key with no condition (FSBP KMS.1 / KMS.2). */
  unrestrictedKmsDecrypt?: boolean;
  /** The statements behind `unrestrictedKmsDecrypt`. */
  unrestrictedKmsEvidence?: string[];
  assumableBy?: AssumableBy[];
  hasAttachedPolicies?: boolean;
  lastActivityDays?: number | null;
  /**
   * Fields the analyser could not decide, with what was missing (a managed policy, a group or a policy document
   * not collected). A control reading one of them gets `error` with that reason (evaluator/engine/compile.ts).
   */
  unknown?: Partial<
    Record<'adminAccess' | 'fullAdminStatement' | 'unrestrictedKmsDecrypt' | 'assumableBy', string>
  >;
}

/** Actions spread over services: allowed on every resource = full access. */
const BROAD_SAMPLE = [
  'iam:CreateUser',
  'ec2:RunInstances',
  's3:GetObject',
  'kms:Decrypt',
  'lambda:UpdateFunctionCode',
  'organizations:LeaveOrganization',
  'cloudtrail:StopLogging',
  'dynamodb:DeleteTable',
];
/** The IAM resource type an escalation action works on. */
type IamTarget = 'role' | 'user' | 'group' | 'policy';

/**
 * Any one of these on any resource of its type makes a principal an administrator in effect (privilege
 * escalation): it can grant itself any permission, or take over principals that have them (the single-permission
 * paths of the well-known IAM escalation catalogues). On one named role, or on the caller's own user, it is not;
 * except for the `self` ones on the principal itself, its groups or a policy attached to it (selfEscalation).
 */
const ESCALATION: Record<string, { on: IamTarget; consequence: string; self?: true }> = {
  'iam:CreatePolicyVersion': { on: 'policy', consequence: 'can grant any permission', self: true },
  'iam:SetDefaultPolicyVersion': { on: 'policy', consequence: 'can grant any permission', self: true },
  'iam:AttachUserPolicy': { on: 'user', consequence: 'can grant any permission', self: true },
  'iam:AttachGroupPolicy': { on: 'group', consequence: 'can grant any permission', self: true },
  'iam:AttachRolePolicy': { on: 'role', consequence: 'can grant any permission', self: true },
  'iam:PutUserPolicy': { on: 'user', consequence: 'can grant any permission', self: true },
  'iam:PutGroupPolicy': { on: 'group', consequence: 'can grant any permission', self: true },
  'iam:PutRolePolicy': { on: 'role', consequence: 'can grant any permission', self: true },
  'iam:AddUserToGroup': { on: 'group', consequence: "can join any group, administrators' included" },
  'iam:CreateAccessKey': {
    on: 'user',
    consequence: "can create access keys for any user, administrators' included",
  },
  'iam:CreateLoginProfile': {
    on: 'user',
    consequence: 'can set a console password for any user without one',
  },
  'iam:UpdateLoginProfile': { on: 'user', consequence: "can change any user's console password" },
  'iam:UpdateAssumeRolePolicy': {
    on: 'role',
    consequence: 'can make any role trust it, administrator roles included',
  },
};

/**
 * Escalation actions are simulated on a made-up resource of their type that no real policy names: iam-simulate
 * answers a request on `*` as "allowed on some resource", which would make a grant on one named role, or on the
 * caller's own user (`user/${aws:username}`), an escalation. Allowed on the probe = allowed on any role/user/...
 */
const PROBE_NAME = 'cloudward-escalation-probe';

/** The probe ARN of `type` in the account; never the principal itself (a grant on itself is not on "any"). */
function probeArn(principal: string, accountId: string, type: IamTarget): string {
  const partition = /^arn:([^:]+):/.exec(principal)?.[1] ?? 'aws';
  const own = principal.split('/').pop();
  return `arn:${partition}:iam::${accountId}:${type}/${own === PROBE_NAME ? `${PROBE_NAME}-other` : PROBE_NAME}`;
}

/**
 * Request context the simulator needs to read the policies as AWS would: an IAM user's aws:username (the value
 * of `${aws:username}` in a Resource, or in a Deny's NotResource), only when a policy mentions it so that users
 * sharing the same policies share one simulation. Roles have no aws:username in AWS either.
 */
function requestContext(principal: string, documents: NamedPolicy[]): Record<string, string> {
  const user = /^arn:[^:]+:iam::[^:]*:user\/(?:.*\/)?([^/]+)$/.exec(principal)?.[1];
  if (!user || !/aws:username/i.test(JSON.stringify(documents.map((d) => d.policy)))) return {};
  return { 'aws:username': user };
}

export interface NamedPolicy {
  name: string;
  policy: unknown;
}

/** `action` allowed on `resource` (`*`: on some resource, for actions spread over services). */
async function allowedOn(
  principal: string,
  accountId: string,
  action: string,
  resource: string,
  policies: NamedPolicy[],
  boundaries: NamedPolicy[],
): Promise<boolean> {
  try {
    const result = await runSimulation(
      {
        request: {
          principal,
          action,
          resource: { resource, accountId },
          contextVariables: requestContext(principal, [...policies, ...boundaries]),
        },
        identityPolicies: policies,
        serviceControlPolicies: [],
        resourceControlPolicies: [],
        permissionBoundaryPolicies: boundaries.length ? boundaries : undefined,
      },
      {},
    );
    if (result.resultType !== 'error') return result.overallResult === 'Allowed';
  } catch {
    // fall through to the static reading below
  }
  // The simulator refuses documents it cannot validate (odd but accepted by IAM): read the statements directly
  // rather than call a real administrator harmless.
  return staticallyAllowed(policies, action, resource);
}

/**
 * An unconditional Allow naming the action on a Resource pattern covering `resource` (`*` itself for `*`), and no
 * Deny naming the action on it. Policy variables are read literally, so a `${aws:username}` grant never covers it.
 */
function staticallyAllowed(policies: NamedPolicy[], action: string, resource: string): boolean {
  const statements = policies.flatMap((policy) => statementsOf(policy.policy));
  const names = (s: Record<string, unknown>) =>
    asArray(s.Action).some((pattern) => typeof pattern === 'string' && actionPattern(pattern).test(action));
  const covers = (patterns: unknown) =>
    asArray(patterns).some((pattern) => typeof pattern === 'string' && globPattern(pattern).test(resource));
  const on = (s: Record<string, unknown>) =>
    s.NotResource !== undefined ? !covers(s.NotResource) : covers(s.Resource);
  if (statements.some((s) => s.Effect === 'Deny' && names(s) && on(s))) return false;
  return statements.some(
    (s) =>
      s.Effect === 'Allow' && !s.Condition && names(s) && s.NotResource === undefined && covers(s.Resource),
  );
}

/** IAM wildcards (`*`, `?`) as a regular expression. */
function globPattern(pattern: string, flags = ''): RegExp {
  const escaped = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`, flags);
}

/** `s3:Get*` -> /^s3:Get.*$/i (IAM action patterns are case-insensitive). */
function actionPattern(pattern: string): RegExp {
  return globPattern(pattern, 'i');
}

/**
 * Cheap necessary condition before simulating: some Allow statement names the action (by pattern) or uses
 * NotAction. It never skips a simulation that could answer Allowed; it only saves the ones that cannot.
 */
export function mayAllow(policies: NamedPolicy[], action: string): boolean {
  return policies.some((policy) =>
    statementsOf(policy.policy).some(
      (s) =>
        s.Effect === 'Allow' &&
        (s.NotAction !== undefined ||
          asArray(s.Action).some(
            (pattern) => typeof pattern === 'string' && actionPattern(pattern).test(action),
          )),
    ),
  );
}

/** Simulates the sample and escalation actions; returns evidence when admin-equivalent, else undefined. */
async function adminEquivalence(
  principal: string,
  accountId: string,
  policies: NamedPolicy[],
  boundaries: NamedPolicy[],
): Promise<string[] | undefined> {
  if (policies.length === 0) return undefined;
  const names = policies.map((p) => p.name).join(', ');
  let broad = BROAD_SAMPLE.every((action) => mayAllow(policies, action));
  for (const action of broad ? BROAD_SAMPLE : []) {
    if (!(await allowedOn(principal, accountId, action, '*', policies, boundaries))) {
      broad = false;
      break;
    }
  }
  if (broad)
    return [
      `effective permissions (${names}) allow every sampled action (${BROAD_SAMPLE.length} services) on every resource`,
    ];
  for (const [action, { on, consequence }] of Object.entries(ESCALATION)) {
    if (!mayAllow(policies, action)) continue;
    const probe = probeArn(principal, accountId, on);
    if (await allowedOn(principal, accountId, action, probe, policies, boundaries)) {
      return [
        `effective permissions (${names}) allow ${action} on any ${on} (even a made-up one, ${probe}), which ${consequence} (privilege escalation)`,
      ];
    }
  }
  return undefined;
}

/** The IAM resource type of an ARN (`arn:aws:iam::1:role/x` -> role). */
function iamTarget(arn: string): IamTarget | undefined {
  return /^arn:[^:]+:iam::[^:]*:(role|user|group|policy)\//.exec(arn)?.[1] as IamTarget | undefined;
}

/** What a `self` target other than the principal itself is to it. */
const SELF_WORDING: Record<IamTarget, string> = {
  role: 'itself',
  user: 'itself',
  group: 'a group it belongs to',
  policy: 'a policy attached to it',
};

/**
 * The `self` escalation actions allowed on what the principal is made of (`own`: itself, its groups, the customer
 * managed policies attached to them): attaching or writing a policy on itself, or rewriting its own policy,
 * grants it any permission even though no other principal is reachable. `itself` names the principal in the
 * evidence ("the user itself", or the made-up holder of a policy judged alone).
 */
async function selfEscalation(
  principal: string,
  accountId: string,
  own: string[],
  policies: NamedPolicy[],
  boundaries: NamedPolicy[],
  itself?: string,
): Promise<string[] | undefined> {
  if (policies.length === 0) return undefined;
  const names = policies.map((p) => p.name).join(', ');
  for (const [action, { on, self }] of Object.entries(ESCALATION)) {
    if (!self || !mayAllow(policies, action)) continue;
    for (const arn of own.filter((target) => iamTarget(target) === on)) {
      if (await allowedOn(principal, accountId, action, arn, policies, boundaries))
        return [
          `effective permissions (${names}) allow ${action} on ${arn}, ${arn === principal ? (itself ?? `the ${on} itself`) : SELF_WORDING[on]}, so it can grant itself any permission (privilege escalation)`,
        ];
    }
  }
  return undefined;
}

function fullAdminStatement(document: unknown): boolean {
  return statementsOf(document).some(
    (s) =>
      s.Effect === 'Allow' &&
      asArray(s.Action).some((a) => a === '*' || a === '*:*') &&
      asArray(s.Resource).includes('*') &&
      (!s.Condition || Object.keys(s.Condition).length === 0),
  );
}

const KMS_DECRYPT_ACTIONS = ['kms:Decrypt', 'kms:ReEncryptFrom'];

/** The statement's Action (or NotAction) covers `action`, with IAM's case-insensitive wildcards ("*:*" too). */
function coversAction(statement: Record<string, any>, action: string): boolean {
  const matches = (patterns: unknown) =>
    asArray(patterns).some((p) => typeof p === 'string' && actionPattern(p).test(action));
  return statement.NotAction !== undefined ? !matches(statement.NotAction) : matches(statement.Action);
}

/** The statement's Resource (or NotResource) covers every key of the account, in any region. */
function coversEveryKey(statement: Record<string, any>, partition: string, accountId: string): boolean {
  // ARNs match case-sensitively; a made-up key in a made-up region stands for "any key".
  const probe = `arn:${partition}:kms:zz-probe-1:${accountId}:key/00000000-0000-0000-0000-000000000000`;
  const matches = (patterns: unknown) =>
    asArray(patterns).some((p) => typeof p === 'string' && globPattern(p).test(probe));
  return statement.NotResource !== undefined ? !matches(statement.NotResource) : matches(statement.Resource);
}

/**
 * Statements allowing kms:Decrypt or kms:ReEncryptFrom on every key with no condition ("*", "kms:*", "kms:De*",
 * "*:*", NotAction lists that leave them out, any letter case), unless an unconditional Deny in the same policy
 * takes the action back on every key. Empty: no such statement.
 */
export function unrestrictedKmsDecrypt(document: unknown, partition: string, accountId: string): string[] {
  const statements = statementsOf(document);
  const unconditional = (s: Record<string, any>) => !s.Condition || Object.keys(s.Condition).length === 0;
  const everyKey = (s: Record<string, any>, effect: string, action: string) =>
    s.Effect === effect &&
    unconditional(s) &&
    coversAction(s, action) &&
    coversEveryKey(s, partition, accountId);
  const found: string[] = [];
  statements.forEach((s, index) => {
    const label = s.Sid ? `statement ${s.Sid}` : `statement ${index + 1}`;
    const actions = KMS_DECRYPT_ACTIONS.filter(
      (action) =>
        everyKey(s, 'Allow', action) && !statements.some((other) => everyKey(other, 'Deny', action)),
    );
    if (actions.length === 0) return;
    const wording =
      s.NotAction !== undefined ? `NotAction ${JSON.stringify(s.NotAction)}` : JSON.stringify(s.Action);
    const on =
      s.NotResource !== undefined
        ? `NotResource ${JSON.stringify(s.NotResource)}`
        : JSON.stringify(s.Resource);
    found.push(`${label} (${wording} on ${on}, no condition) allows ${actions.join(' and ')} with every key`);
  });
  return found;
}

function isDocument(document: unknown): boolean {
  return typeof document === 'object' && document !== null && !Array.isArray(document);
}

function policyDocument(asset: EvalAsset): unknown {
  const c = asset.config as Config;
  return asset.type === 'aws_iam_policy' ? c.Document : c.PolicyDocument;
}

export class PolicyCatalog {
  private readonly managed = new Map<string, EvalAsset>();
  private readonly inlineByPrincipal = new Map<string, EvalAsset[]>();
  private readonly groupsByName = new Map<string, EvalAsset>();

  constructor(estate: Estate) {
    for (const policy of estate.allOfType('aws_iam_policy'))
      this.managed.set((policy.config as Config).Arn ?? policy.id, policy);
    for (const type of ['aws_iam_user_policy', 'aws_iam_group_policy', 'aws_iam_role_policy']) {
      for (const inline of estate.allOfType(type)) {
        const principal = (inline.config as Config).PrincipalArn;
        if (!principal) continue;
        const list = this.inlineByPrincipal.get(principal) ?? [];
        list.push(inline);
        this.inlineByPrincipal.set(principal, list);
      }
    }
    for (const group of estate.allOfType('aws_iam_group'))
      this.groupsByName.set(`${group.accountId}/${(group.config as Config).GroupName ?? group.name}`, group);
  }

  group(accountId: string, name: string): EvalAsset | undefined {
    return this.groupsByName.get(`${accountId}/${name}`);
  }

  /** Identity policies of one principal (user, group or role), excluding its groups. */
  policiesOf(asset: EvalAsset, missing: string[]): NamedPolicy[] {
    const c = asset.config as Config;
    const inlineList = c.UserPolicyList ?? c.GroupPolicyList ?? c.RolePolicyList ?? [];
    const policies: NamedPolicy[] = inlineList.map((p: Config) => ({
      name: `inline ${p.PolicyName}`,
      policy: p.PolicyDocument,
    }));
    const seenInline = new Set(policies.map((p) => p.name));
    for (const inline of this.inlineByPrincipal.get(c.Arn ?? asset.id) ?? []) {
      const name = `inline ${(inline.config as Config).PolicyName}`;
      if (!seenInline.has(name)) policies.push({ name, policy: policyDocument(inline) });
    }
    for (const attached of c.AttachedManagedPolicies ?? []) {
      const policy = this.managed.get(attached.PolicyArn);
      if (policy && isDocument(policyDocument(policy)))
        policies.push({ name: attached.PolicyName ?? policy.name, policy: policyDocument(policy) });
      else missing.push(`managed policy ${attached.PolicyArn} was not collected`);
    }
    for (const p of policies)
      if (!isDocument(p.policy)) missing.push(`the document of ${p.name} was not collected`);
    return policies.filter((p) => isDocument(p.policy));
  }

  /** The principal's permissions boundary; its ARN in `missing` when it names one that was not collected. */
  boundary(asset: EvalAsset, missing: string[] = []): NamedPolicy[] {
    const arn = (asset.config as Config).PermissionsBoundary?.PermissionsBoundaryArn;
    const policy = arn ? this.managed.get(arn) : undefined;
    if (policy && isDocument(policyDocument(policy)))
      return [{ name: `boundary ${policy.name}`, policy: policyDocument(policy) }];
    if (arn) missing.push(`permissions boundary ${arn} was not collected`);
    return [];
  }
}

function accountOf(principal: string): string | undefined {
  if (/^\d{12}$/.test(principal)) return principal;
  return /^arn:[^:]+:(?:iam|sts)::(\d{12}):/.exec(principal)?.[1];
}

/**
 * The statement only allows requests that carry an sts:ExternalId: the key sits under an operator that must match
 * (StringEquals, StringLike, ...), not a negated one, not ...IfExists (true when the key is absent) and not Null.
 */
function requiresExternalId(statement: Record<string, any>): boolean {
  return Object.entries(statement.Condition ?? {}).some(([operator, block]) => {
    const op = operator.toLowerCase();
    if (op.includes('not') || op.endsWith('ifexists') || op === 'null' || op.startsWith('forallvalues:'))
      return false;
    return Object.entries((block as Record<string, unknown>) ?? {}).some(
      ([key, values]) => key.toLowerCase() === 'sts:externalid' && asArray(values).length > 0,
    );
  });
}

export function assumableBy(role: EvalAsset): AssumableBy[] {
  const out: AssumableBy[] = [];
  for (const statement of statementsOf((role.config as Config).AssumeRolePolicyDocument)) {
    if (statement.Effect !== 'Allow') continue;
    const actions = asArray(statement.Action) as string[];
    if (!actions.some((a) => a === '*' || a === 'sts:*' || /^sts:AssumeRole/i.test(a))) continue;
    const keys = Object.values(statement.Condition ?? {}).flatMap((block) =>
      Object.keys((block as object) ?? {}).map((k) => k.toLowerCase()),
    );
    const restricted = keys.some((key) => restrictingConditionKeys.includes(key));
    const externalId = requiresExternalId(statement);
    const principal = statement.Principal === '*' ? { AWS: '*' } : (statement.Principal ?? {});
    for (const kind of ['AWS', 'Service', 'Federated'] as const) {
      for (const value of asArray(principal[kind]) as string[]) {
        const account = kind === 'AWS' ? accountOf(value) : undefined;
        out.push({
          principal: value,
          kind,
          crossAccount:
            kind === 'AWS' && (value === '*' || (account !== undefined && account !== role.accountId)),
          public: kind === 'AWS' && value === '*' && !restricted,
          externalId,
        });
      }
    }
  }
  return out;
}

export function lastActivityDays(report: Config | undefined, now: number): number | null {
  if (!report) return null;
  const times = ['password_last_used', 'access_key_1_last_used_date', 'access_key_2_last_used_date']
    .map((key) => toTime(report[key]))
    .filter((t): t is number => t !== undefined);
  if (times.length === 0) return null;
  return Math.floor((now - Math.max(...times)) / DAY_MS);
}

/**
 * What the simulator reads of a principal here: its account (same-account requests need no resource policy), its
 * kind (user, role, assumed role...), and its name only where the name matters: the aws:username passed when a
 * policy mentions it (requestContext), and whether it is named like the escalation probe (probeArn). The rest of
 * the ARN is only matched against resource-policy principals, and these simulations pass none; if they ever do,
 * key by the whole ARN.
 */
function simulatedPrincipal(principal: string, documents: NamedPolicy[]): unknown[] {
  const arn = /^arn:([^:]+):(iam|sts)::([^:]*):([^/]+)\//.exec(principal);
  return [
    arn ? `arn:${arn[1]}:${arn[2]}::${arn[3]}:${arn[4]}/*` : principal,
    requestContext(principal, documents),
    principal.split('/').pop() === PROBE_NAME,
  ];
}

/** Customer managed policies attached to a principal (AWS managed ones cannot be rewritten by anyone). */
function customerPolicyArns(asset: EvalAsset): string[] {
  return ((asset.config as Config).AttachedManagedPolicies ?? [])
    .map((attached: Config) => attached.PolicyArn)
    .filter(
      (arn: unknown): arn is string => typeof arn === 'string' && !/^arn:[^:]+:iam::aws:policy\//.test(arn),
    );
}

export async function analyseIam(estate: Estate, options: { now: Date }): Promise<Map<string, IamFacts>> {
  const facts = new Map<string, IamFacts>();
  const catalog = new PolicyCatalog(estate);
  const now = options.now.getTime();
  // Many principals share the same policies (same groups): each distinct simulation runs once. The key holds every
  // input of the simulation, the principal's part too, so one principal's verdict is never another's.
  const cache = new Map<string, Promise<string[] | undefined>>();
  const judge = (
    principal: string,
    accountId: string,
    policies: NamedPolicy[],
    boundaries: NamedPolicy[],
  ) => {
    const key = JSON.stringify([
      simulatedPrincipal(principal, [...policies, ...boundaries]),
      accountId,
      policies,
      boundaries,
    ]);
    let pending = cache.get(key);
    if (!pending) cache.set(key, (pending = adminEquivalence(principal, accountId, policies, boundaries)));
    return pending;
  };
  const record = async (
    asset: EvalAsset,
    policies: NamedPolicy[],
    missing: string[],
    parts: EvalAsset[],
    extra: IamFacts = {},
  ) => {
    const boundaryMissing: string[] = [];
    const principal = (asset.config as Config).Arn ?? asset.id;
    const boundaries = catalog.boundary(asset, boundaryMissing);
    const own = [principal, ...parts.flatMap((part) => [(part.config as Config).Arn ?? part.id])];
    for (const holder of [asset, ...parts]) own.push(...customerPolicyArns(holder));
    const evidence =
      (await judge(principal, asset.accountId, policies, boundaries)) ??
      (await selfEscalation(principal, asset.accountId, own, policies, boundaries));
    // Not admin from what was read says nothing while a policy it holds is missing; admin through what was read
    // says nothing while the boundary that could take it away is missing.
    const undecided = evidence === undefined ? missing : boundaryMissing;
    const unknown = { ...extra.unknown };
    if (undecided.length) unknown.adminAccess = undecided.join('; ');
    facts.set(asset.id, {
      ...extra,
      ...(Object.keys(unknown).length ? { unknown } : {}),
      adminAccess: evidence !== undefined,
      adminEvidence: evidence ?? [
        policies.length
          ? `effective permissions (${policies.map((p) => p.name).join(', ')}) are not administrator-equivalent`
          : 'no identity policies',
        ...missing,
      ],
    });
  };

  for (const user of estate.allOfType('aws_iam_user')) {
    const c = user.config as Config;
    const missing: string[] = [];
    const own = catalog.policiesOf(user, missing);
    const groupNames = new Set<string>(c.GroupList ?? []);
    for (const group of estate.related(user.id, 'MEMBER_OF', 'out', 'aws_iam_group'))
      groupNames.add((group.config as Config).GroupName ?? group.name);
    const inherited: NamedPolicy[] = [];
    const groups: EvalAsset[] = [];
    for (const name of groupNames) {
      const group = catalog.group(user.accountId, name);
      if (group) {
        groups.push(group);
        inherited.push(
          ...catalog
            .policiesOf(group, missing)
            .map((p) => ({ name: `${p.name} (group ${name})`, policy: p.policy })),
        );
      } else missing.push(`group ${name} was not collected`);
    }
    await record(user, [...own, ...inherited], missing, groups, {
      hasAttachedPolicies: own.length > 0 || (c.AttachedManagedPolicies ?? []).length > 0,
      lastActivityDays: lastActivityDays(c.CredentialReport, now),
    });
  }
  for (const group of estate.allOfType('aws_iam_group')) {
    const missing: string[] = [];
    await record(group, catalog.policiesOf(group, missing), missing, []);
  }
  for (const role of estate.allOfType('aws_iam_role')) {
    const missing: string[] = [];
    const trust = (role.config as Config).AssumeRolePolicyDocument;
    await record(role, catalog.policiesOf(role, missing), missing, [], {
      assumableBy: assumableBy(role),
      ...(isDocument(trust)
        ? {}
        : { unknown: { assumableBy: `the trust policy of role ${role.name} was not collected` } }),
    });
  }
  for (const type of [
    'aws_iam_policy',
    'aws_iam_user_policy',
    'aws_iam_group_policy',
    'aws_iam_role_policy',
  ]) {
    for (const policy of estate.allOfType(type)) {
      const document = policyDocument(policy);
      if (!isDocument(document)) {
        // GetAccountAuthorizationDetails named the policy without its default version's document.
        const reason = `the document of policy ${policy.name} was not collected`;
        facts.set(policy.id, {
          unknown: { adminAccess: reason, fullAdminStatement: reason, unrestrictedKmsDecrypt: reason },
        });
        continue;
      }
      const policies =
        document && typeof document === 'object' ? [{ name: policy.name, policy: document }] : [];
      const partition = /^arn:([^:]+):/.exec(policy.id)?.[1] ?? 'aws';
      // Judged as held by a made-up user: a grant on the holder's own user (`user/${aws:username}`) or on this
      // policy itself counts for whoever holds it.
      const holder = `arn:${partition}:iam::${policy.accountId}:user/policy-probe`;
      const own = [
        holder,
        ...(type === 'aws_iam_policy' ? [(policy.config as Config).Arn ?? policy.id] : []),
      ];
      const evidence =
        (await judge(holder, policy.accountId, policies, [])) ??
        (await selfEscalation(
          holder,
          policy.accountId,
          own,
          policies,
          [],
          'standing for any user holding the policy',
        ));
      const full = fullAdminStatement(document);
      const kmsEvidence = unrestrictedKmsDecrypt(document, partition, policy.accountId);
      facts.set(policy.id, {
        adminAccess: evidence !== undefined,
        adminEvidence: evidence ?? [`policy ${policy.name} is not administrator-equivalent`],
        fullAdminStatement: full,
        unrestrictedKmsDecrypt: kmsEvidence.length > 0,
        unrestrictedKmsEvidence: kmsEvidence.length
          ? kmsEvidence
          : [
              `no statement of ${policy.name} allows kms:Decrypt or kms:ReEncryptFrom on every key without a condition`,
            ],
      });
    }
  }
  for (const root of estate.allOfType('aws_iam_root_user')) {
    facts.set(root.id, { lastActivityDays: lastActivityDays((root.config as Config).CredentialReport, now) });
  }
  return facts;
}
