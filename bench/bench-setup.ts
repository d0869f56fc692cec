// What the store, overview and web benchmarks all set up: a store of their own on either engine (removed at the
// end), the bench accounts, the real API server over that store, and Debian's Chromium (the browser tests launch
// it from here too).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { createApp } from '../api/app';
import { defaultIntegrations } from '../api/integrations';
import { InProcessJobQueue } from '../api/jobs/in-process';
import { createSecretBox } from '../api/secrets';
import { openStore, SqlStore } from '../store';

export type BenchEngine = 'pglite' | 'postgres';

export interface BenchStore {
  store: SqlStore;
  /** Closes the store and removes what it wrote (the PGlite directory or the PostgreSQL schema). */
  close(): Promise<void>;
}

/**
 * PostgreSQL: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test) in a schema of its own, dropped on
 * close. PGlite: a temporary data directory on disk, removed on close.
 */
export async function openBenchStore(engine: BenchEngine, name: string): Promise<BenchStore> {
  if (engine === 'postgres') {
    const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
    const schema = `cw_${name.replace(/\W/g, '_')}_${randomBytes(4).toString('hex')}`;
    const store = (await openStore({ databaseUrl, schema })) as SqlStore;
    return {
      store,
      async close() {
        await store.close();
        const admin = (await openStore({ databaseUrl, migrate: false })) as SqlStore;
        await admin.db.script(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await admin.close();
      },
    };
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), `cloudward-${name}-`));
  const store = (await openStore({ dataDir })) as SqlStore;
  return {
    store,
    async close() {
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** `count` accounts named "bench 0", "bench 1", ... with AWS ids from 123456789012 up; returns their ids. */
export async function createBenchAccounts(store: SqlStore, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let a = 0; a < count; a++) {
    const awsAccountId = String(123456789012 + a);
    const account = await store.createAccount({
      name: `bench ${a}`,
      awsAccountId,
      roleArn: `arn:aws:iam::${awsAccountId}:role/r`,
      externalIdCiphertext: 'x',
      regions: ['eu-west-1'],
    });
    ids.push(account.id);
  }
  return ids;
}

export interface BenchServer {
  /** http://127.0.0.1:<port> */
  base: string;
  close(): Promise<void>;
}

/** The API as `serve` wires it (every router, in-process jobs), with the built UI at `/` when `webDir` is set. */
export async function startBenchServer(store: SqlStore, webDir: string | null): Promise<BenchServer> {
  const jobs = new InProcessJobQueue();
  const secrets = createSecretBox(randomBytes(32));
  const integrations = defaultIntegrations({ store, secrets, jobs, env: {} });
  const app = createApp({
    store,
    secrets,
    jobs,
    webDir,
    env: {},
    resolveControlIds: integrations.resolveControlIds,
    isKnownControl: integrations.isKnownControl,
    extraRouters: integrations.extraRouters,
  });
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const address = server.address();
  return {
    base: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await jobs.close({ graceMs: 100 });
    },
  };
}

/** Debian's Chromium (never a downloaded one). */
export const CHROMIUM = '/usr/bin/chromium';

/** Headless Chromium without the background traffic (updates, sync, QUIC) that would blur timings. */
export function launchHeadlessChromium(): Promise<Browser> {
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
