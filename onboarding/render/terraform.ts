// terraform/: the synthesised cdk.tf.json (Terraform JSON syntax; Terraform and OpenTofu both read it).
import { synthTerraform } from '../synth';
import type { OnboardingPlan } from '../plan';
import { regionsFile } from './documents';
import { hasEksAccess, renderEksScript } from './eks-script';

export function renderTerraform(plan: OnboardingPlan): Map<string, string> {
  const files = new Map<string, string>();
  files.set('terraform/cdk.tf.json', synthTerraform(plan));
  files.set('terraform/regions.json', regionsFile(plan));
  files.set('terraform/README.md', terraformReadme(plan));
  if (hasEksAccess(plan)) files.set('terraform/eks-access.sh', renderEksScript(plan));
  return files;
}

function terraformReadme(plan: OnboardingPlan): string {
  const eks = hasEksAccess(plan)
    ? [
        '',
        'EKS access entries (AmazonEKSViewPolicy, cluster scope) are part of this configuration. To grant them by',
        'hand instead, or for clusters created later, run `bash eks-access.sh`.',
      ]
    : [];
  const events = !plan.events
    ? []
    : plan.eventsTarget === 'https'
      ? [
          '',
          `Event mode (HTTPS push): in each region an EventBridge rule sends CloudTrail write calls to Cloudward`,
          'through an API destination; its connection holds a Cloudward token of the event-ingest role (Tokens page),',
          'which EventBridge keeps in Secrets Manager. Give it at apply time, never in a file:',
          '`export TF_VAR_cloudward_event_token=cw_...` before `terraform apply` (the variable is sensitive, so',
          'Terraform does not print it; like every secret argument it is still kept in the state file: protect it).',
        ]
      : [
          '',
          'Event mode: in each region an SQS queue receives CloudTrail write calls from an EventBridge rule; the role',
          'may read and delete messages of those queues only.',
        ];
  return [
    `# Cloudward read-only role for account ${plan.accountId} (Terraform / OpenTofu)`,
    '',
    `Creates the IAM role \`${plan.roleName}\` that Cloudward assumes with an external ID: AWS's SecurityAudit`,
    plan.permissions.customActions.length > 0
      ? 'policy plus a small custom read-only policy (exactly what the collector needs beyond SecurityAudit; no data access)'
      : 'policy (it covers everything the collector reads, so there is no custom policy)',
    `${plan.restrictRegions ? 'and a Deny for regional calls outside the chosen regions' : 'and nothing else'}.`,
    '',
    'Run it with credentials of the account to connect (for example `export AWS_PROFILE=...`):',
    '',
    '```sh',
    'terraform init',
    'terraform apply',
    '# or with OpenTofu',
    'tofu init',
    'tofu apply',
    '```',
    '',
    'Then create the account in Cloudward with the outputs:',
    '',
    '```sh',
    'terraform output role_arn',
    'terraform output external_id',
    'terraform output regions',
    '```',
    '',
    `Variables: \`external_id\` (default: the one Cloudward generated) and \`regions\` (default: ${plan.regions.join(', ')}).`,
    'Changing `external_id` here means changing it on the account in Cloudward too.',
    ...eks,
    ...events,
    '',
    '`cdk.tf.json` was synthesised with CDKTF; to regenerate it from source run `cdktf synth` at the root of the',
    'Cloudward repository with the CLOUDWARD_* variables set (see docs/onboarding.md).',
    '',
  ].join('\n');
}
