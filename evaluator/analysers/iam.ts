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
/**
 * Any one of these on every resource makes a principal an administrator in effect (privilege escalation): it can
 * grant itself any permission, or take over principals that have them (the single-permission paths of the
 * well-known IAM escalation catalogues).
 */
const ESCALATION: Record<string, string> = {
  'iam:CreatePolicyVersion': 'can grant any permission',
  'iam:SetDefaultPolicyVersion': 'can grant any permission',
  'iam:AttachUserPolicy': 'can grant any permission',
  'iam:AttachGroupPolicy': 'can grant any permission',
  'iam:AttachRolePolicy': 'can grant any permission',
  'iam:PutUserPolicy': 'can grant any permission',
  'iam:PutGroupPolicy': 'can grant any permission',
  'iam:PutRolePolicy': 'can grant any permission',
  'iam:AddUserToGroup': "can join any group, administrators' included",
  'iam:CreateAccessKey': "can create access keys for any user, administrators' included",
  'iam:CreateLoginProfile': 'can set a console password for any user without one',
  'iam:UpdateLoginProfile': "can change any user's console password",
  'iam:UpdateAssumeRolePolicy': 'can make any role trust it, administrator roles included',
};

export interface NamedPolicy {
  name: string;
  policy: unknown;
}

async function allowedOnEverything(
  principal: string,
  accountId: string,
  action: string,
  policies: NamedPolicy[],
  boundaries: NamedPolicy[],
): Promise<boolean> {
  try {
    const result = await runSimulation(
      {
        request: { principal, action, resource: { resource: '*', accountId }, contextVariables: {} },
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
  return staticallyAllowed(policies, action);
}

/** An unconditional Allow naming the action on `*`, and no Deny naming it. */
function staticallyAllowed(policies: NamedPolicy[], action: string): boolean {
  const statements = policies.flatMap((policy) => statementsOf(policy.policy));
  const names = (s: Record<string, unknown>) =>
    asArray(s.Action).some((pattern) => typeof pattern === 'string' && actionPattern(pattern).test(action));
  if (statements.some((s) => s.Effect === 'Deny' && names(s))) return false;
  return statements.some(
    (s) => s.Effect === 'Allow' && !s.Condition && names(s) && asArray(s.Resource).includes('*'),
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
    if (!(await allowedOnEverything(principal, accountId, action, policies, boundaries))) {
      broad = false;
      break;
    }
  }
  if (broad)
    return [
      `effective permissions (${names}) allow every sampled action (${BROAD_SAMPLE.length} services) on every resource`,
    ];
  for (const [action, consequence] of Object.entries(ESCALATION)) {
    if (
      mayAllow(policies, action) &&
      (await allowedOnEverything(principal, accountId, action, policies, boundaries))
    ) {
      return [
        `effective permissions (${names}) allow ${action} on every resource, which ${consequence} (privilege escalation)`,
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
 * What the simulator reads of a principal here: its account (same-account requests need no resource policy) and
 * its kind (user, role, assumed role...). The rest of the ARN is only matched against resource-policy principals
 * and context keys, and these simulations pass neither; if they ever do, key by the whole ARN.
 */
function simulatedPrincipal(principal: string): string {
  const arn = /^arn:([^:]+):(iam|sts)::([^:]*):([^/]+)\//.exec(principal);
  return arn ? `arn:${arn[1]}:${arn[2]}::${arn[3]}:${arn[4]}/*` : principal;
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
    const key = JSON.stringify([simulatedPrincipal(principal), accountId, policies, boundaries]);
    let pending = cache.get(key);
    if (!pending) cache.set(key, (pending = adminEquivalence(principal, accountId, policies, boundaries)));
    return pending;
  };
  const record = async (
    asset: EvalAsset,
    policies: NamedPolicy[],
    missing: string[],
    extra: IamFacts = {},
  ) => {
    const boundaryMissing: string[] = [];
    const evidence = await judge(
      (asset.config as Config).Arn ?? asset.id,
      asset.accountId,
      policies,
      catalog.boundary(asset, boundaryMissing),
    );
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
    for (const name of groupNames) {
      const group = catalog.group(user.accountId, name);
      if (group)
        inherited.push(
          ...catalog
            .policiesOf(group, missing)
            .map((p) => ({ name: `${p.name} (group ${name})`, policy: p.policy })),
        );
      else missing.push(`group ${name} was not collected`);
    }
    await record(user, [...own, ...inherited], missing, {
      hasAttachedPolicies: own.length > 0 || (c.AttachedManagedPolicies ?? []).length > 0,
      lastActivityDays: lastActivityDays(c.CredentialReport, now),
    });
  }
  for (const group of estate.allOfType('aws_iam_group')) {
    const missing: string[] = [];
    await record(group, catalog.policiesOf(group, missing), missing);
  }
  for (const role of estate.allOfType('aws_iam_role')) {
    const missing: string[] = [];
    const trust = (role.config as Config).AssumeRolePolicyDocument;
    await record(role, catalog.policiesOf(role, missing), missing, {
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
      const evidence = await judge(
        `arn:${partition}:iam::${policy.accountId}:user/policy-probe`,
        policy.accountId,
        policies,
        [],
      );
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
