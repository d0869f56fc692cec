// POST /api/v1/events/cloudtrail: event mode's HTTPS push. An EventBridge API destination in the customer account
// (onboarding/events.ts) POSTs each "AWS API Call via CloudTrail" event here, with a Cloudward token of the
// event-ingest role in the X-Cloudward-Token header (EventBridge keeps it in Secrets Manager through the
// connection). The body is checked, then handed to the push queue (api/events/push.ts), which re-reads and
// re-evaluates in the background: EventBridge waits 5 seconds at most. Duplicates (same event id) and events
// arriving out of order are harmless: the re-read reads current state.
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import type { Store } from '../../store/store';
import { EVENT_TOKEN_HEADER } from '../../onboarding/events';
import { hashToken } from '../auth';
import { changeFromEvent } from '../events/envelope';
import type { PushedEventIngest } from '../events/push';
import { documentRoute, HttpProblem, validate, validated } from '../http';

/** EventBridge's own limit on one event; anything larger is not one it sent. */
export const EVENT_BODY_LIMIT = '256kb';

const accountId = z.string().regex(/^\d{12}$/, 'must be a 12-digit AWS account id');
const region = z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must be an AWS region like eu-west-1');

// EventBridge's event envelope around one CloudTrail record; fields AWS adds later are let through.
export const cloudTrailEventSchema = z.looseObject({
  version: z.string().max(16).optional(),
  id: z.string().min(1).max(128),
  'detail-type': z.literal('AWS API Call via CloudTrail', {
    error: 'must be "AWS API Call via CloudTrail"',
  }),
  source: z.string().regex(/^aws\.[a-z0-9.-]+$/, 'must be an AWS event source like aws.s3'),
  account: accountId,
  time: z.string().max(64),
  region,
  resources: z.array(z.string().max(2048)).max(1000).default([]),
  detail: z.looseObject({
    eventID: z.string().min(1).max(128),
    eventSource: z
      .string()
      .regex(/^[a-z0-9.-]+\.amazonaws\.com$/, 'must be a service endpoint like s3.amazonaws.com'),
    eventName: z.string().regex(/^[A-Za-z0-9]{1,128}$/, 'must be an API call name like PutBucketPolicy'),
    awsRegion: region,
    recipientAccountId: accountId.optional(),
    eventTime: z.string().max(64).optional(),
    requestParameters: z.record(z.string(), z.unknown()).nullable().optional(),
    resources: z.array(z.looseObject({ ARN: z.string().max(2048).optional() })).optional(),
    errorCode: z.string().max(256).optional(),
    readOnly: z.boolean().optional(),
  }),
});

const acceptedSchema = z.object({
  status: z.enum(['accepted', 'duplicate', 'ignored']),
  eventId: z.string(),
  accountId: z.string().optional(),
  reason: z.string().optional(),
});

/** Only an event-ingest token: an admin or auditor token must never be the one stored in a customer's AWS. */
function eventIngestAuth(store: Store) {
  return async (req: Request, _res: Response, next: NextFunction) => {
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '')?.[1];
    const secret = req.get(EVENT_TOKEN_HEADER)?.trim() || bearer;
    if (!secret)
      return next(
        new HttpProblem(
          401,
          'Unauthorized',
          `Send an event-ingest token in the ${EVENT_TOKEN_HEADER} header.`,
        ),
      );
    const token = await store.findTokenByHash(hashToken(secret));
    if (!token || token.revokedAt !== null)
      return next(new HttpProblem(401, 'Unauthorized', 'The token is unknown or revoked.'));
    if (token.role !== 'event-ingest')
      return next(
        new HttpProblem(
          403,
          'Forbidden',
          `Events are delivered with a token of the event-ingest role; this one has ${token.role}.`,
        ),
      );
    next();
  };
}

export function eventsRouter(deps: { store: Store; ingest?: PushedEventIngest }): Router {
  const router = Router();
  documentRoute(router, {
    method: 'post',
    path: '/cloudtrail',
    summary: 'Deliver one CloudTrail event (EventBridge API destination, event-ingest token)',
    description:
      `Event mode's HTTPS push: the EventBridge event "AWS API Call via CloudTrail" as AWS sends it, with an ` +
      `event-ingest token in ${EVENT_TOKEN_HEADER}. 202 queues a re-read of what the call touched; a repeated ` +
      'event id answers duplicate, an event for an account, region or service Cloudward does not read answers ' +
      'ignored (200). 503 when serve runs without CLOUDWARD_EVENTS=true.',
    tags: ['events'],
    role: 'event-ingest',
    body: cloudTrailEventSchema,
    response: acceptedSchema,
    successStatus: 202,
    problems: [413, 503],
  });
  router.post(
    '/cloudtrail',
    express.json({ limit: EVENT_BODY_LIMIT, strict: true, type: ['application/json', 'application/*+json'] }),
    eventIngestAuth(deps.store),
    validate({ body: cloudTrailEventSchema }),
    async (_req: Request, res: Response) => {
      const { body } = validated<unknown, unknown, z.output<typeof cloudTrailEventSchema>>(res);
      if (!deps.ingest)
        throw new HttpProblem(
          503,
          'Service Unavailable',
          'Event mode is off: start serve with CLOUDWARD_EVENTS=true to accept pushed events.',
        );
      // The schema guarantees every field the change needs.
      const change = changeFromEvent(body)!;
      const verdict = await deps.ingest.accept(change);
      const eventId = change.eventId;
      if (verdict.status === 'accepted')
        res.status(202).json({ status: 'accepted', eventId, accountId: verdict.accountId });
      else if (verdict.status === 'duplicate') res.status(200).json({ status: 'duplicate', eventId });
      else res.status(200).json({ status: 'ignored', eventId, reason: verdict.reason });
    },
  );
  return router;
}
