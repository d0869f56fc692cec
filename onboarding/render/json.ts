// json/: the policy documents and the exact AWS CLI commands, for those who create the role by hand.
import type { OnboardingPlan } from '../plan';
import { json, onboardingDocuments, regionsFile, type OnboardingDocuments } from './documents';
import { hasEksAccess, renderEksScript } from './eks-script';
import { eventsManualCommands, eventsManualFiles } from './events';

const POLICY_FILES: Record<string, string> = {
  CloudwardReadOnlyExtras: 'permissions-policy.json',
  CloudwardRegionRestriction: 'region-restriction-policy.json',
};

export function renderJson(plan: OnboardingPlan): Map<string, string> {
  const documents = onboardingDocuments(plan);
  const files = new Map<string, string>();
  files.set('json/trust-policy.json', json(documents.trustPolicy));
  for (const policy of documents.inlinePolicies)
    files.set(`json/${POLICY_FILES[policy.name]}`, json(policy.document));
  files.set('json/managed-policies.json', json(documents.managedPolicies));
  files.set('json/regions.json', regionsFile(plan));
  files.set('json/steps.md', manualSteps(plan, documents));
  if (hasEksAccess(plan)) files.set('json/eks-access.sh', renderEksScript(plan));
  for (const [path, content] of eventsManualFiles(plan)) files.set(path, content);
  return files;
}

/** The AWS CLI commands, in order; also returned by the API's json format. */
export function manualCommands(documents: OnboardingDocuments): string[] {
  const role = documents.roleName;
  return [
    `aws iam create-role --role-name ${role} --assume-role-policy-document file://trust-policy.json ` +
      `--max-session-duration ${documents.maxSessionDuration} --description "Read-only access for Cloudward"`,
    ...documents.managedPolicies.map(
      (arn) => `aws iam attach-role-policy --role-name ${role} --policy-arn ${arn}`,
    ),
    ...documents.inlinePolicies.map(
      (policy) =>
        `aws iam put-role-policy --role-name ${role} --policy-name ${policy.name} ` +
        `--policy-document file://${POLICY_FILES[policy.name]}`,
    ),
    `aws iam get-role --role-name ${role} --query Role.Arn --output text`,
  ];
}

function manualSteps(plan: OnboardingPlan, documents: OnboardingDocuments): string {
  return [
    `# Create the Cloudward role by hand (account ${plan.accountId})`,
    '',
    'Run these commands in this folder with credentials of the account to connect:',
    '',
    '```sh',
    ...manualCommands(documents),
    '```',
    '',
    `- \`trust-policy.json\`: only \`${plan.trustedPrincipal}\` may assume the role, and only with the external ID.`,
    '- `SecurityAudit`: the AWS-managed read-only audit policy.',
    ...(documents.permissionsPolicy
      ? [
          '- `permissions-policy.json`: the read-only actions Cloudward needs beyond SecurityAudit (no data access).',
        ]
      : []),
    ...(documents.regionRestrictionPolicy
      ? ['- `region-restriction-policy.json`: denies regional calls outside the chosen regions.']
      : []),
    '',
    'Then create the account in Cloudward with:',
    '',
    `- Role ARN: \`${documents.roleArn}\``,
    `- External ID: \`${documents.externalId}\``,
    `- Regions: ${documents.regions.join(', ')}`,
    ...(hasEksAccess(plan) ? ['', 'EKS: run `bash eks-access.sh` to add the access entries.'] : []),
    ...(plan.events
      ? [
          '',
          '## Event mode (near real-time changes)',
          '',
          ...(plan.eventsTarget === 'https'
            ? [
                'HTTPS push: a role EventBridge assumes to call Cloudward only, then in every monitored region a',
                'connection holding a Cloudward event-ingest token (set `CLOUDWARD_EVENT_TOKEN` to one made on the',
                'Tokens page first; EventBridge keeps it in Secrets Manager), an API destination calling Cloudward,',
                'and the `cloudward-events` rule forwarding CloudTrail write calls to it:',
              ]
            : [
                'In every monitored region: an SQS queue (SSE-SQS) that only the `cloudward-events` rule may send to, the',
                'rule forwarding CloudTrail write calls, and the role allowed to receive/delete from these queues only:',
              ]),
          '',
          '```sh',
          ...eventsManualCommands(plan),
          '```',
        ]
      : []),
    '',
  ].join('\n');
}
