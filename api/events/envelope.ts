// An SQS message from the event-mode rule: an EventBridge envelope around one CloudTrail record
// ("AWS API Call via CloudTrail"). Only what the consumer needs is kept; anything else is not a change event.

export interface CloudTrailChange {
  /** CloudTrail's eventID: the same call delivered twice carries the same id. */
  eventId: string;
  /** e.g. s3.amazonaws.com */
  eventSource: string;
  eventName: string;
  /** The region the call was made in (awsRegion). */
  region: string;
  /** The account whose resources changed (recipientAccountId). */
  awsAccountId: string;
  eventTime: string;
  requestParameters: Record<string, unknown>;
  /** CloudTrail's resources list (ARNs where AWS gives them). */
  resourceArns: string[];
  /** A failed call changed nothing. */
  errorCode?: string;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The change in one message body, or null when the body is not a CloudTrail API call envelope. */
export function parseEnvelope(body: string | undefined): CloudTrailChange | null {
  if (!body) return null;
  try {
    return changeFromEvent(JSON.parse(body));
  } catch {
    return null;
  }
}

/** The change in one EventBridge event (as SQS or an API destination delivers it), or null when it is not one. */
export function changeFromEvent(event: unknown): CloudTrailChange | null {
  const envelope = record(event);
  if (!envelope || envelope['detail-type'] !== 'AWS API Call via CloudTrail') return null;
  const detail = record(envelope.detail);
  if (!detail) return null;
  const eventId = text(detail.eventID);
  const eventSource = text(detail.eventSource);
  const eventName = text(detail.eventName);
  const region = text(detail.awsRegion) ?? text(envelope.region);
  const awsAccountId = text(detail.recipientAccountId) ?? text(envelope.account);
  if (!eventId || !eventSource || !eventName || !region || !awsAccountId) return null;
  const resources = Array.isArray(detail.resources) ? detail.resources : [];
  return {
    eventId,
    eventSource,
    eventName,
    region,
    awsAccountId,
    eventTime: text(detail.eventTime) ?? text(envelope.time) ?? '',
    requestParameters: record(detail.requestParameters) ?? {},
    resourceArns: resources
      .map((resource) => text(record(resource)?.ARN))
      .filter((arn): arn is string => arn !== undefined),
    errorCode: text(detail.errorCode),
  };
}
