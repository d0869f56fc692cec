// AWS Security Finding Format (ASFF, SchemaVersion 2018-10-08): a JSON array of findings as Security Hub's
// BatchImportFindings takes them (`aws securityhub batch-import-findings --findings file://...`, at most 100
// per call). Every finding is imported under the account's own default product, in the finding's region (global
// resources: the first scanned region), since BatchImportFindings only accepts findings for the region it is
// called in. test/export/asff.test.ts validates the output against a schema of the documented required fields.
import type { ResultStatus, Severity } from '../../store/model';
import type { ScanFinding, ScanResult } from './model';

export const ASFF_SCHEMA_VERSION = '2018-10-08';

const SEVERITY_LABEL: Record<Severity, string> = {
  critical: 'CRITICAL',
  high: 'HIGH',
  medium: 'MEDIUM',
  low: 'LOW',
  info: 'INFORMATIONAL',
};
// Compliance.Status: NOT_AVAILABLE covers "could not be evaluated" and "not applicable" (AWS's own wording).
const COMPLIANCE_STATUS: Record<ResultStatus, string> = {
  pass: 'PASSED',
  fail: 'FAILED',
  not_applicable: 'NOT_AVAILABLE',
  error: 'NOT_AVAILABLE',
};

// Our resource types that have a documented ASFF resource type; the rest are `Other`, as AWS asks.
const RESOURCE_TYPE: Record<string, string> = {
  aws_apigateway_rest_api: 'AwsApiGatewayRestApi',
  aws_apigatewayv2_api: 'AwsApiGatewayV2Api',
  aws_cloudtrail_trail: 'AwsCloudTrailTrail',
  aws_cloudwatch_alarm: 'AwsCloudWatchAlarm',
  aws_ec2_elastic_ip: 'AwsEc2Eip',
  aws_ec2_instance: 'AwsEc2Instance',
  aws_ec2_network_acl: 'AwsEc2NetworkAcl',
  aws_ec2_network_interface: 'AwsEc2NetworkInterface',
  aws_ec2_route_table: 'AwsEc2RouteTable',
  aws_ec2_security_group: 'AwsEc2SecurityGroup',
  aws_ec2_subnet: 'AwsEc2Subnet',
  aws_ec2_volume: 'AwsEc2Volume',
  aws_ec2_vpc: 'AwsEc2Vpc',
  aws_ec2_vpc_peering_connection: 'AwsEc2VpcPeeringConnection',
  aws_ecr_repository: 'AwsEcrRepository',
  aws_ecr_image: 'AwsEcrContainerImage',
  aws_ecs_cluster: 'AwsEcsCluster',
  aws_ecs_service: 'AwsEcsService',
  aws_ecs_task_definition: 'AwsEcsTaskDefinition',
  aws_eks_cluster: 'AwsEksCluster',
  aws_elb_load_balancer: 'AwsElbLoadBalancer',
  aws_elbv2_load_balancer: 'AwsElbv2LoadBalancer',
  aws_iam_group: 'AwsIamGroup',
  aws_iam_policy: 'AwsIamPolicy',
  aws_iam_role: 'AwsIamRole',
  aws_iam_user: 'AwsIamUser',
  aws_kms_key: 'AwsKmsKey',
  aws_lambda_function: 'AwsLambdaFunction',
  aws_rds_db_cluster: 'AwsRdsDbCluster',
  aws_rds_db_cluster_snapshot: 'AwsRdsDbClusterSnapshot',
  aws_rds_db_instance: 'AwsRdsDbInstance',
  aws_rds_db_snapshot: 'AwsRdsDbSnapshot',
  aws_s3_bucket: 'AwsS3Bucket',
  aws_s3_account_public_access_block: 'AwsS3AccountPublicAccessBlock',
  aws_sns_topic: 'AwsSnsTopic',
  aws_sqs_queue: 'AwsSqsQueue',
  aws_secretsmanager_secret: 'AwsSecretsManagerSecret',
  aws_dynamodb_table: 'AwsDynamoDbTable',
  // Account-wide settings are reported on the account, as Security Hub's own controls do.
  aws_iam_root_user: 'AwsAccount',
  aws_iam_account_summary: 'AwsAccount',
  aws_iam_password_policy: 'AwsAccount',
  aws_ec2_ebs_default_encryption: 'AwsAccount',
};

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function partitionOf(arn: string): string {
  const partition = arn.startsWith('arn:') ? arn.split(':')[1] : '';
  return ['aws', 'aws-cn', 'aws-us-gov'].includes(partition) ? partition : 'aws';
}

export function toAsff(finding: ScanFinding, result: ScanResult): Record<string, unknown> {
  const account = finding.accountId;
  const global = finding.region === 'global';
  const region = global ? (result.summary.regions[0] ?? 'us-east-1') : finding.region;
  const partition = partitionOf(finding.resourceArn);
  const time = result.summary.finishedAt;
  const mapped = finding.requirements.length > 0;
  const failing = finding.status === 'fail';
  const recommendation = [...(finding.remediation?.console ?? []), finding.remediation?.cli]
    .filter(Boolean)
    .join('\n');
  const url = finding.references.find((reference) => /^https?:\/\//.test(reference));
  return {
    SchemaVersion: ASFF_SCHEMA_VERSION,
    Id: `cloudward/${region}/${finding.controlId}/${finding.fingerprint}`,
    ProductArn: `arn:${partition}:securityhub:${region}:${account}:product/${account}/default`,
    GeneratorId: `cloudward/${finding.controlId}`,
    AwsAccountId: account,
    Types: [
      mapped
        ? 'Software and Configuration Checks/Industry and Regulatory Standards'
        : 'Software and Configuration Checks/AWS Security Best Practices',
    ],
    CreatedAt: time,
    UpdatedAt: time,
    // A passing check is informational, as Security Hub's own controls report it.
    Severity: { Label: failing ? SEVERITY_LABEL[finding.severity] : 'INFORMATIONAL' },
    Title: clip(finding.title, 256),
    Description: clip(finding.reason || finding.title, 1024),
    ...(recommendation || url
      ? {
          Remediation: {
            Recommendation: {
              ...(recommendation ? { Text: clip(recommendation, 512) } : {}),
              ...(url ? { Url: url } : {}),
            },
          },
        }
      : {}),
    ProductFields: {
      'cloudward/ControlId': finding.controlId,
      'cloudward/Fingerprint': finding.fingerprint,
      'cloudward/Status': finding.status,
    },
    Resources: [
      {
        Type: RESOURCE_TYPE[finding.resourceType] ?? 'Other',
        Id: finding.resourceArn,
        Partition: partition,
        ...(global ? {} : { Region: finding.region }),
      },
    ],
    Compliance: {
      Status: COMPLIANCE_STATUS[finding.status],
      // ASFF allows at most 32 related requirements.
      ...(mapped
        ? {
            RelatedRequirements: finding.requirements
              .slice(0, 32)
              .map((ref) => `${ref.framework} ${ref.requirement}`),
          }
        : {}),
    },
    ...(finding.suppressed ? { Workflow: { Status: 'SUPPRESSED' } } : {}),
    RecordState: 'ACTIVE',
  };
}

export function renderAsff(result: ScanResult): string {
  return JSON.stringify(
    Array.from(result.findings, (finding) => toAsff(finding, result)),
    null,
    2,
  );
}
