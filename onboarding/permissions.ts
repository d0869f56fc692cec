// The role's permissions, computed from the collector's operation declarations: AWS's SecurityAudit policy plus
// one custom policy holding exactly the declared actions SecurityAudit does not already allow everywhere.
import { expandIamActions } from '@cloud-copilot/iam-expand';
import securityAudit from './security-audit-policy.json';
import { isDataAccessAction } from './data-access';
import type { CollectorOperation } from './options';

export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Principal?: Record<string, string | string[]>;
  Action?: string | string[];
  NotAction?: string | string[];
  // Absent in trust policies.
  Resource?: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: PolicyStatement[];
}

export const SECURITY_AUDIT_VERSION = securityAudit.VersionId;
export const CUSTOM_POLICY_NAME = 'CloudwardReadOnlyExtras';
export const REGION_POLICY_NAME = 'CloudwardRegionRestriction';

/**
 * Actions the custom policy grants only on some resources. `apigateway:GET` is API Gateway's single read action;
 * it also reads API key values (GET /apikeys), so it is limited to APIs, their children and domain names.
 */
export const RESOURCE_SCOPED_ACTIONS: Readonly<Record<string, readonly string[]>> = {
  'apigateway:get': [
    'arn:aws:apigateway:*::/restapis',
    'arn:aws:apigateway:*::/restapis/*',
    'arn:aws:apigateway:*::/apis',
    'arn:aws:apigateway:*::/apis/*',
    'arn:aws:apigateway:*::/domainnames',
    'arn:aws:apigateway:*::/domainnames/*',
    'arn:aws:apigateway:*::/tags/*',
  ],
};

export interface PermissionSet {
  /** AWS-managed policy ARNs to attach (SecurityAudit), for the trusted principal's partition. */
  managedPolicyArns: string[];
  /** Sorted, de-duplicated actions the custom policy grants. */
  customActions: string[];
  customPolicy: PolicyDocument;
  securityAuditVersion: string;
}

/** An operation needs an action Cloudward refuses to grant (data access or code execution). */
export class DataAccessActionError extends Error {
  constructor(readonly offenders: { api: string; action: string }[]) {
    super(
      `refusing to grant data-access actions: ${offenders.map((o) => `${o.action} (for ${o.api})`).join(', ')}`,
    );
    this.name = 'DataAccessActionError';
  }
}

const ACTION_FORMAT = /^[a-z0-9-]+:[A-Za-z0-9*]+$/;

let securityAuditActions: Promise<Set<string>> | undefined;

/** Lower-cased actions SecurityAudit allows on every resource without conditions (wildcards expanded). */
export function securityAuditUnconditionalActions(): Promise<Set<string>> {
  securityAuditActions ??= (async () => {
    const patterns = securityAudit.Document.Statement.filter(
      (statement) =>
        statement.Effect === 'Allow' && statement.Resource === '*' && !('Condition' in statement),
    ).flatMap((statement) => statement.Action);
    const expanded = await expandIamActions(patterns);
    return new Set(expanded.map((action) => action.toLowerCase()));
  })();
  return securityAuditActions;
}

export function securityAuditDocument(): PolicyDocument {
  return securityAudit.Document as PolicyDocument;
}

export async function buildPermissionSet(
  operations: CollectorOperation[],
  partition = 'aws',
): Promise<PermissionSet> {
  const offenders: { api: string; action: string }[] = [];
  const declared = new Map<string, string>(); // lower-case -> as declared (first spelling wins)
  for (const operation of operations) {
    for (const action of operation.actions) {
      if (!ACTION_FORMAT.test(action))
        throw new Error(`${operation.api} declares a malformed IAM action: ${action}`);
      // A wildcard declaration is checked through every action it expands to.
      const concrete = action.includes('*') ? await expandIamActions(action) : [action];
      if (concrete.some(isDataAccessAction)) offenders.push({ api: operation.api, action });
      if (!declared.has(action.toLowerCase())) declared.set(action.toLowerCase(), action);
    }
  }
  if (offenders.length > 0) throw new DataAccessActionError(offenders);

  const covered = await securityAuditUnconditionalActions();
  const customActions = [...declared]
    .filter(([lower]) => !covered.has(lower))
    .map(([, action]) => action)
    .sort((a, b) => a.localeCompare(b));

  return {
    managedPolicyArns: [`arn:${partition}:iam::aws:policy/SecurityAudit`],
    customActions,
    customPolicy: customPolicyDocument(customActions, partition),
    securityAuditVersion: SECURITY_AUDIT_VERSION,
  };
}

function customPolicyDocument(actions: string[], partition: string): PolicyDocument {
  const unscoped = actions.filter((action) => !RESOURCE_SCOPED_ACTIONS[action.toLowerCase()]);
  const statements: PolicyStatement[] = [];
  if (unscoped.length > 0) {
    statements.push({ Sid: 'CloudwardReadConfiguration', Effect: 'Allow', Action: unscoped, Resource: '*' });
  }
  for (const action of actions.filter((candidate) => RESOURCE_SCOPED_ACTIONS[candidate.toLowerCase()])) {
    const resources = RESOURCE_SCOPED_ACTIONS[action.toLowerCase()].map((arn) =>
      arn.replace(/^arn:aws:/, `arn:${partition}:`),
    );
    const sid = `CloudwardRead${action.split(':')[0].replace(/[^A-Za-z0-9]/g, '')}`;
    statements.push({ Sid: sid, Effect: 'Allow', Action: [action], Resource: resources });
  }
  return { Version: '2012-10-17', Statement: statements };
}
