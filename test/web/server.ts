// A real Cloudward server for the end-to-end tests: in-memory store, the demo estate, every router the UI
// uses (core, controls/frameworks, onboarding, web support), in-process jobs, web/dist at `/`.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { createApp } from '../../api/app';
import { generateToken, hashToken } from '../../api/auth';
import { defaultIntegrations } from '../../api/integrations';
import { registerAccountJobs } from '../../api/jobs/account-jobs';
import { InProcessJobQueue } from '../../api/jobs/in-process';
import { controlsExtraRouters, resolveControlIds } from '../../api/routes/controls';
import { onboardingExtraRouters } from '../../api/routes/onboarding';
import { webSupportExtraRouters } from '../../api/routes/web-support';
import { createSecretBox } from '../../api/secrets';
import { allOperations } from '../../collector/registry';
import { openStore } from '../../store';
import type { Store } from '../../store/store';
import { seedSmallEstate } from './seed';

const TRUSTED_PRINCIPAL = 'arn:aws:iam::999999999999:role/CloudwardCollector';

export const WEB_DIST = path.join(__dirname, '../../web/dist');

/** Debian's Chromium (never a downloaded one). */
export const CHROMIUM = '/usr/bin/chromium';
export const haveChromium = existsSync(CHROMIUM);

/** `describe` where Chromium is installed; elsewhere `describe.skip`, with a line saying which suite and why. */
export function describeWithChromium(suite: string): jest.Describe {
  if (haveChromium) return describe;
  console.warn(`Skipping the ${suite}: ${CHROMIUM} is absent (apt-get install chromium).`);
  return describe.skip;
}

/** Headless Chromium for the browser suites, once the UI is built (a missing build fails, it is not skipped). */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(path.join(WEB_DIST, 'index.html')))
    throw new Error('web/dist is missing: run `npm run build:web` before the browser tests');
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface WebServer {
  url: string;
  store: Store;
  adminToken: string;
  auditorToken: string;
  /** "demo" when demo/index.ts loaded the estate; "seed" when the small fallback estate was used; "empty": fresh. */
  estate: 'demo' | 'seed' | 'empty';
  close(): Promise<void>;
}

export interface WebServerOptions {
  /**
   * A fresh install: no accounts, no estate, and no CLOUDWARD_TRUSTED_PRINCIPAL (Cloudward must find or ask for
   * its own identity, as `serve` does with an empty environment).
   */
  fresh?: boolean;
  /** Added to the server's environment (e.g. CLOUDWARD_TEMPLATE_URL). */
  env?: NodeJS.ProcessEnv;
}

export async function startWebServer(options: WebServerOptions = {}): Promise<WebServer> {
  const store = await openStore({ memory: true });
  const secrets = createSecretBox(randomBytes(32));
  const jobs = new InProcessJobQueue();
  const env: NodeJS.ProcessEnv = {
    // No AWS here: test-connection must fail fast and clearly, not wait on the instance metadata service.
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_REGION: 'us-east-1',
    AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
    ...(options.fresh ? {} : { CLOUDWARD_TRUSTED_PRINCIPAL: TRUSTED_PRINCIPAL }),
    ...options.env,
  };
  const integrations = defaultIntegrations({ store, secrets, jobs, env });
  const adminToken = generateToken();
  const auditorToken = generateToken();
  await store.createToken({ name: 'e2e admin', role: 'admin', tokenHash: hashToken(adminToken) });
  await store.createToken({ name: 'e2e auditor', role: 'auditor', tokenHash: hashToken(auditorToken) });
  // The same wiring as `cloudward serve --demo` (api/integrations.ts); the small estate only while no demo exists.
  let estate: WebServer['estate'] = 'demo';
  if (options.fresh) estate = 'empty';
  else if (integrations.loadDemo) await integrations.loadDemo(store);
  else {
    await seedSmallEstate(store);
    estate = 'seed';
  }
  registerAccountJobs({
    store,
    queue: jobs,
    runSync: integrations.runSync,
    runEvaluation: integrations.runEvaluation,
  });
  const app = createApp({
    store,
    secrets,
    jobs,
    env,
    webDir: WEB_DIST,
    resolveControlIds: integrations.resolveControlIds ?? resolveControlIds,
    extraRouters: integrations.extraRouters ?? [
      ...webSupportExtraRouters({
        store,
        resolveControlIds,
        onboarding: { trustedPrincipal: TRUSTED_PRINCIPAL, operations: allOperations },
      }),
      ...controlsExtraRouters({ store }),
      ...onboardingExtraRouters({
        store,
        decryptExternalId: (ciphertext) => secrets.decrypt(ciphertext),
        trustedPrincipal: TRUSTED_PRINCIPAL,
        operations: allOperations,
      }),
    ],
  });
  const server = await new Promise<Server>((resolve, reject) => {
    const listening = app.listen(0, '127.0.0.1');
    listening.once('listening', () => resolve(listening));
    listening.once('error', reject);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    store,
    adminToken,
    auditorToken,
    estate,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await jobs.close({ graceMs: 1000 });
      await store.close();
    },
  };
}
