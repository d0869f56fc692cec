// The asset types a control may target: mirrors collector/CATALOG.md (change both together).
// Global types live in region `global`; every other type is regional.

export const globalResourceTypes = [
  'aws_account',
  'aws_iam_user',
  'aws_iam_root_user',
  'aws_iam_group',
  'aws_iam_role',
  'aws_iam_policy',
  'aws_iam_user_policy',
  'aws_iam_group_policy',
  'aws_iam_role_policy',
  'aws_iam_instance_profile',
  'aws_iam_server_certificate',
  'aws_iam_password_policy',
  'aws_iam_account_summary',
  'aws_s3_bucket',
  'aws_s3_account_public_access_block',
  'aws_cloudfront_distribution',
  'aws_route53_hosted_zone',
  'aws_organizations_organization',
  'aws_organizations_account',
] as const;

export const regionalResourceTypes = [
  'aws_account_region',
  'aws_ec2_instance',
  'aws_ec2_volume',
  'aws_ec2_snapshot',
  'aws_ec2_image',
  'aws_ec2_security_group',
  'aws_ec2_vpc',
  'aws_ec2_subnet',
  'aws_ec2_route_table',
  'aws_ec2_internet_gateway',
  'aws_ec2_nat_gateway',
  'aws_ec2_network_acl',
  'aws_ec2_network_interface',
  'aws_ec2_elastic_ip',
  'aws_ec2_flow_log',
  'aws_ec2_vpc_endpoint',
  'aws_ec2_vpc_peering_connection',
  'aws_ec2_ebs_default_encryption',
  'aws_elbv2_load_balancer',
  'aws_elbv2_target_group',
  'aws_elb_load_balancer',
  'aws_cloudtrail_trail',
  'aws_config_recorder',
  'aws_kms_key',
  'aws_logs_log_group',
  'aws_logs_metric_filter',
  'aws_cloudwatch_alarm',
  'aws_sns_topic',
  'aws_accessanalyzer_analyzer',
  'aws_guardduty_detector',
  'aws_securityhub_hub',
  'aws_lambda_function',
  'aws_apigateway_rest_api',
  'aws_apigatewayv2_api',
  'aws_eks_cluster',
  'aws_ecr_repository',
  'aws_ecr_image',
  'aws_ecs_cluster',
  'aws_ecs_service',
  'aws_ecs_task_definition',
  'aws_rds_db_instance',
  'aws_rds_db_cluster',
  'aws_rds_db_snapshot',
  'aws_rds_db_cluster_snapshot',
  'aws_efs_file_system',
  'aws_dynamodb_table',
  'aws_acm_certificate',
  'aws_sqs_queue',
  'aws_secretsmanager_secret',
] as const;

export const knownResourceTypes: readonly string[] = [...globalResourceTypes, ...regionalResourceTypes];

const globalSet = new Set<string>(globalResourceTypes);

export function isGlobalResourceType(type: string): boolean {
  return globalSet.has(type);
}
