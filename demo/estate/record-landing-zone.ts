// Records the small estates of the organization's own accounts (Management, Security, Sandbox): no workloads, no
// VPC (landing-zone accounts delete the default ones), only the identity and account settings CIS looks at, the
// cross-account admin role AWS creates in member accounts, and AWS's empty answers for every other list call.
// Management and Security are kept well (root MFA, password policy, public access block, security contact);
// the Sandbox is not, so its account-level controls fail until it is suspended.
import type { ManagedPolicyDetail, RoleDetail } from '@aws-sdk/client-iam';
import type { Recording } from '../recording';
import { ANY_REGION } from '../recording';
import { DEMO_MANAGEMENT_ACCOUNT_ID, type DemoMember } from './organization';
import { daysAgo } from './profile';
import {
  IAM_HOME,
  policyDocument,
  recordCredentialReport,
  recordPasswordPolicy,
  reportDate,
  rootMfaDevice,
  rootReportRow,
  STRONG_PASSWORD_POLICY,
  trustPolicy,
} from './iam-answers';

/** Account-level S3 settings are read through this region. */
const HOME = 'us-east-1';

/** Regional list calls and what AWS answers when the region holds none of them. */
const EMPTY_REGIONAL: [client: string, operation: string, output: object][] = [
  ['EC2', 'DescribeVpcs', { Vpcs: [] }],
  ['EC2', 'DescribeSubnets', { Subnets: [] }],
  ['EC2', 'DescribeRouteTables', { RouteTables: [] }],
  ['EC2', 'DescribeInternetGateways', { InternetGateways: [] }],
  ['EC2', 'DescribeNatGateways', { NatGateways: [] }],
  ['EC2', 'DescribeNetworkAcls', { NetworkAcls: [] }],
  ['EC2', 'DescribeSecurityGroups', { SecurityGroups: [] }],
  ['EC2', 'DescribeNetworkInterfaces', { NetworkInterfaces: [] }],
  ['EC2', 'DescribeInstances', { Reservations: [] }],
  ['EC2', 'DescribeVolumes', { Volumes: [] }],
  ['EC2', 'DescribeSnapshots', { Snapshots: [] }],
  ['EC2', 'DescribeImages', { Images: [] }],
  ['EC2', 'DescribeAddresses', { Addresses: [] }],
  ['EC2', 'DescribeFlowLogs', { FlowLogs: [] }],
  ['EC2', 'DescribeVpcEndpoints', { VpcEndpoints: [] }],
  ['EC2', 'DescribeVpcPeeringConnections', { VpcPeeringConnections: [] }],
  ['ElasticLoadBalancingV2', 'DescribeLoadBalancers', { LoadBalancers: [] }],
  ['ElasticLoadBalancingV2', 'DescribeTargetGroups', { TargetGroups: [] }],
  ['ElasticLoadBalancing', 'DescribeLoadBalancers', { LoadBalancerDescriptions: [] }],
  ['RDS', 'DescribeDBInstances', { DBInstances: [] }],
  ['RDS', 'DescribeDBClusters', { DBClusters: [] }],
  ['RDS', 'DescribeDBSnapshots', { DBSnapshots: [] }],
  ['RDS', 'DescribeDBClusterSnapshots', { DBClusterSnapshots: [] }],
  ['Lambda', 'ListFunctions', { Functions: [] }],
  ['EKS', 'ListClusters', { clusters: [] }],
  ['ECR', 'DescribeRepositories', { repositories: [] }],
  ['ECS', 'ListClusters', { clusterArns: [] }],
  ['ECS', 'ListTaskDefinitionFamilies', { families: [] }],
  ['EFS', 'DescribeFileSystems', { FileSystems: [] }],
  ['KMS', 'ListKeys', { Keys: [], Truncated: false }],
  ['CloudTrail', 'DescribeTrails', { trailList: [] }],
  ['CloudWatchLogs', 'DescribeLogGroups', { logGroups: [] }],
  ['CloudWatchLogs', 'DescribeMetricFilters', { metricFilters: [] }],
  ['CloudWatch', 'DescribeAlarms', { MetricAlarms: [], CompositeAlarms: [] }],
  ['ConfigService', 'DescribeConfigurationRecorders', { ConfigurationRecorders: [] }],
  ['GuardDuty', 'ListDetectors', { DetectorIds: [] }],
  ['AccessAnalyzer', 'ListAnalyzers', { analyzers: [] }],
  ['APIGateway', 'GetRestApis', { items: [] }],
  ['ApiGatewayV2', 'GetApis', { Items: [] }],
  ['SNS', 'ListTopics', { Topics: [] }],
  ['SQS', 'ListQueues', {}],
  ['SecretsManager', 'ListSecrets', { SecretList: [] }],
  ['SSM', 'DescribeParameters', { Parameters: [] }],
  ['SSM', 'ListDocuments', { DocumentIdentifiers: [] }],
  ['DynamoDB', 'ListTables', { TableNames: [] }],
  ['ElastiCache', 'DescribeCacheClusters', { CacheClusters: [] }],
  ['ElastiCache', 'DescribeReplicationGroups', { ReplicationGroups: [] }],
  ['Redshift', 'DescribeClusters', { Clusters: [] }],
  ['OpenSearch', 'ListDomainNames', { DomainNames: [] }],
  ['Backup', 'ListBackupVaults', { BackupVaultList: [] }],
  ['Backup', 'ListBackupPlans', { BackupPlansList: [] }],
  ['ACM', 'ListCertificates', { CertificateSummaryList: [] }],
  ['EventBridge', 'ListEventBuses', { EventBuses: [] }],
  ['EventBridge', 'ListEndpoints', { Endpoints: [] }],
  ['SFN', 'ListStateMachines', { stateMachines: [] }],
  ['Kinesis', 'ListStreams', { StreamNames: [], StreamSummaries: [], HasMoreStreams: false }],
  ['SageMaker', 'ListNotebookInstances', { NotebookInstances: [] }],
  ['WAFV2', 'ListWebACLs', { WebACLs: [] }],
];

