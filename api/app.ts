// The HTTP API: createApp(deps) -> Express app with every route under /api/v1, documented in /api/v1/openapi.json.
import compression from 'compression';
import helmet from 'helmet';
import express, { Router, type Express, type NextFunction, type Request, type Response } from 'express';
import type { Role } from '../store/model';
import { ConflictError, InvalidInputError, NotFoundError, type Store } from '../store/store';
import { authenticate } from './auth';
import { auditWriter, type AppContext, type ResolveControlIds } from './context';
import { documentRoute, HttpProblem, requireRole, routeDocs, validate } from './http';
import { ENQUEUE_TIMEOUT_MS, silentLogger } from './jobs/account-jobs';
import type { JobQueue } from './jobs/queue';
import { metricsAuth, metricsHandler, observeRequests, templateRouteNamer } from './observability/http';
import type { AppLogger } from './observability/logger';
import { Metrics } from './observability/metrics';
import { buildOpenApiDocument, type MountedRouteDoc } from './openapi';
import { PROBLEM_TYPES, sendProblem } from './problem';
import { withTimeout } from './timeout';
import { accountsRouter } from './routes/accounts';
import { organizationsRouter } from './routes/organizations';
import { organizationStructureRouter } from './routes/organization-structure';
import { alertsRouter, suppressionsRouter } from './routes/alerts';
import { assetsRouter } from './routes/assets';
import { attackPathsRouter } from './routes/attack-paths';
import { syncsRouter } from './routes/syncs';
import { auditRouter, meRouter, tokensRouter } from './routes/tokens';
import { eventsRouter } from './routes/events';
import type { PushedEventIngest } from './events/push';
import type { SecretBox } from './secrets';
import { mountWeb } from './static-web';
import type { StsClientFactory } from './test-connection';
import { DEFAULT_WEB_DIR, packageVersion } from './paths';

export const API_PREFIX = '/api/v1';

export interface ExtraRouter {
  /** Mount path under /api/v1, e.g. `/onboarding` or `/frameworks`. */
  path: string;
  router: Router;
  /** Least role for every route of the router (routes may demand more with requireRole/defineRoute). */
  minimumRole: Role;
}

export interface AppDeps {
  store: Store;
  secrets: SecretBox;
  jobs: JobQueue;
  /** framework/requirement filters of GET /alerts; without it those filters answer 400. */
  resolveControlIds?: ResolveControlIds;
  /** Whether a control id exists; without it suppression rules are not checked against the controls. */
  isKnownControl?: (controlId: string) => boolean;
  extraRouters?: ExtraRouter[];
  /** STS client factory for test-connection (tests inject mocks; default new STSClient). */
  createStsClient?: StsClientFactory;
  /** Environment read for AWS_REGION / AWS_ENDPOINT_URL (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Built web UI; null disables it; default web/dist when it exists. */
  webDir?: string | null;
  /** Default 1mb. */
  bodyLimit?: string;
  logger?: AppLogger;
  /** Prometheus metrics served at /metrics; default a registry of this app's own. */
  metrics?: Metrics;
  version?: string;
  /** Default ENQUEUE_TIMEOUT_MS (5 s); tests shorten it. */
  enqueueTimeoutMs?: number;
  /** Event mode's HTTPS push queue (serve with CLOUDWARD_EVENTS=true); without it the event route answers 503. */
  eventIngest?: PushedEventIngest;
}

