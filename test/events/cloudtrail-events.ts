// Recorded CloudTrail management events as the event-mode rule delivers them to SQS: the EventBridge envelope
// ("AWS API Call via CloudTrail") around the CloudTrail record, as one SQS message each.
import { createHash } from 'node:crypto';
import type { Message } from '@aws-sdk/client-sqs';

export const ACCOUNT = '123456789012';

const userIdentity = {
  type: 'AssumedRole',
  principalId: 'AROAEXAMPLEID:alice',
  arn: `arn:aws:sts::${ACCOUNT}:assumed-role/Admin/alice`,
  accountId: ACCOUNT,
  accessKeyId: 'ASIAEXAMPLEKEY',
  sessionContext: {
    sessionIssuer: {
      type: 'Role',
      principalId: 'AROAEXAMPLEID',
      arn: `arn:aws:iam::${ACCOUNT}:role/Admin`,
      accountId: ACCOUNT,
      userName: 'Admin',
    },
    attributes: { creationDate: '2026-03-02T09:58:11Z', mfaAuthenticated: 'false' },
  },
};

function envelope(
  source: string,
  region: string,
  detail: Record<string, unknown>,
  id: string,
): Record<string, unknown> {
  return {
    version: '0',
    id,
    'detail-type': 'AWS API Call via CloudTrail',
    source,
    account: ACCOUNT,
    time: detail.eventTime,
    region,
    resources: [],
    detail: {
      eventVersion: '1.09',
      userIdentity,
      sourceIPAddress: '203.0.113.10',
      userAgent: 'aws-cli/2.15.30 md/Botocore#1.34.64',
      readOnly: false,
      eventType: 'AwsApiCall',
      managementEvent: true,
      recipientAccountId: ACCOUNT,
      eventCategory: 'Management',
      ...detail,
    },
  };
}

export const PUBLIC_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'PublicRead',
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:GetObject',
      Resource: 'arn:aws:s3:::app-data/*',
    },
  ],
});

/** PutBucketPolicy making app-data readable by anyone (S3 delivers it in the bucket's region). */
export const putBucketPolicy = envelope(
  'aws.s3',
  'eu-west-1',
  {
    eventTime: '2026-03-02T10:00:00Z',
    eventSource: 's3.amazonaws.com',
    eventName: 'PutBucketPolicy',
    awsRegion: 'eu-west-1',
    requestParameters: {
      bucketPolicy: JSON.parse(PUBLIC_POLICY),
      bucketName: 'app-data',
      Host: 'app-data.s3.eu-west-1.amazonaws.com',
      policy: '',
    },
    responseElements: null,
    additionalEventData: { SignatureVersion: 'SigV4', AuthenticationMethod: 'AuthHeader' },
    requestID: 'K2H6N7ZGQT6JWAAA',
    eventID: '5d8e0c5e-6a1b-4d3a-9c59-0f3c0b1e2a11',
    resources: [{ accountId: ACCOUNT, type: 'AWS::S3::Bucket', ARN: 'arn:aws:s3:::app-data' }],
  },
  'b1f4e2c0-1111-4a9f-8a53-6c1f0a1e0001',
);

/** AuthorizeSecurityGroupIngress opening tcp/22 to 0.0.0.0/0 on sg-0db. */
export const authorizeSsh = envelope(
  'aws.ec2',
  'eu-west-1',
  {
    eventTime: '2026-03-02T10:00:05Z',
    eventSource: 'ec2.amazonaws.com',
    eventName: 'AuthorizeSecurityGroupIngress',
    awsRegion: 'eu-west-1',
    requestParameters: {
      groupId: 'sg-0db',
      ipPermissions: {
        items: [
          {
            ipProtocol: 'tcp',
            fromPort: 22,
            toPort: 22,
            groups: {},
            ipRanges: { items: [{ cidrIp: '0.0.0.0/0' }] },
            ipv6Ranges: {},
            prefixListIds: {},
          },
        ],
      },
    },
    responseElements: {
      requestId: '6f5a1f0e-4b4b-4c1e-9e55-8f1d3c2b1a00',
      _return: true,
      securityGroupRuleSet: {
        items: [
          {
            groupOwnerId: ACCOUNT,
            groupId: 'sg-0db',
            securityGroupRuleId: 'sgr-0a1b2c3d4e5f60718',
            isEgress: false,
            ipProtocol: 'tcp',
            fromPort: 22,
            toPort: 22,
            cidrIpv4: '0.0.0.0/0',
          },
        ],
      },
    },
    requestID: '6f5a1f0e-4b4b-4c1e-9e55-8f1d3c2b1a00',
    eventID: '0b7d7c3a-2f4e-4e0e-b5a6-3d2c1b0a9f22',
  },
  'b1f4e2c0-1111-4a9f-8a53-6c1f0a1e0002',
);

/** A service Cloudward does not read (Amazon Transcribe): ignored, still deleted. */
export const unknownEvent = envelope(
  'aws.transcribe',
  'eu-west-1',
  {
    eventTime: '2026-03-02T10:00:07Z',
    eventSource: 'transcribe.amazonaws.com',
    eventName: 'CreateVocabulary',
    awsRegion: 'eu-west-1',
    requestParameters: { vocabularyName: 'terms', languageCode: 'en-US' },
    responseElements: { vocabularyName: 'terms', vocabularyState: 'PENDING' },
    requestID: 'c0ffee00-0000-4000-8000-000000000003',
    eventID: '9a1c2b3d-4e5f-4061-8273-94a5b6c7d833',
  },
  'b1f4e2c0-1111-4a9f-8a53-6c1f0a1e0003',
);

/** An SQS message carrying `body`; receipt handles differ per delivery, the body (and its eventID) does not. */
export function sqsMessage(body: Record<string, unknown>, delivery: number): Message {
  const text = JSON.stringify(body);
  return {
    MessageId: `${String(body.id).slice(0, 24)}${String(delivery).padStart(12, '0')}`,
    ReceiptHandle: `AQEB${Buffer.from(`${body.id}:${delivery}`).toString('base64')}`,
    MD5OfBody: createHash('md5').update(text).digest('hex'),
    Body: text,
  };
}
