// The resource type an asset id names (collector/CATALOG.md's id formats), for ids the estate holds no asset for: a
// relationship may point at a bucket, key or log group that was never collected (another account's, or a list call
// that failed), and a `related` condition must know whether that missing asset is one it would have judged.

const EC2_KINDS: Record<string, string> = {
  instance: 'aws_ec2_instance',
  volume: 'aws_ec2_volume',
  snapshot: 'aws_ec2_snapshot',
  image: 'aws_ec2_image',
  'security-group': 'aws_ec2_security_group',
  vpc: 'aws_ec2_vpc',
  subnet: 'aws_ec2_subnet',
  'route-table': 'aws_ec2_route_table',
  'internet-gateway': 'aws_ec2_internet_gateway',
  natgateway: 'aws_ec2_nat_gateway',
  'network-acl': 'aws_ec2_network_acl',
  'network-interface': 'aws_ec2_network_interface',
  'elastic-ip': 'aws_ec2_elastic_ip',
  'vpc-flow-log': 'aws_ec2_flow_log',
  'vpc-endpoint': 'aws_ec2_vpc_endpoint',
  'vpc-peering-connection': 'aws_ec2_vpc_peering_connection',
};

const IAM_KINDS: Record<string, string> = {
  user: 'aws_iam_user',
  group: 'aws_iam_group',
  role: 'aws_iam_role',
  policy: 'aws_iam_policy',
  'instance-profile': 'aws_iam_instance_profile',
  'server-certificate': 'aws_iam_server_certificate',
};

const RDS_KINDS: Record<string, string> = {
  db: 'aws_rds_db_instance',
  cluster: 'aws_rds_db_cluster',
  snapshot: 'aws_rds_db_snapshot',
  'cluster-snapshot': 'aws_rds_db_cluster_snapshot',
};

/** The type of the asset `id` names, when its ARN says so unambiguously; undefined otherwise. */
export function resourceTypeOfId(id: string): string | undefined {
  const match = /^arn:[^:]+:([^:]+):([^:]*):([^:]*):(.+)$/.exec(id);
  if (!match) return undefined;
  const [, service, , , resource] = match;
  const kind = resource.split(/[/:]/)[0];
  switch (service) {
    case 'ec2':
      return EC2_KINDS[kind];
    case 'iam':
      return IAM_KINDS[kind];
    case 's3':
      // arn:aws:s3:::bucket (no account, no path); the account block's synthetic id has a colon.
      return /^[^/:]+$/.test(resource) ? 'aws_s3_bucket' : undefined;
    case 'kms':
      return kind === 'key' ? 'aws_kms_key' : undefined;
    case 'logs':
      return kind === 'log-group'
        ? 'aws_logs_log_group'
        : kind === 'metric-filter'
          ? 'aws_logs_metric_filter'
          : undefined;
    case 'sns':
      return resource.includes(':') ? undefined : 'aws_sns_topic';
    case 'cloudwatch':
      return kind === 'alarm' ? 'aws_cloudwatch_alarm' : undefined;
    case 'cloudtrail':
      return kind === 'trail' ? 'aws_cloudtrail_trail' : undefined;
    case 'lambda':
      return kind === 'function' ? 'aws_lambda_function' : undefined;
    case 'rds':
      return RDS_KINDS[kind];
    case 'apigateway':
      if (/^\/restapis\/[^/]+$/.test(resource)) return 'aws_apigateway_rest_api';
      return /^\/apis\/[^/]+$/.test(resource) ? 'aws_apigatewayv2_api' : undefined;
    case 'elasticloadbalancing':
      if (kind === 'targetgroup') return 'aws_elbv2_target_group';
      if (kind !== 'loadbalancer') return undefined;
      return /^loadbalancer\/(app|net|gwy)\//.test(resource)
        ? 'aws_elbv2_load_balancer'
        : 'aws_elb_load_balancer';
    default:
      return undefined;
  }
}
