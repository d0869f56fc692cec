// Reads what each generated form actually grants, from the generated files themselves (synthesised Terraform
// JSON, CloudFormation YAML, manual JSON), resolving variables/parameters to their defaults. Tests compare
// these and feed them to the IAM simulator.
import { parse as parseYaml } from 'yaml';
import { runSimulation } from '@cloud-copilot/iam-simulate';
import type { PolicyDocument, PolicyStatement } from '../../onboarding/permissions';
import { securityAuditDocument } from '../../onboarding/permissions';

export interface RoleGrant {
  roleName: string;
  maxSessionDuration: number;
  trustPolicy: PolicyDocument;
  managedPolicyArns: string[];
  inlinePolicies: Record<string, PolicyDocument>;
}

type Json = Record<string, any>;

const asList = (value: unknown): string[] => (Array.isArray(value) ? value : [value]).map(String);

/** Normalises a policy so forms compare equal whatever their list/string spelling or key order. */
export function normalisePolicy(document: PolicyDocument): PolicyDocument {
  const statements = document.Statement.map((statement) => {
    const out: PolicyStatement = { Effect: statement.Effect };
    if (statement.Sid) out.Sid = statement.Sid;
    if (statement.Principal) {
      out.Principal = Object.fromEntries(
        Object.entries(statement.Principal).map(([k, v]) => [k, asList(v).sort()]),
      );
    }
    if (statement.Action !== undefined) out.Action = asList(statement.Action).sort();
    if (statement.NotAction !== undefined) out.NotAction = asList(statement.NotAction).sort();
    if (statement.Resource !== undefined) out.Resource = asList(statement.Resource).sort();
    if (statement.Condition) {
      out.Condition = Object.fromEntries(
        Object.entries(statement.Condition).map(([operator, keys]) => [
          operator,
          Object.fromEntries(Object.entries(keys).map(([key, values]) => [key, asList(values).sort()])),
        ]),
      );
    }
    return out;
  });
  statements.sort((a, b) => String(a.Sid).localeCompare(String(b.Sid)));
  return { Version: '2012-10-17', Statement: statements };
}

function terraformVariables(config: Json): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(config.variable ?? {}).map(([name, v]) => [name, (v as Json).default]),
  );
}

/** Replaces "${var.x}" with x's default (a whole-string reference may stand for a list). */
function resolveVariables(value: unknown, variables: Record<string, unknown>): unknown {
  if (typeof value === 'string') {
    const whole = /^\$\{var\.([a-z_]+)\}$/.exec(value);
    if (whole) return variables[whole[1]];
    return value;
  }
  if (Array.isArray(value)) return value.flatMap((item) => asArrayIfList(resolveVariables(item, variables)));
  return value;
}

const asArrayIfList = (value: unknown) => (Array.isArray(value) ? value : [value]);

/** An aws_iam_policy_document data source as the IAM JSON it renders. */
function policyFromDataSource(source: Json, variables: Record<string, unknown>): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: (source.statement as Json[]).map((statement) => {
      const out: PolicyStatement = { Effect: statement.effect ?? 'Allow' };
      if (statement.sid) out.Sid = statement.sid;
      if (statement.actions) out.Action = statement.actions;
      if (statement.not_actions) out.NotAction = statement.not_actions;
      if (statement.resources) out.Resource = statement.resources;
      if (statement.principals) {
        out.Principal = Object.fromEntries(
          (statement.principals as Json[]).map((p) => [p.type, p.identifiers]),
        );
      }
      if (statement.condition) {
        const condition: Record<string, Record<string, string[]>> = {};
        for (const c of statement.condition as Json[]) {
          condition[c.test] = {
            ...condition[c.test],
            [c.variable]: resolveVariables(c.values, variables) as string[],
          };
        }
        out.Condition = condition;
      }
      return out;
    }),
  };
}

