import type {
  DescribeTrailsCommandOutput,
  GetEventSelectorsCommandOutput,
  GetTrailStatusCommandOutput,
  ListTagsCommandOutput,
} from '@aws-sdk/client-cloudtrail';

const $metadata = { httpStatusCode: 200, requestId: 'req-1' };

export const trails: DescribeTrailsCommandOutput = {
  $metadata,
  trailList: [
    {
      Name: 'org-audit',
      S3BucketName: 'audit-trail-logs',
      IncludeGlobalServiceEvents: true,
      IsMultiRegionTrail: true,
      HomeRegion: 'us-east-1',
      TrailARN: 'arn:aws:cloudtrail:us-east-1:123456789012:trail/org-audit',
      LogFileValidationEnabled: true,
      CloudWatchLogsLogGroupArn: 'arn:aws:logs:us-east-1:123456789012:log-group:cloudtrail:*',
      CloudWatchLogsRoleArn: 'arn:aws:iam::123456789012:role/cloudtrail-to-logs',
      KmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      HasCustomEventSelectors: true,
      HasInsightSelectors: false,
      IsOrganizationTrail: false,
    },
    {
      Name: 'minimal',
      S3BucketName: 'minimal-logs',
      IncludeGlobalServiceEvents: false,
      IsMultiRegionTrail: false,
      HomeRegion: 'us-east-1',
      TrailARN: 'arn:aws:cloudtrail:us-east-1:123456789012:trail/minimal',
      LogFileValidationEnabled: false,
      HasCustomEventSelectors: false,
      HasInsightSelectors: false,
      IsOrganizationTrail: false,
    },
    {
      Name: 'elsewhere',
      S3BucketName: 'elsewhere-logs',
      IsMultiRegionTrail: true,
      HomeRegion: 'eu-west-1',
      TrailARN: 'arn:aws:cloudtrail:eu-west-1:123456789012:trail/elsewhere',
    },
  ],
};

export const loggingStatus: GetTrailStatusCommandOutput = {
  $metadata,
  IsLogging: true,
  LatestDeliveryTime: new Date('2026-11-22T18:55:00Z'),
  StartLoggingTime: new Date('2024-01-01T00:00:00Z'),
  LatestCloudWatchLogsDeliveryTime: new Date('2026-11-22T18:56:00Z'),
};

export const stoppedStatus: GetTrailStatusCommandOutput = {
  $metadata,
  IsLogging: false,
  StopLoggingTime: new Date('2026-10-01T00:00:00Z'),
};

export const allManagementEvents: GetEventSelectorsCommandOutput = {
  $metadata,
  TrailARN: 'arn:aws:cloudtrail:us-east-1:123456789012:trail/org-audit',
  EventSelectors: [
    {
      ReadWriteType: 'All',
      IncludeManagementEvents: true,
      DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3'] }],
      ExcludeManagementEventSources: [],
    },
  ],
};

/** ListTags for both trails of this account: org-audit tagged, minimal with an empty TagsList. */
export const trailTags: ListTagsCommandOutput = {
  $metadata,
  ResourceTagList: [
    {
      ResourceId: 'arn:aws:cloudtrail:us-east-1:123456789012:trail/org-audit',
      TagsList: [
        { Key: 'Environment', Value: 'production' },
        { Key: 'Owner', Value: 'security' },
      ],
    },
    { ResourceId: 'arn:aws:cloudtrail:us-east-1:123456789012:trail/minimal', TagsList: [] },
  ],
};
