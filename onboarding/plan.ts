// An onboarding plan: validated options plus the permission set computed from the collector's operations.
// Every renderer takes a plan, so all forms are generated from the same data.
import { buildPermissionSet, type PermissionSet } from './permissions';
import {
  parseOnboardingInput,
  partitionOf,
  type CollectorOperation,
  type OnboardingOptions,
} from './options';

export interface OnboardingPlan extends OnboardingOptions {
  partition: string;
  permissions: PermissionSet;
}

/** Validates `input` (throws OnboardingInputError) and computes the permissions (throws DataAccessActionError). */
export async function prepareOnboarding(
  input: unknown,
  operations: CollectorOperation[],
): Promise<OnboardingPlan> {
  const options = parseOnboardingInput(input);
  const partition = partitionOf(options.trustedPrincipal);
  const permissions = await buildPermissionSet(operations, partition);
  return { ...options, partition, permissions };
}

export function roleArnFor(plan: Pick<OnboardingPlan, 'partition' | 'accountId' | 'roleName'>): string {
  return `arn:${plan.partition}:iam::${plan.accountId}:role/${plan.roleName}`;
}
