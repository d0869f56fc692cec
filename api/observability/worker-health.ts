// `cloudward worker --health-port N`: what an orchestrator and Prometheus need from a worker, which serves no API:
// GET /health (the process answers), GET /ready (the database and Redis answer) and GET /metrics.
import { createServer, type Server } from 'node:http';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Store } from '../../store/store';
import { errorHandler, readinessChecks } from '../app';
import { HttpProblem, validate } from '../http';
import type { JobQueue } from '../jobs/queue';
import { PROBLEM_TYPES, sendProblem } from '../problem';
import { metricsAuth, metricsHandler, observeRequests, templateRouteNamer } from './http';
import type { AppLogger } from './logger';
import type { Metrics } from './metrics';

export interface WorkerHealthDeps {
  store: Store;
  jobs: JobQueue;
  metrics: Metrics;
  logger: AppLogger;
  env: NodeJS.ProcessEnv;
  version: string;
}

// /api/v1/health and /api/v1/ready too, as on serve: the image's HEALTHCHECK and probes written for serve work on
// a worker given --health-port 8080.
const ROUTES = ['/health', '/ready', '/api/v1/health', '/api/v1/ready', '/metrics'].map((path) => ({
  method: 'get',
  path,
}));

export function workerHealthApp(deps: WorkerHealthDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(
    observeRequests({
      logger: deps.logger,
      metrics: deps.metrics,
      routeName: templateRouteNamer(() => ROUTES),
    }),
  );
  app.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    next();
  });
  app.get(['/health', '/api/v1/health'], validate({}), (_req, res) => {
    res.json({ status: 'ok', version: deps.version, process: 'worker', jobs: deps.jobs.runner });
  });
  app.get(['/ready', '/api/v1/ready'], validate({}), async (_req, res, next) => {
    try {
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
    } catch (error) {
      next(error);
    }
  });
  app.get(
    '/metrics',
    metricsAuth(deps.store, deps.env.CLOUDWARD_METRICS_TOKEN || undefined),
    validate({}),
    metricsHandler(deps.metrics),
  );
  app.use((req: Request, _res: Response, next: NextFunction) => {
    next(
      new HttpProblem(
        404,
        'Not Found',
        `No route ${req.method} ${req.originalUrl.split('?')[0]}; a worker serves /health, /ready and /metrics.`,
      ),
    );
  });
  app.use(errorHandler(deps.logger));
  return app;
}

/** Listens on `host:port`; rejects with a readable reason when the port is taken or the address is not ours. */
export function listenWorkerHealth(app: express.Express, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer(app);
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') reject(new Error(`health port ${port} is already in use`));
      else if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND')
        reject(new Error(`--health-host ${host} is not an address of this machine`));
      else reject(error);
    });
    server.listen(port, host, () => resolve(server));
  });
}
