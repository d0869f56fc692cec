// Records the monitoring and key services of one demo region: KMS, CloudTrail, CloudWatch Logs (log groups and
// CIS metric filters), CloudWatch alarms, SNS and AWS Config, with their tags. Production's trail feeds a log group with six of
// the CIS section 5 filters, alarmed to a subscribed topic; Staging has a single-region trail that is stopped.
import type { KeyMetadata } from '@aws-sdk/client-kms';
import type { Trail } from '@aws-sdk/client-cloudtrail';
import type { LogGroup, MetricFilter } from '@aws-sdk/client-cloudwatch-logs';
import type { MetricAlarm } from '@aws-sdk/client-cloudwatch';
import type { Recording } from '../recording';
import { type EstateContext, daysAgo, stableHex } from './profile';

/** The CIS AWS Foundations section 5 metric filters Production has (pattern text as CIS publishes it). */
export const PRODUCTION_CIS_FILTERS: Record<string, string> = {
  unauthorized_api_calls: '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }',
  console_signin_without_mfa:
    '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") }',
  root_account_usage:
    '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }',
  iam_policy_changes:
    '{($.eventName=DeleteGroupPolicy)||($.eventName=DeleteRolePolicy)||($.eventName=DeleteUserPolicy)||($.eventName=PutGroupPolicy)||($.eventName=PutRolePolicy)||($.eventName=PutUserPolicy)||($.eventName=CreatePolicy)||($.eventName=DeletePolicy)||($.eventName=CreatePolicyVersion)||($.eventName=DeletePolicyVersion)||($.eventName=AttachRolePolicy)||($.eventName=DetachRolePolicy)||($.eventName=AttachUserPolicy)||($.eventName=DetachUserPolicy)||($.eventName=AttachGroupPolicy)||($.eventName=DetachGroupPolicy)}',
  cloudtrail_configuration_changes:
    '{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }',
  security_group_changes:
    '{ ($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = AuthorizeSecurityGroupEgress) || ($.eventName = RevokeSecurityGroupIngress) || ($.eventName = RevokeSecurityGroupEgress) || ($.eventName = CreateSecurityGroup) || ($.eventName = DeleteSecurityGroup) }',
};

const TRAIL_LOG_GROUP = 'aws-cloudtrail/management-events';

export function recordMonitoring(
  recording: Recording,
  ctx: EstateContext,
  region: string,
  regionIndex: number,
): void {
  recordKms(recording, ctx, region);
  recordTrail(recording, ctx, region, regionIndex);
  recordLogsAndAlarms(recording, ctx, region, regionIndex);
  recordConfig(recording, ctx, region, regionIndex);
}

function recordKms(recording: Recording, ctx: EstateContext, region: string): void {
  const owner = ctx.account.awsAccountId;
  const staging = ctx.account.kind === 'staging';
  const key = (
    name: string,
    manager: 'CUSTOMER' | 'AWS',
    state: KeyMetadata['KeyState'] = 'Enabled',
  ): KeyMetadata => {
    const keyId = stableHex([owner, region, name], 32).replace(
      /^(.{8})(.{4})(.{4})(.{4})(.{12})$/,
      '$1-$2-$3-$4-$5',
    );
    return {
      AWSAccountId: owner,
      KeyId: keyId,
      Arn: `arn:aws:kms:${region}:${owner}:key/${keyId}`,
      CreationDate: daysAgo(ctx.now, 600),
      Enabled: state === 'Enabled',
      Description:
        manager === 'AWS'
          ? 'Default key that protects my EBS volumes when no other key is defined'
          : `${name} (${ctx.account.kind})`,
      KeyUsage: 'ENCRYPT_DECRYPT',
      KeyState: state,
      DeletionDate: state === 'PendingDeletion' ? daysAgo(ctx.now, -7) : undefined,
      Origin: 'AWS_KMS',
      KeyManager: manager,
      KeySpec: 'SYMMETRIC_DEFAULT',
      EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
      MultiRegion: false,
    };
  };
  const keys = [key('kms-data', 'CUSTOMER'), key('aws-ebs', 'AWS')];
  if (staging && region === 'eu-west-1') keys.push(key('old-import-key', 'CUSTOMER', 'PendingDeletion'));
  recording.output(
    'KMS',
    'ListKeys',
    region,
    {},
    { Keys: keys.map((meta) => ({ KeyId: meta.KeyId, KeyArn: meta.Arn })), Truncated: false },
  );
  for (const meta of keys) {
    const at = { KeyId: meta.Arn };
    recording.output('KMS', 'DescribeKey', region, at, { KeyMetadata: meta });
    recording.output('KMS', 'GetKeyRotationStatus', region, at, {
      KeyId: meta.Arn,
      KeyRotationEnabled: meta.KeyManager === 'AWS' || !staging,
      RotationPeriodInDays: 365,
    });
    recording.output(
      'KMS',
      'GetKeyPolicy',
      region,
      { ...at, PolicyName: 'default' },
      {
        PolicyName: 'default',
        Policy: JSON.stringify({
          Version: '2012-10-17',
          Id: 'key-default-1',
          Statement: [
            {
              Sid: 'Enable IAM User Permissions',
              Effect: 'Allow',
              Principal: { AWS: `arn:aws:iam::${owner}:root` },
              Action: 'kms:*',
              Resource: '*',
            },
          ],
        }),
      },
    );
    recording.output('KMS', 'ListResourceTags', region, at, {
      Tags: [{ TagKey: 'env', TagValue: ctx.account.kind }],
      Truncated: false,
    });
  }
}

