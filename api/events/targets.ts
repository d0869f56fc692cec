// Which collector unit a change touches, and which resources it names. The collector reads a module in a region as
// one unit (there is no per-resource read), so the re-read is that unit; the resource names are for the log line
// and the test, so a reader sees why a unit was read again.
import type { CloudTrailChange } from './envelope';

/** CloudTrail eventSource -> collector module service. Sources not listed are ignored (counted). */
export const SERVICE_BY_EVENT_SOURCE: Record<string, string> = {
  's3.amazonaws.com': 's3',
  'ec2.amazonaws.com': 'ec2',
  'iam.amazonaws.com': 'iam',
  'rds.amazonaws.com': 'rds',
  'lambda.amazonaws.com': 'lambda',
  'kms.amazonaws.com': 'kms',
  'sns.amazonaws.com': 'sns',
  'sqs.amazonaws.com': 'sqs',
  'cloudtrail.amazonaws.com': 'cloudtrail',
  'elasticloadbalancing.amazonaws.com': 'elb',
  'eks.amazonaws.com': 'eks',
  'ecs.amazonaws.com': 'ecs',
  'ecr.amazonaws.com': 'ecr',
  'elasticfilesystem.amazonaws.com': 'efs',
  'logs.amazonaws.com': 'logs',
  'monitoring.amazonaws.com': 'cloudwatch',
  'config.amazonaws.com': 'config',
  'guardduty.amazonaws.com': 'guardduty',
  'securityhub.amazonaws.com': 'securityhub',
  'secretsmanager.amazonaws.com': 'secretsmanager',
  'apigateway.amazonaws.com': 'apigateway',
  'access-analyzer.amazonaws.com': 'accessanalyzer',
  'events.amazonaws.com': 'eventbridge',
  'states.amazonaws.com': 'stepfunctions',
  'kinesis.amazonaws.com': 'kinesis',
  'sagemaker.amazonaws.com': 'sagemaker',
};

export interface ChangeTarget {
  /** Collector module service to read again. */
  service: string;
  /** Region the call was made in (the unit's region for regional modules; global modules ignore it). */
  region: string;
  /** Resource names/ids the call names (bucket, security group, role, ...); empty when not recognised. */
  resources: string[];
}

const S3_BUCKET_CALLS = new Set([
  'PutBucketPolicy',
  'DeleteBucketPolicy',
  'PutBucketAcl',
  'PutPublicAccessBlock',
  'DeletePublicAccessBlock',
  'PutBucketEncryption',
  'DeleteBucketEncryption',
  'PutBucketVersioning',
  'PutBucketLogging',
  'PutBucketOwnershipControls',
  'CreateBucket',
  'DeleteBucket',
]);

const SECURITY_GROUP_CALLS = new Set([
  'AuthorizeSecurityGroupIngress',
  'AuthorizeSecurityGroupEgress',
  'RevokeSecurityGroupIngress',
  'RevokeSecurityGroupEgress',
  'ModifySecurityGroupRules',
  'UpdateSecurityGroupRuleDescriptionsIngress',
  'DeleteSecurityGroup',
]);

// IAM request parameters that name the changed principal or policy.
const IAM_NAME_PARAMETERS = ['roleName', 'userName', 'groupName', 'policyArn', 'policyName'];

function strings(...values: unknown[]): string[] {
  return values.filter((value): value is string => typeof value === 'string' && value !== '');
}

function namedResources(change: CloudTrailChange, service: string): string[] {
  const parameters = change.requestParameters;
  if (service === 's3' && S3_BUCKET_CALLS.has(change.eventName)) return strings(parameters.bucketName);
  if (service === 'ec2' && SECURITY_GROUP_CALLS.has(change.eventName)) {
    // ModifySecurityGroupRules carries the group as groupId too (ModifySecurityGroupRulesRequest.GroupId).
    return strings(parameters.groupId, parameters.groupName);
  }
  if (service === 'iam') return strings(...IAM_NAME_PARAMETERS.map((name) => parameters[name]));
  return change.resourceArns;
}

/** The unit to read again for this change, or null when Cloudward does not read that service. */
export function changeTarget(change: CloudTrailChange): ChangeTarget | null {
  const service = SERVICE_BY_EVENT_SOURCE[change.eventSource];
  if (!service) return null;
  return { service, region: change.region, resources: namedResources(change, service) };
}