/** Resolves "${data.aws_iam_policy_document.X.json}" or a literal JSON string to a policy. */
function terraformPolicy(value: string, config: Json, variables: Record<string, unknown>): PolicyDocument {
  const reference = /^\$\{data\.aws_iam_policy_document\.([^.]+)\.json\}$/.exec(value);
  if (reference) return policyFromDataSource(config.data.aws_iam_policy_document[reference[1]], variables);
  return JSON.parse(value) as PolicyDocument;
}

export function terraformGrant(cdkTfJson: string): RoleGrant {
  const config = JSON.parse(cdkTfJson) as Json;
  const variables = terraformVariables(config);
  const roles = Object.entries(config.resource.aws_iam_role as Json);
  if (roles.length !== 1) throw new Error(`expected one aws_iam_role, found ${roles.length}`);
  const [roleKey, role] = roles[0];
  const refersToRole = (value: string) => value.startsWith(`\${aws_iam_role.${roleKey}.`);
  const attachments = Object.values((config.resource.aws_iam_role_policy_attachment ?? {}) as Json).filter(
    (a) => refersToRole(a.role),
  );
  const inline = Object.values((config.resource.aws_iam_role_policy ?? {}) as Json).filter((p) =>
    refersToRole(p.role),
  );
  return {
    roleName: role.name,
    maxSessionDuration: role.max_session_duration,
    trustPolicy: terraformPolicy(role.assume_role_policy, config, variables),
    managedPolicyArns: attachments.map((a) => a.policy_arn).sort(),
    inlinePolicies: Object.fromEntries(
      inline.map((p) => [p.name, terraformPolicy(p.policy, config, variables)]),
    ),
  };
}

/** Replaces {Ref: Param} with the parameter's default (CommaDelimitedList -> list). */
function resolveRefs(value: unknown, parameters: Json): unknown {
  if (Array.isArray(value)) return value.map((item) => resolveRefs(item, parameters));
  if (value && typeof value === 'object') {
    const object = value as Json;
    if (Object.keys(object).length === 1 && typeof object.Ref === 'string') {
      const parameter = parameters[object.Ref];
      if (!parameter) throw new Error(`Ref to unknown parameter ${object.Ref}`);
      return parameter.Type === 'CommaDelimitedList'
        ? String(parameter.Default).split(',')
        : parameter.Default;
    }
    return Object.fromEntries(Object.entries(object).map(([k, v]) => [k, resolveRefs(v, parameters)]));
  }
  return value;
}

export function cloudFormationGrant(templateYaml: string): RoleGrant {
  const template = parseYaml(templateYaml) as Json;
  const roles = Object.values(template.Resources as Json).filter((r) => r.Type === 'AWS::IAM::Role');
  if (roles.length !== 1) throw new Error(`expected one AWS::IAM::Role, found ${roles.length}`);
  const properties = resolveRefs(roles[0].Properties, template.Parameters) as Json;
  return {
    roleName: properties.RoleName,
    maxSessionDuration: properties.MaxSessionDuration,
    trustPolicy: properties.AssumeRolePolicyDocument,
    managedPolicyArns: [...(properties.ManagedPolicyArns ?? [])].sort(),
    inlinePolicies: Object.fromEntries(
      ((properties.Policies ?? []) as Json[]).map((p) => [p.PolicyName, p.PolicyDocument as PolicyDocument]),
    ),
  };
}