export function createApp(deps: AppDeps): Express {
  const logger = deps.logger ?? silentLogger;
  const version = deps.version ?? packageVersion();
  const env = deps.env ?? process.env;
  const metrics = deps.metrics ?? new Metrics();
  if (!deps.metrics) metrics.watchQueue(deps.store);
  const context: AppContext = {
    store: deps.store,
    secrets: deps.secrets,
    jobs: deps.jobs,
    logger,
    createStsClient: deps.createStsClient,
    env,
    resolveControlIds: deps.resolveControlIds,
    isKnownControl: deps.isKnownControl,
    enqueueTimeoutMs: deps.enqueueTimeoutMs ?? ENQUEUE_TIMEOUT_MS,
    audit: auditWriter(deps.store),
  };

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.use(securityHeaders());
  // Route templates for log lines and metric labels: the documented routes, filled in below.
  const docs: MountedRouteDoc[] = [];
  app.use(
    observeRequests({
      logger,
      metrics,
      routeName: templateRouteNamer(() => docs.map((doc) => ({ method: doc.method, path: doc.fullPath }))),
    }),
  );
  app.use(compressResponses());

  const api = Router();
  api.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    next();
  });
  // Before the API's own body parser: pushed events have EventBridge's smaller size limit and their own token.
  const events = eventsRouter({ store: deps.store, ingest: deps.eventIngest });
  api.use('/events', events);
  api.use(express.json({ limit: deps.bodyLimit ?? '1mb', strict: true }));

  const publicRoutes = Router();
  // validate({}): like every route, no NUL characters and no query parameters it does not take.
  publicRoutes.get('/health', validate({}), (_req, res) => {
    res.json({ status: 'ok', version, store: deps.store.engine, jobs: deps.jobs.runner });
  });
  documentRoute(publicRoutes, {
    method: 'get',
    path: '/health',
    summary: 'Liveness (no token needed)',
    tags: ['meta'],
    role: 'public',
  });
  publicRoutes.get('/ready', validate({}), async (_req, res) => {
    const checks = await readinessChecks(deps.store, deps.jobs);
    const failed = Object.entries(checks).filter(([, check]) => check !== 'ok');
    if (failed.length === 0) {
      res.json({ status: 'ready', checks });
      return;
    }
    sendProblem(res, {
      type: PROBLEM_TYPES.unavailable,
      title: 'Service Unavailable',
      status: 503,
      detail: `not ready: ${failed.map(([name, reason]) => `${name}: ${reason}`).join('; ')}`,
      checks,
    });
  });
  documentRoute(publicRoutes, {
    method: 'get',
    path: '/ready',
    summary: 'Readiness: the database and the job runner (Redis with REDIS_URL) answer (no token needed)',
    tags: ['meta'],
    role: 'public',
  });
  api.use(publicRoutes);

  api.use(authenticate(deps.store));

  const mounted: { path: string; router: Router; role: Role }[] = [
    { path: '/accounts', router: accountsRouter(context), role: 'auditor' },
    { path: '/organizations', router: organizationsRouter(context), role: 'auditor' },
    { path: '/organizations', router: organizationStructureRouter(context), role: 'auditor' },
    { path: '/syncs', router: syncsRouter(context), role: 'auditor' },
    { path: '/assets', router: assetsRouter(context), role: 'auditor' },
    { path: '/alerts', router: alertsRouter(context), role: 'auditor' },
    { path: '/attack-paths', router: attackPathsRouter(context), role: 'auditor' },
    { path: '/suppressions', router: suppressionsRouter(context), role: 'auditor' },
    { path: '/tokens', router: tokensRouter(context), role: 'admin' },
    { path: '/audit-log', router: auditRouter(context), role: 'auditor' },
    { path: '/me', router: meRouter(), role: 'auditor' },
    ...(deps.extraRouters ?? []).map((extra) => ({
      path: normaliseMountPath(extra.path),
      router: extra.router,
      role: extra.minimumRole,
    })),
  ];

  for (const doc of routeDocs(publicRoutes)) docs.push({ ...doc, fullPath: API_PREFIX + doc.path });
  for (const doc of routeDocs(events)) docs.push({ ...doc, fullPath: `${API_PREFIX}/events${doc.path}` });
  const openApiRouter = Router();
  documentRoute(openApiRouter, {
    method: 'get',
    path: '/openapi.json',
    summary: 'This OpenAPI 3.1 document',
    tags: ['meta'],
    role: 'auditor',
  });
  for (const { path, router, role } of [
    ...mounted,
    { path: '', router: openApiRouter, role: 'auditor' as Role },
  ]) {
    for (const doc of routeDocs(router)) {
      const fullPath = API_PREFIX + path + (doc.path === '/' && path !== '' ? '' : doc.path);
      docs.push({ ...doc, role: strongerRole(doc.role, role), fullPath });
    }
  }
  let openApiDocument: Record<string, unknown> | undefined;
  openApiRouter.get('/openapi.json', validate({}), (_req, res) => {
    openApiDocument ??= buildOpenApiDocument(docs, { version });
    res.json(openApiDocument);
  });

  api.use(openApiRouter);
  for (const { path, router, role } of mounted) api.use(path, requireRole(role), router);

  api.use((req: Request, _res: Response, next: NextFunction) => {
    next(new HttpProblem(404, 'Not Found', `No route ${req.method} ${req.originalUrl.split('?')[0]}.`));
  });
  app.use(API_PREFIX, api);
  app.use('/api', (req: Request, _res: Response, next: NextFunction) => {
    next(
      new HttpProblem(
        404,
        'Not Found',
        `No route ${req.method} ${req.originalUrl.split('?')[0]}; the API lives under ${API_PREFIX}.`,
      ),
    );
  });

  // Prometheus' conventional path, outside /api/v1 like the worker's; CLOUDWARD_METRICS_TOKEN or any API token.
  app.get(
    '/metrics',
    metricsAuth(deps.store, env.CLOUDWARD_METRICS_TOKEN || undefined),
    validate({}),
    metricsHandler(metrics),
  );
  docs.push({
    method: 'get',
    path: '/metrics',
    fullPath: '/metrics',
    summary: 'Prometheus metrics (CLOUDWARD_METRICS_TOKEN or any API token)',
    description:
      'Prometheus text format. Bearer CLOUDWARD_METRICS_TOKEN, or any valid API token (auditor or admin).',
    tags: ['meta'],
    role: 'auditor',
    otherMediaTypes: { 'text/plain': 'text' },
    successStatus: 200,
    problems: [],
  });

  mountWeb(app, deps.webDir === undefined ? DEFAULT_WEB_DIR : deps.webDir);

  app.use((req: Request, _res: Response, next: NextFunction) => {
    next(new HttpProblem(404, 'Not Found', `No route ${req.method} ${req.originalUrl.split('?')[0]}.`));
  });
  app.use(errorHandler(logger));
  return app;
}

