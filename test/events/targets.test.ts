// From an EventBridge envelope to the collector unit to re-read, with the names the call carries.
import { parseEnvelope } from '../../api/events/envelope';
import { changeTarget } from '../../api/events/targets';
import { authorizeSsh, putBucketPolicy, unknownEvent } from './cloudtrail-events';

function target(envelope: Record<string, unknown>) {
  const change = parseEnvelope(JSON.stringify(envelope));
  return change && changeTarget(change);
}

function withDetail(base: Record<string, unknown>, detail: Record<string, unknown>) {
  return { ...base, detail: { ...(base.detail as Record<string, unknown>), ...detail } };
}

it('maps S3 bucket calls to the global S3 unit and names the bucket', () => {
  expect(target(putBucketPolicy)).toEqual({ service: 's3', region: 'eu-west-1', resources: ['app-data'] });
  for (const eventName of [
    'PutBucketAcl',
    'PutPublicAccessBlock',
    'DeletePublicAccessBlock',
    'PutBucketEncryption',
  ]) {
    expect(target(withDetail(putBucketPolicy, { eventName }))?.resources).toEqual(['app-data']);
  }
});

it('maps security group rule calls to EC2 in the call region and names the group', () => {
  expect(target(authorizeSsh)).toEqual({ service: 'ec2', region: 'eu-west-1', resources: ['sg-0db'] });
  const modify = withDetail(authorizeSsh, {
    eventName: 'ModifySecurityGroupRules',
    awsRegion: 'us-east-1',
    requestParameters: { ModifySecurityGroupRulesRequest: { GroupId: 'sg-0web' }, groupId: 'sg-0web' },
  });
  expect(target(modify)).toEqual({ service: 'ec2', region: 'us-east-1', resources: ['sg-0web'] });
});

it('names the IAM role, user and policy of Attach*/Put*/CreatePolicyVersion calls', () => {
  const iam = (eventName: string, requestParameters: Record<string, unknown>) =>
    target(
      withDetail(putBucketPolicy, {
        eventSource: 'iam.amazonaws.com',
        eventName,
        awsRegion: 'us-east-1',
        requestParameters,
      }),
    );
  expect(
    iam('AttachRolePolicy', { roleName: 'app', policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }),
  ).toEqual({
    service: 'iam',
    region: 'us-east-1',
    resources: ['app', 'arn:aws:iam::aws:policy/AdministratorAccess'],
  });
  expect(iam('PutUserPolicy', { userName: 'bob', policyName: 'inline' })?.resources).toEqual([
    'bob',
    'inline',
  ]);
  expect(
    iam('CreatePolicyVersion', { policyArn: 'arn:aws:iam::123456789012:policy/p', setAsDefault: true })
      ?.resources,
  ).toEqual(['arn:aws:iam::123456789012:policy/p']);
});

it('ignores services Cloudward does not read, and bodies that are not CloudTrail API calls', () => {
  expect(target(unknownEvent)).toBeNull();
  expect(parseEnvelope('not json')).toBeNull();
  expect(
    parseEnvelope(JSON.stringify({ 'detail-type': 'EC2 Instance State-change Notification', detail: {} })),
  ).toBeNull();
  expect(parseEnvelope(JSON.stringify(withDetail(putBucketPolicy, { eventID: undefined })))).toBeNull();
});

it('keeps the error code of a failed call (the consumer ignores it: nothing changed)', () => {
  const denied = withDetail(putBucketPolicy, { errorCode: 'AccessDenied', errorMessage: 'Access Denied' });
  expect(parseEnvelope(JSON.stringify(denied))?.errorCode).toBe('AccessDenied');
});

it.each([
  ['events.amazonaws.com', 'PutPermission', 'eventbridge'],
  ['states.amazonaws.com', 'UpdateStateMachine', 'stepfunctions'],
  ['kinesis.amazonaws.com', 'StopStreamEncryption', 'kinesis'],
  ['sagemaker.amazonaws.com', 'UpdateNotebookInstance', 'sagemaker'],
])('maps %s %s to the %s unit in the call region', (eventSource, eventName, service) => {
  const change = withDetail(putBucketPolicy, {
    eventSource,
    eventName,
    awsRegion: 'us-east-1',
    requestParameters: {},
    resources: [{ ARN: 'arn:aws:events:us-east-1:123456789012:event-bus/orders' }],
  });
  expect(target(change)).toEqual({
    service,
    region: 'us-east-1',
    resources: ['arn:aws:events:us-east-1:123456789012:event-bus/orders'],
  });
});
