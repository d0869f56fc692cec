// The demo loaded once per test file (the slow part: every account and round through the real collector and
// evaluator), and the stored results the demo tests read back.
import { loadDemo, type LoadDemoResult } from '../../demo';
import { clockStartingAt, openStore } from '../../store';
import type { EvaluationResult } from '../../store/model';
import type { Store } from '../../store/store';

/** The store's clock starts here, so the demo's dates and ages are the same on every run. */
export const DEMO_NOW = new Date('2026-11-01T12:00:00Z');

export interface LoadedDemo {
  /** The store and loadDemo's result, readable once beforeAll has loaded them. */
  readonly store: Store;
  readonly result: LoadDemoResult;
  /** The results of `controlId` in the demo account named `accountName`. */
  results(accountName: string, controlId: string): Promise<(EvaluationResult & { evaluatedAt: string })[]>;
  /** `<asset id's last segment>: <status>` for each of those results, sorted. */
  verdicts(accountName: string, controlId: string): Promise<string[]>;
}

/** Loads the demo into an in-memory store before the file's tests and closes it after. */
export function loadDemoForFile(): LoadedDemo {
  let store: Store | undefined;
  let result: LoadDemoResult | undefined;
  beforeAll(async () => {
    store = await openStore({ memory: true, clock: clockStartingAt(DEMO_NOW) });
    result = await loadDemo(store);
  }, 300_000);
  afterAll(async () => {
    await store?.close();
  });
  const loaded = () => {
    if (!store || !result) throw new Error('the demo loads in beforeAll: read it from a test');
    return { store, result };
  };
  const demo: LoadedDemo = {
    get store() {
      return loaded().store;
    },
    get result() {
      return loaded().result;
    },
    async results(accountName, controlId) {
      const account = demo.result.accounts.find((candidate) => candidate.name === accountName)!;
      const { items } = await demo.store.listResults({ accountId: account.id, controlId }, { limit: 100 });
      return items;
    },
    async verdicts(accountName, controlId) {
      return (await demo.results(accountName, controlId))
        .map((row) => `${row.assetId.split(/[:/]/).pop()}: ${row.status}`)
        .sort();
    },
  };
  return demo;
}
