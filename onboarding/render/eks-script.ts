// The EKS access entries as an AWS CLI script (seed 000's manual path), equivalent to the Terraform resources.
import { eksClusterTargets } from '../options';
import { roleArnFor, type OnboardingPlan } from '../plan';
import { eksViewPolicyArn } from '../stack';

export function hasEksAccess(plan: OnboardingPlan): boolean {
  return plan.eksAll || plan.eksClusters.length > 0;
}

export function renderEksScript(plan: OnboardingPlan): string {
  const lines = [
    '#!/usr/bin/env bash',
    '# Gives the Cloudward role read-only Kubernetes access (AmazonEKSViewPolicy, cluster scope) through EKS',
    '# access entries. Clusters must use the authentication mode API or API_AND_CONFIG_MAP.',
    '# Run it with credentials of the account that owns the clusters; it is safe to run again.',
    'set -euo pipefail',
    '',
    `ROLE_ARN="\${ROLE_ARN:-${roleArnFor(plan)}}"`,
    `POLICY_ARN="${eksViewPolicyArn(plan.partition)}"`,
    '',
    'grant() {',
    '  local region="$1" cluster="$2"',
    '  echo "Configuring access for cluster: $cluster ($region)"',
    '  if ! aws eks describe-access-entry --region "$region" --cluster-name "$cluster" \\',
    '    --principal-arn "$ROLE_ARN" >/dev/null 2>&1; then',
    '    aws eks create-access-entry --region "$region" --cluster-name "$cluster" \\',
    '      --principal-arn "$ROLE_ARN" --type STANDARD',
    '  fi',
    '  aws eks associate-access-policy --region "$region" --cluster-name "$cluster" \\',
    '    --principal-arn "$ROLE_ARN" --policy-arn "$POLICY_ARN" --access-scope type=cluster',
    '}',
    '',
  ];
  if (plan.eksAll) {
    lines.push(
      `for REGION in ${plan.regions.join(' ')}; do`,
      `  for CLUSTER in $(aws eks list-clusters --region "$REGION" --query 'clusters[*]' --output text); do`,
      '    grant "$REGION" "$CLUSTER"',
      '  done',
      'done',
    );
  } else {
    for (const { region, name } of eksClusterTargets(plan)) lines.push(`grant ${region} ${name}`);
  }
  lines.push('');
  return lines.join('\n');
}
