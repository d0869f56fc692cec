// Per-request observability: a request id (the caller's X-Request-Id when it is sane, else a new UUID) echoed in
// the response header and in problem bodies, one access-log line and one duration sample per request. Routes are
// logged and labelled by their template (`/api/v1/accounts/:id`), never by the raw URL, so metric labels stay
// bounded and no query string reaches a log line. The Authorization header is never read here.
import { randomUUID, timingSafeEqual, createHash } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Store } from '../../store/store';
import { hashToken } from '../auth';
import { HttpProblem } from '../problem';
import type { AppLogger } from './logger';
import { METRICS_CONTENT_TYPE, type Metrics } from './metrics';

export const REQUEST_ID_HEADER = 'X-Request-Id';
/** What a proxy or client may send as a request id: a UUID, a ULID, a trace id; nothing that could forge a log. */
const SANE_REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

export function requestIdOf(res: Response): string | undefined {
  const id = res.locals.requestId;
  return typeof id === 'string' ? id : undefined;
}

/** Maps a method and path to the route template that serves it (or a fixed label when none does). */
export type RouteNamer = (method: string, path: string) => string;

export interface HttpObservabilityOptions {
  logger: AppLogger;
  metrics?: Metrics;
  routeName: RouteNamer;
}

export function observeRequests(options: HttpObservabilityOptions): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    const incoming = req.get(REQUEST_ID_HEADER);
    const requestId = incoming && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.locals.requestId = requestId;
    res.setHeader(REQUEST_ID_HEADER, requestId);
    let logged = false;
    const done = () => {
      if (logged) return;
      logged = true;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const path = req.originalUrl.split('?')[0];
      const route = options.routeName(req.method, path);
      // A client that hung up before the answer was sent: no status reached it.
      const status = res.writableFinished ? res.statusCode : 499;
      options.metrics?.httpDuration.observe({ method: req.method, route, status: String(status) }, seconds);
      const fields = {
        requestId,
        method: req.method,
        route,
        path,
        status,
        durationMs: Math.round(seconds * 1000 * 10) / 10,
      };
      if (status >= 500) options.logger.warn('request', fields);
      else options.logger.info('request', fields);
    };
    res.once('finish', done);
    res.once('close', done);
    next();
  };
}

interface TemplateRoute {
  method: string;
  template: string;
  pattern: RegExp;
  params: number;
}

/**
 * A RouteNamer over Express path templates (`/api/v1/accounts/:id`). Templates are read when a request ends, so a
 * list filled after the middleware was installed (createApp documents its routes later) is seen.
 */
export function templateRouteNamer(templates: () => { method: string; path: string }[]): RouteNamer {
  let compiled: TemplateRoute[] | undefined;
  let compiledFrom = -1;
  return (method, path) => {
    const list = templates();
    if (!compiled || compiledFrom !== list.length) {
      compiled = list
        .map(({ method: routeMethod, path: template }) => ({
          method: routeMethod.toUpperCase(),
          template,
          pattern: new RegExp(
            '^' +
              template
                .split(/(:[A-Za-z0-9_]+)/)
                .map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
                .join('') +
              '/?$',
          ),
          params: (template.match(/:[A-Za-z0-9_]+/g) ?? []).length,
        }))
        // Literal segments win over parameters (`/assets/summary` before `/assets/:key`).
        .sort((a, b) => a.params - b.params);
      compiledFrom = list.length;
    }
    const upper = method.toUpperCase() === 'HEAD' ? 'GET' : method.toUpperCase();
    const match = compiled.find((route) => route.method === upper && route.pattern.test(path));
    if (match) return match.template;
    if (path === '/api' || path.startsWith('/api/')) return 'unmatched';
    return 'web';
  };
}

/**
 * Who may read /metrics: the CLOUDWARD_METRICS_TOKEN bearer (for a Prometheus that holds no API token), or any
 * valid API token (auditor or admin). Answers 401 problems like the API.
 */
export function metricsAuth(store: Store, metricsToken: string | undefined): RequestHandler {
  const expected = metricsToken ? createHash('sha256').update(metricsToken).digest() : undefined;
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '');
      if (!match) {
        res.setHeader('WWW-Authenticate', 'Bearer');
        return next(
          new HttpProblem(401, 'Unauthorized', 'Send Authorization: Bearer <metrics or API token>.'),
        );
      }
      const presented = match[1];
      // Compared as hashes: equal lengths for timingSafeEqual, and no early exit on the first differing byte.
      if (expected && timingSafeEqual(createHash('sha256').update(presented).digest(), expected))
        return next();
      const token = await store.findTokenByHash(hashToken(presented));
      if (token && token.revokedAt === null) return next();
      res.setHeader('WWW-Authenticate', 'Bearer error="invalid_token"');
      next(new HttpProblem(401, 'Unauthorized', 'The token is not the metrics token nor a valid API token.'));
    } catch (error) {
      next(error);
    }
  };
}

/** GET /metrics in Prometheus text format. */
export function metricsHandler(metrics: Metrics): RequestHandler {
  return async (_req: Request, res: Response, next: NextFunction) => {
    try {
      const body = await metrics.render();
      res.setHeader('Cache-Control', 'no-store');
      res.type(METRICS_CONTENT_TYPE).send(body);
    } catch (error) {
      next(error);
    }
  };
}