function normaliseMountPath(path: string): string {
  const trimmed = '/' + path.replace(/^\/+|\/+$/g, '');
  if (trimmed === '/' || !/^\/[A-Za-z0-9/_-]+$/.test(trimmed))
    throw new Error(`extra router path "${path}" is not a plain path like /onboarding`);
  return trimmed;
}

function strongerRole(a: Role | 'public', b: Role): Role | 'public' {
  if (a === 'admin' || b === 'admin') return 'admin';
  return a === 'public' ? b : a;
}

interface BodyParserError extends Error {
  type?: string;
  status?: number;
  expose?: boolean;
}

/** Every error becomes an RFC 9457 problem; unexpected ones are logged and answered without internals. */
export function errorHandler(logger: AppLogger) {
  return (error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    const instance = req.originalUrl.split('?')[0];
    if (error instanceof HttpProblem) return sendProblem(res, error.toBody(instance));
    if (error instanceof NotFoundError)
      return sendProblem(res, new HttpProblem(404, 'Not Found', error.message).toBody(instance));
    if (error instanceof ConflictError)
      return sendProblem(res, new HttpProblem(409, 'Conflict', error.message).toBody(instance));
    // The store rejects values our schemas let through (a forged cursor, an id of the wrong shape).
    if (error instanceof InvalidInputError)
      return sendProblem(res, new HttpProblem(400, 'Bad Request', error.message).toBody(instance));
    const parserError = error as BodyParserError;
    if (parserError.type === 'entity.too.large') {
      return sendProblem(
        res,
        new HttpProblem(413, 'Content Too Large', 'The request body is larger than the limit.').toBody(
          instance,
        ),
      );
    }
    if (parserError.type === 'entity.parse.failed') {
      return sendProblem(
        res,
        new HttpProblem(400, 'Bad Request', 'The request body is not valid JSON.').toBody(instance),
      );
    }
    if (
      typeof parserError.status === 'number' &&
      parserError.status >= 400 &&
      parserError.status < 500 &&
      parserError.expose
    ) {
      return sendProblem(
        res,
        new HttpProblem(parserError.status, 'Bad Request', parserError.message).toBody(instance),
      );
    }
    logger.error(
      `${req.method} ${instance} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      { requestId: res.locals.requestId },
    );
    sendProblem(
      res,
      new HttpProblem(
        500,
        'Internal Server Error',
        'The server failed to handle the request; see its log.',
      ).toBody(instance),
    );
  };
}

const READY_TIMEOUT_MS = 3_000;

/** Each dependency's answer within a few seconds: 'ok' or why not. A hung database must not hang the probe. */
export async function readinessChecks(store: Store, jobs: JobQueue): Promise<Record<string, string>> {
  const check = async (probe: () => Promise<unknown>): Promise<string> => {
    try {
      await withTimeout(
        probe(),
        READY_TIMEOUT_MS,
        () => new Error(`no answer within ${READY_TIMEOUT_MS / 1000} s`),
      );
      return 'ok';
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  };
  const [database, jobRunner] = await Promise.all([
    check(() => store.listAccounts({ limit: 1 })),
    check(() => jobs.ready()),
  ]);
  return { database, jobs: jobRunner };
}

/** gzip/deflate/br for clients that ask; never an event stream (compression would hold its events back). */
function compressResponses() {
  return compression({
    filter: (req, res) => {
      const type = String(res.getHeader('Content-Type') ?? '');
      if (type.startsWith('text/event-stream')) return false;
      return compression.filter(req, res);
    },
  });
}

/**
 * Security headers on every response (helmet) and a Content-Security-Policy that lets the UI load only its own
 * bundle: no inline or third-party scripts, no framing. Inline style attributes stay allowed (React's `style`
 * props and the charts set them); they cannot run code.
 */
function securityHeaders() {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    // The UI and API are served over whatever the operator puts in front; HSTS is the proxy's decision.
    strictTransportSecurity: false,
    crossOriginEmbedderPolicy: false,
  });
}
