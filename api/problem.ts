// RFC 9457 problem details: every error the API returns has this shape and `application/problem+json`.
import type { Response } from 'express';

export interface FieldError {
  /** Dotted location of the bad value, prefixed with where it came from: `body.regions.1`, `query.limit`. */
  path: string;
  message: string;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

/** Throw from any handler; the app's error handler turns it into a problem response. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly extensions: { type?: string; errors?: FieldError[]; [key: string]: unknown } = {},
  ) {
    super(detail ?? title);
    this.name = 'HttpProblem';
  }

  toBody(instance?: string): ProblemBody {
    const { type, ...rest } = this.extensions;
    return {
      type: type ?? 'about:blank',
      title: this.title,
      status: this.status,
      ...(this.detail !== undefined ? { detail: this.detail } : {}),
      ...(instance !== undefined ? { instance } : {}),
      ...rest,
    };
  }
}

/** Problem type URIs for the errors a client may want to tell apart. */
export const PROBLEM_TYPES = {
  validation: 'urn:cloudward:problem:validation',
  syncRunning: 'urn:cloudward:problem:sync-running',
  accountDisabled: 'urn:cloudward:problem:account-disabled',
  conflict: 'urn:cloudward:problem:conflict',
  unavailable: 'urn:cloudward:problem:unavailable',
} as const;

export function sendProblem(res: Response, body: ProblemBody): void {
  // The request id (api/observability/http.ts) lets a user's report be matched to the server's log line.
  const requestId = res.locals?.requestId;
  const withId =
    typeof requestId === 'string' && body.requestId === undefined ? { ...body, requestId } : body;
  res.status(body.status).type('application/problem+json').send(JSON.stringify(withId));
}

/** Writes a problem response directly (for middleware that does not throw). */
export function problem(
  res: Response,
  status: number,
  title: string,
  detail?: string,
  extensions?: { type?: string; errors?: FieldError[]; [key: string]: unknown },
): void {
  sendProblem(res, new HttpProblem(status, title, detail, extensions).toBody(res.req?.originalUrl));
}

export const notFound = (what: string, id: string) =>
  new HttpProblem(404, 'Not Found', `${what} ${id} does not exist`);

/** 409: a sync of this account or organization is already queued or running; `running` names it when known. */
export function syncRunningProblem(
  what: 'account' | 'organization',
  running?: { field: 'syncId' | 'organizationSyncId'; id: string },
): HttpProblem {
  return new HttpProblem(409, 'Conflict', `A sync of this ${what} is already queued or running.`, {
    type: PROBLEM_TYPES.syncRunning,
    ...(running ? { [running.field]: running.id } : {}),
  });
}

export function validationProblem(errors: FieldError[], detail = 'The request is not valid.'): HttpProblem {
  return new HttpProblem(400, 'Bad Request', detail, { type: PROBLEM_TYPES.validation, errors });
}