const EMPTY_GLOBAL: [client: string, operation: string, output: object][] = [
  ['S3', 'ListBuckets', { Buckets: [] }],
  ['CloudFront', 'ListDistributions', { DistributionList: { Items: [], Quantity: 0, IsTruncated: false } }],
  ['Route53', 'ListHostedZones', { HostedZones: [], IsTruncated: false }],
  ['IAM', 'ListServerCertificates', { ServerCertificateMetadataList: [], IsTruncated: false }],
];

export function recordLandingZoneAccount(
  recording: Recording,
  member: DemoMember,
  regions: string[],
  now: Date,
): void {
  const owner = member.awsAccountId;
  const kept = member.name !== 'Sandbox';
  const created = (days: number) => daysAgo(now, Math.min(days, member.joinedDaysAgo));
  const iso = (days: number) => reportDate(created(days));

  for (const region of regions) {
    for (const [client, operation, output] of EMPTY_REGIONAL)
      recording.output(client, operation, region, {}, output);
    recording.output(
      'EC2',
      'GetEbsEncryptionByDefault',
      region,
      {},
      { EbsEncryptionByDefault: kept, SseType: 'sse-ebs' },
    );
    // Inspector and Macie are off in these accounts (Macie says so with AccessDenied and this message).
    const off = { status: 'DISABLED' };
    recording.output(
      'Inspector2',
      'BatchGetAccountStatus',
      region,
      {},
      {
        accounts: [
          {
            accountId: owner,
            state: off,
            resourceState: { ec2: off, ecr: off, lambda: off, lambdaCode: off, codeRepository: off },
          },
        ],
        failedAccounts: [],
      },
    );
    recording.error(
      'Macie2',
      'GetMacieSession',
      region,
      {},
      { name: 'AccessDeniedException', status: 403, message: 'Macie is not enabled' },
    );
    recording.error(
      'SecurityHub',
      'DescribeHub',
      region,
      {},
      {
        name: 'InvalidAccessException',
        status: 401,
        message: `Account ${owner} is not subscribed to AWS Security Hub`,
      },
    );
  }
  for (const [client, operation, output] of EMPTY_GLOBAL)
    recording.output(client, operation, ANY_REGION, {}, output);

  // IAM: the role AWS creates in accounts the organization made (trusting the management account), and
  // Cloudward's own read-only role; no users.
  const administratorAccess: ManagedPolicyDetail = {
    PolicyName: 'AdministratorAccess',
    PolicyId: 'ANPAIWMBCKSKIEE64ZLYK',
    Arn: 'arn:aws:iam::aws:policy/AdministratorAccess',
    Path: '/',
    DefaultVersionId: 'v1',
    AttachmentCount: 1,
    IsAttachable: true,
    CreateDate: new Date('2015-02-06T18:39:46Z'),
    UpdateDate: new Date('2015-02-06T18:39:46Z'),
    PolicyVersionList: [
      {
        Document: policyDocument({ Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }),
        VersionId: 'v1',
        IsDefaultVersion: true,
        CreateDate: new Date('2015-02-06T18:39:46Z'),
      },
    ],
  };
  const roles: RoleDetail[] =
    owner === DEMO_MANAGEMENT_ACCOUNT_ID
      ? []
      : [
          {
            RoleName: 'OrganizationAccountAccessRole',
            RoleId: `AROA${owner}ORGACCESS`,
            Arn: `arn:aws:iam::${owner}:role/OrganizationAccountAccessRole`,
            Path: '/',
            CreateDate: created(member.joinedDaysAgo),
            AssumeRolePolicyDocument: trustPolicy({ AWS: `arn:aws:iam::${DEMO_MANAGEMENT_ACCOUNT_ID}:root` }),
            AttachedManagedPolicies: [
              { PolicyName: 'AdministratorAccess', PolicyArn: administratorAccess.Arn },
            ],
            RolePolicyList: [],
            InstanceProfileList: [],
            Tags: [],
          },
        ];
  recording.output(
    'IAM',
    'GetAccountAuthorizationDetails',
    IAM_HOME,
    {},
    {
      UserDetailList: [],
      GroupDetailList: [],
      RoleDetailList: roles,
      Policies: roles.length > 0 ? [administratorAccess] : [],
      IsTruncated: false,
    },
  );
  // The root user: MFA on and unused in Management and Security; the Sandbox's root has no MFA.
  const root = rootReportRow(owner, {
    created: iso(member.joinedDaysAgo),
    passwordLastUsed: iso(kept ? 300 : 20),
    mfa: kept,
  });
  recordCredentialReport(recording, [root], now);
  recording.output(
    'IAM',
    'ListVirtualMFADevices',
    IAM_HOME,
    { AssignmentStatus: 'Assigned' },
    {
      IsTruncated: false,
      VirtualMFADevices: kept
        ? [rootMfaDevice(owner, created(member.joinedDaysAgo - 5), created(member.joinedDaysAgo))]
        : [],
    },
  );
  recordPasswordPolicy(recording, owner, kept ? STRONG_PASSWORD_POLICY : undefined);
  recording.output(
    'IAM',
    'GetAccountSummary',
    IAM_HOME,
    {},
    {
      SummaryMap: {
        Users: 0,
        Groups: 0,
        Roles: roles.length,
        Policies: 0,
        AccountMFAEnabled: kept ? 1 : 0,
        AccountAccessKeysPresent: 0,
        AccountSigningCertificatesPresent: 0,
        MFADevices: kept ? 1 : 0,
        MFADevicesInUse: kept ? 1 : 0,
      },
    },
  );

  if (kept)
    recording.output(
      'S3Control',
      'GetPublicAccessBlock',
      HOME,
      { AccountId: owner },
      {
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          IgnorePublicAcls: true,
          BlockPublicPolicy: true,
          RestrictPublicBuckets: true,
        },
      },
    );
  else
    recording.error(
      'S3Control',
      'GetPublicAccessBlock',
      HOME,
      { AccountId: owner },
      {
        name: 'NoSuchPublicAccessBlockConfiguration',
        status: 404,
        message: 'The public access block configuration was not found',
      },
    );
}
