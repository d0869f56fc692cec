// The policy documents and region list every form carries, derived from one plan.
import { CUSTOM_POLICY_NAME, REGION_POLICY_NAME, type PolicyDocument } from '../permissions';
import { regionRestrictionDocument, trustPolicyDocument } from '../policies';
import { roleArnFor, type OnboardingPlan } from '../plan';
import { MAX_SESSION_SECONDS } from '../stack';

export interface InlinePolicy {
  name: string;
  document: PolicyDocument;
}

export interface OnboardingDocuments {
  roleName: string;
  roleArn: string;
  externalId: string;
  regions: string[];
  maxSessionDuration: number;
  trustPolicy: PolicyDocument;
  managedPolicies: string[];
  /** The custom read-only policy; null when SecurityAudit already covers every operation. */
  permissionsPolicy: PolicyDocument | null;
  /** The region restriction Deny; null unless restrictRegions. */
  regionRestrictionPolicy: PolicyDocument | null;
  inlinePolicies: InlinePolicy[];
}

export function onboardingDocuments(plan: OnboardingPlan): OnboardingDocuments {
  const permissionsPolicy = plan.permissions.customActions.length > 0 ? plan.permissions.customPolicy : null;
  const regionRestrictionPolicy = plan.restrictRegions ? regionRestrictionDocument(plan.regions) : null;
  const inlinePolicies: InlinePolicy[] = [];
  if (permissionsPolicy) inlinePolicies.push({ name: CUSTOM_POLICY_NAME, document: permissionsPolicy });
  if (regionRestrictionPolicy)
    inlinePolicies.push({ name: REGION_POLICY_NAME, document: regionRestrictionPolicy });
  return {
    roleName: plan.roleName,
    roleArn: roleArnFor(plan),
    externalId: plan.externalId,
    regions: [...plan.regions],
    maxSessionDuration: MAX_SESSION_SECONDS,
    trustPolicy: trustPolicyDocument(plan.trustedPrincipal, plan.externalId),
    managedPolicies: [...plan.permissions.managedPolicyArns],
    permissionsPolicy,
    regionRestrictionPolicy,
    inlinePolicies,
  };
}

export function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

export function regionsFile(plan: OnboardingPlan): string {
  return json({ regions: plan.regions, restrictRegions: plan.restrictRegions });
}