function recordTrail(recording: Recording, ctx: EstateContext, region: string, regionIndex: number): void {
  const owner = ctx.account.awsAccountId;
  const staging = ctx.account.kind === 'staging';
  const home = staging ? 'eu-west-1' : 'us-east-1';
  const name = staging ? 'staging-trail' : 'management-events';
  const trailArn = `arn:aws:cloudtrail:${home}:${owner}:trail/${name}`;
  const trail: Trail = {
    Name: name,
    TrailARN: trailArn,
    HomeRegion: home,
    S3BucketName: `${ctx.account.kind}-cloudtrail-${owner}`,
    IncludeGlobalServiceEvents: !staging,
    IsMultiRegionTrail: !staging,
    IsOrganizationTrail: false,
    LogFileValidationEnabled: !staging,
    HasCustomEventSelectors: !staging,
    HasInsightSelectors: false,
    ...(staging
      ? {}
      : {
          KmsKeyId: `arn:aws:kms:${home}:${owner}:key/${stableHex([owner, home, 'kms-data'], 32)}`,
          CloudWatchLogsLogGroupArn: `arn:aws:logs:${home}:${owner}:log-group:${TRAIL_LOG_GROUP}:*`,
          CloudWatchLogsRoleArn: `arn:aws:iam::${owner}:role/cloudtrail-to-cloudwatch`,
        }),
  };
  // Not paginated; with includeShadowTrails=false only trails homed in this region are listed.
  recording.output(
    'CloudTrail',
    'DescribeTrails',
    region,
    { includeShadowTrails: false },
    { trailList: region === home ? [trail] : [] },
  );
  if (region !== home) return;
  recording.output(
    'CloudTrail',
    'GetTrailStatus',
    region,
    { Name: trailArn },
    {
      IsLogging: !staging,
      LatestDeliveryTime: daysAgo(ctx.now, staging ? 90 : 0),
      StartLoggingTime: daysAgo(ctx.now, 700),
      ...(staging ? { StopLoggingTime: daysAgo(ctx.now, 90) } : {}),
    },
  );
  recording.output(
    'CloudTrail',
    'GetEventSelectors',
    region,
    { TrailName: trailArn },
    {
      TrailARN: trailArn,
      EventSelectors: [
        {
          ReadWriteType: 'All',
          IncludeManagementEvents: true,
          DataResources: staging ? [] : [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3'] }],
          ExcludeManagementEventSources: [],
        },
      ],
    },
  );
  // ListTags is asked in the trail's home region for the trails homed there (one here).
  recording.output(
    'CloudTrail',
    'ListTags',
    region,
    { ResourceIdList: [trailArn] },
    {
      ResourceTagList: [
        {
          ResourceId: trailArn,
          TagsList: [
            { Key: 'Environment', Value: ctx.account.kind },
            { Key: 'Owner', Value: 'security' },
          ],
        },
      ],
    },
  );
  void regionIndex;
}

function recordLogsAndAlarms(
  recording: Recording,
  ctx: EstateContext,
  region: string,
  regionIndex: number,
): void {
  const owner = ctx.account.awsAccountId;
  const staging = ctx.account.kind === 'staging';
  const groupArn = (name: string) => `arn:aws:logs:${region}:${owner}:log-group:${name}:*`;
  const group = (name: string, retention?: number): LogGroup => ({
    logGroupName: name,
    arn: groupArn(name),
    creationTime: daysAgo(ctx.now, 500).getTime(),
    retentionInDays: retention,
    storedBytes: 1_048_576 * (name.length + regionIndex),
    metricFilterCount: 0,
  });
  const groups: LogGroup[] = [
    group(`/aws/lambda/${ctx.account.kind}-orders-api`, 30),
    group('/vpc/flow-logs', staging ? undefined : 90),
    group(`/aws/eks/${ctx.account.kind}-eks/cluster`, staging ? undefined : 365),
  ];
  const filters: MetricFilter[] = [];
  const trailRegion = !staging && regionIndex === 0;
  if (trailRegion) {
    groups.push(group(TRAIL_LOG_GROUP, 365));
    for (const [name, pattern] of Object.entries(PRODUCTION_CIS_FILTERS)) {
      filters.push({
        filterName: `${name}_metric`,
        filterPattern: pattern,
        logGroupName: TRAIL_LOG_GROUP,
        creationTime: daysAgo(ctx.now, 400).getTime(),
        metricTransformations: [
          { metricName: `${name}_metric`, metricNamespace: 'CISBenchmark', metricValue: '1' },
        ],
      });
    }
  }
  for (const logGroup of groups)
    logGroup.metricFilterCount = filters.filter(
      (filter) => filter.logGroupName === logGroup.logGroupName,
    ).length;
  recording.paged('CloudWatchLogs', 'DescribeLogGroups', region, {
    items: groups,
    itemsKey: 'logGroups',
    pageSize: 50,
    tokenIn: 'nextToken',
    tokenOut: 'nextToken',
  });
  // Tags by log group ARN without `:*`. The flow-log and EKS groups were created without tags.
  for (const logGroup of groups) {
    const name = logGroup.logGroupName!;
    const untagged = name === '/vpc/flow-logs' || name.startsWith('/aws/eks/');
    recording.output(
      'CloudWatchLogs',
      'ListTagsForResource',
      region,
      { resourceArn: logGroup.arn!.replace(/:\*$/, '') },
      {
        tags: untagged
          ? {}
          : {
              Environment: ctx.account.kind,
              Owner: name === TRAIL_LOG_GROUP ? 'security' : 'orders-team',
            },
      },
    );
  }
  recording.paged('CloudWatchLogs', 'DescribeMetricFilters', region, {
    items: filters,
    itemsKey: 'metricFilters',
    pageSize: 50,
    tokenIn: 'nextToken',
    tokenOut: 'nextToken',
  });

  const topicName = `${ctx.account.kind}-security-alerts`;
  const topicArn = `arn:aws:sns:${region}:${owner}:${topicName}`;
  const topics = regionIndex === 0 ? [topicArn] : [];
  const alarms: MetricAlarm[] = filters.map((filter) => ({
    AlarmName: filter.filterName!.replace(/_metric$/, '_alarm'),
    AlarmArn: `arn:aws:cloudwatch:${region}:${owner}:alarm:${filter.filterName!.replace(/_metric$/, '_alarm')}`,
    MetricName: filter.metricTransformations![0].metricName,
    Namespace: 'CISBenchmark',
    Statistic: 'Sum',
    Period: 300,
    EvaluationPeriods: 1,
    Threshold: 1,
    ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    ActionsEnabled: true,
    AlarmActions: [topicArn],
    OKActions: [],
    InsufficientDataActions: [],
    StateValue: 'OK',
    StateUpdatedTimestamp: daysAgo(ctx.now, 3),
    Dimensions: [],
    TreatMissingData: 'notBreaching',
  }));
  recording.output(
    'CloudWatch',
    'DescribeAlarms',
    region,
    { AlarmTypes: ['MetricAlarm'] },
    { MetricAlarms: alarms, CompositeAlarms: [] },
  );
  for (const alarm of alarms) {
    recording.output(
      'CloudWatch',
      'ListTagsForResource',
      region,
      { ResourceARN: alarm.AlarmArn },
      {
        Tags: [
          { Key: 'Environment', Value: ctx.account.kind },
          { Key: 'Owner', Value: 'security' },
          { Key: 'Benchmark', Value: 'CIS' },
        ],
      },
    );
  }

  recording.output('SNS', 'ListTopics', region, {}, { Topics: topics.map((arn) => ({ TopicArn: arn })) });
  for (const arn of topics) {
    recording.output(
      'SNS',
      'GetTopicAttributes',
      region,
      { TopicArn: arn },
      {
        Attributes: {
          TopicArn: arn,
          Owner: owner,
          DisplayName: 'Security alerts',
          SubscriptionsConfirmed: staging ? '0' : '1',
          SubscriptionsPending: staging ? '1' : '0',
          SubscriptionsDeleted: '0',
          EffectiveDeliveryPolicy: JSON.stringify({ http: { defaultHealthyRetryPolicy: { numRetries: 3 } } }),
          Policy: JSON.stringify({
            Version: '2008-10-17',
            Id: '__default_policy_ID',
            Statement: [
              {
                Sid: '__default_statement_ID',
                Effect: 'Allow',
                Principal: { AWS: '*' },
                Action: ['SNS:Publish', 'SNS:Subscribe'],
                Resource: arn,
                Condition: { StringEquals: { 'AWS:SourceOwner': owner } },
              },
            ],
          }),
          ...(staging ? {} : { KmsMasterKeyId: 'alias/aws/sns' }),
        },
      },
    );
    // Staging's topic was created by hand, without tags.
    recording.output(
      'SNS',
      'ListTagsForResource',
      region,
      { ResourceArn: arn },
      {
        Tags: staging
          ? []
          : [
              { Key: 'Environment', Value: ctx.account.kind },
              { Key: 'Owner', Value: 'security' },
            ],
      },
    );
  }
  recording.output(
    'SNS',
    'ListSubscriptions',
    region,
    {},
    {
      Subscriptions: topics.map((arn) => ({
        SubscriptionArn: staging
          ? 'PendingConfirmation'
          : `${arn}:${stableHex([owner, 'sub'], 8)}-${stableHex([owner, 'sub2'], 4)}-4d5e-9f00-${stableHex([owner, 'sub3'], 12)}`,
        Owner: owner,
        Protocol: 'email',
        Endpoint: `security@${ctx.account.kind}.example.com`,
        TopicArn: arn,
      })),
    },
  );
}

function recordConfig(recording: Recording, ctx: EstateContext, region: string, regionIndex: number): void {
  const owner = ctx.account.awsAccountId;
  const staging = ctx.account.kind === 'staging';
  // Production records everywhere; Staging has no recorder in eu-west-1 and a stopped one in eu-central-1.
  const exists = !staging || regionIndex !== 1;
  const recordingOn = !staging || regionIndex === 0;
  recording.output(
    'ConfigService',
    'DescribeConfigurationRecorders',
    region,
    {},
    {
      ConfigurationRecorders: exists
        ? [
            {
              name: 'default',
              roleARN: `arn:aws:iam::${owner}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`,
              recordingGroup: {
                allSupported: true,
                includeGlobalResourceTypes: regionIndex === 0,
                resourceTypes: [],
              },
            },
          ]
        : [],
    },
  );
  if (!exists) return;
  recording.output(
    'ConfigService',
    'DescribeConfigurationRecorderStatus',
    region,
    {},
    {
      ConfigurationRecordersStatus: [
        {
          name: 'default',
          recording: recordingOn,
          lastStatus: recordingOn ? 'SUCCESS' : 'FAILURE',
          lastStartTime: daysAgo(ctx.now, 300),
          ...(recordingOn ? {} : { lastStopTime: daysAgo(ctx.now, 40) }),
        },
      ],
    },
  );
}