/** The manual form: documents plus the role name, session length and policy names from the CLI commands. */
export function jsonGrant(files: Map<string, string>): RoleGrant {
  const steps = files.get('json/steps.md') ?? '';
  const createRole =
    /aws iam create-role --role-name (\S+) --assume-role-policy-document file:\/\/(\S+) --max-session-duration (\d+)/.exec(
      steps,
    );
  if (!createRole) throw new Error('steps.md has no create-role command');
  const read = (name: string) => JSON.parse(files.get(`json/${name}`) ?? 'null');
  const managed = [...steps.matchAll(/aws iam attach-role-policy --role-name \S+ --policy-arn (\S+)/g)].map(
    (m) => m[1],
  );
  const inline = [
    ...steps.matchAll(
      /aws iam put-role-policy --role-name \S+ --policy-name (\S+) --policy-document file:\/\/(\S+)/g,
    ),
  ];
  return {
    roleName: createRole[1],
    maxSessionDuration: Number(createRole[3]),
    trustPolicy: read(createRole[2]),
    managedPolicyArns: managed.sort(),
    inlinePolicies: Object.fromEntries(inline.map((m) => [m[1], read(m[2])])),
  };
}

export function normaliseGrant(grant: RoleGrant): RoleGrant {
  return {
    ...grant,
    trustPolicy: normalisePolicy(grant.trustPolicy),
    inlinePolicies: Object.fromEntries(
      Object.entries(grant.inlinePolicies).map(([name, doc]) => [name, normalisePolicy(doc)]),
    ),
  };
}

export const SIMULATED_ACCOUNT = '123456789012';

/**
 * Simulates a request by the role (SecurityAudit, as vendored, + the grant's inline policies). `resource` '*'
 * asks about every resource the action applies to.
 */
export async function simulate(
  grant: RoleGrant,
  request: { action: string; region: string; resource?: string },
): Promise<string> {
  const managed = grant.managedPolicyArns.map((arn) => {
    if (!arn.endsWith(':policy/SecurityAudit')) throw new Error(`no document vendored for ${arn}`);
    return { name: 'SecurityAudit', policy: securityAuditDocument() };
  });
  const inline = Object.entries(grant.inlinePolicies).map(([name, policy]) => ({ name, policy }));
  const result = await runSimulation(
    {
      identityPolicies: [...managed, ...inline],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy: undefined,
      request: {
        action: request.action,
        principal: `arn:aws:iam::${SIMULATED_ACCOUNT}:role/${grant.roleName}`,
        resource: { resource: request.resource ?? '*', accountId: SIMULATED_ACCOUNT },
        contextVariables: { 'aws:RequestedRegion': request.region },
      },
    } as unknown as Parameters<typeof runSimulation>[0],
    {},
  );
  if (result.resultType === 'error')
    throw new Error(
      `simulation of ${request.action} on ${request.resource ?? '*'} failed: ${result.errors.message}`,
    );
  if (result.resultType === 'wildcard') {
    // Strict: every resource pattern the simulator tried must be allowed.
    const verdicts = result.results.map((r) => r.analysis?.result);
    return verdicts.every((v) => v === 'Allowed')
      ? 'Allowed'
      : (verdicts.find((v) => v !== 'Allowed') ?? 'ImplicitlyDenied');
  }
  return result.overallResult;
}

/** IAM ARN glob: `*` any run of characters, `?` one character. */
function arnMatches(pattern: string, arn: string): boolean {
  const regex = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${regex}$`).test(arn);
}

/**
 * For requests the simulator cannot model (iam-data lists no resource type of `apigateway:GET` for API Gateway
 * V2 paths such as /apis/{id}/routes): allowed when an unconditional Allow statement names the action and a
 * matching resource, and no Deny statement names it.
 */
export function allowedByStatements(grant: RoleGrant, action: string, arn: string): boolean {
  const documents = [securityAuditDocument(), ...Object.values(grant.inlinePolicies)];
  const statements = documents.flatMap((document) => document.Statement);
  const names = (statement: PolicyStatement) =>
    asList(statement.Action ?? []).some((pattern) => arnMatches(pattern.toLowerCase(), action.toLowerCase()));
  if (statements.some((s) => s.Effect === 'Deny' && names(s))) return false;
  return statements.some(
    (s) =>
      s.Effect === 'Allow' &&
      !s.Condition &&
      names(s) &&
      asList(s.Resource ?? []).some((r) => arnMatches(r, arn)),
  );
}
