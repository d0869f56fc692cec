// Prometheus metrics of one `serve` or `worker` process (prom-client), in a registry of its own so two apps in one
// process (tests) do not share counters. Label values are bounded: outcomes, AWS operation names, route templates.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { AwsCallObserver } from '../../collector/clients';
import type { Store } from '../../store/store';

export const METRICS_CONTENT_TYPE = Registry.PROMETHEUS_CONTENT_TYPE;

export class Metrics {
  readonly registry = new Registry();
  readonly syncs: Counter<'outcome'>;
  readonly syncDuration: Histogram<'outcome'>;
  readonly evaluations: Counter<'outcome'>;
  readonly evaluationDuration: Histogram<'outcome'>;
  readonly awsCalls: Counter<'service' | 'operation'>;
  readonly awsThrottles: Counter<'service' | 'operation'>;
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  private depthStore: Store | undefined;

  /** `processMetrics`: also Node's own (CPU, memory, event loop), for the real processes; tests leave them out. */
  constructor(options: { processMetrics?: boolean } = {}) {
    const registers = [this.registry];
    this.syncs = new Counter({
      name: 'cloudward_syncs_total',
      help: 'Sync attempts by outcome: succeeded, partial, failed (a thrown attempt counts as failed)',
      labelNames: ['outcome'],
      registers,
    });
    this.syncDuration = new Histogram({
      name: 'cloudward_sync_duration_seconds',
      help: 'Duration of sync attempts',
      labelNames: ['outcome'],
      buckets: [1, 5, 15, 30, 60, 120, 300, 600, 1200, 3600],
      registers,
    });
    this.evaluations = new Counter({
      name: 'cloudward_evaluations_total',
      help: 'Account evaluations by outcome: succeeded, failed',
      labelNames: ['outcome'],
      registers,
    });
    this.evaluationDuration = new Histogram({
      name: 'cloudward_evaluation_duration_seconds',
      help: 'Duration of account evaluations (every control against the stored assets)',
      labelNames: ['outcome'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
      registers,
    });
    this.awsCalls = new Counter({
      name: 'cloudward_aws_calls_total',
      help: 'AWS API calls sent by syncs (retries not counted), by service and operation',
      labelNames: ['service', 'operation'],
      registers,
    });
    this.awsThrottles = new Counter({
      name: 'cloudward_aws_throttles_total',
      help: 'AWS answers that were throttling errors (each throttled attempt), by service and operation',
      labelNames: ['service', 'operation'],
      registers,
    });
    this.httpDuration = new Histogram({
      name: 'cloudward_http_request_duration_seconds',
      help: 'HTTP requests by method, route template and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    // Read from the store at scrape time: the store is the queue's durable truth for both runners.
    const depth = () => this.depthStore;
    new Gauge({
      name: 'cloudward_queue_depth',
      help: 'Work waiting or running, from the store: syncs queued or running, accounts awaiting evaluation',
      labelNames: ['kind', 'state'],
      registers,
      async collect() {
        const store = depth();
        if (!store) return;
        this.reset();
        // A failing store must not fail the whole scrape; the gauge is simply absent then.
        try {
          const [syncs, evaluations] = await Promise.all([
            store.listUnfinishedSyncs(),
            store.listAccountsNeedingEvaluation(),
          ]);
          this.set({ kind: 'sync', state: 'queued' }, syncs.filter((s) => s.status === 'queued').length);
          this.set({ kind: 'sync', state: 'running' }, syncs.filter((s) => s.status === 'running').length);
          this.set({ kind: 'evaluation', state: 'requested' }, evaluations.length);
        } catch {
          this.reset();
        }
      },
    });
    if (options.processMetrics) collectDefaultMetrics({ register: this.registry });
  }

  /** Reports queue depth from this store. */
  watchQueue(store: Store): void {
    this.depthStore = store;
  }

  /** The collector's hook: `EC2.DescribeInstances` -> service EC2, operation DescribeInstances. */
  awsCallObserver(): AwsCallObserver {
    const labels = (api: string) => {
      const dot = api.indexOf('.');
      return dot < 0
        ? { service: api, operation: '' }
        : { service: api.slice(0, dot), operation: api.slice(dot + 1) };
    };
    return {
      call: (api) => this.awsCalls.inc(labels(api)),
      throttle: (api) => this.awsThrottles.inc(labels(api)),
    };
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }
}
