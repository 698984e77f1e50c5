// Every series GET /metrics exposes, in one place (prom-client, the Prometheus text format).
// Parts of the server report through the small `observe…` functions here, so none of them
// depends on prom-client; per-queue series are read from the store at scrape time
// (queue-series.ts), and process series come from prom-client's default collectors.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { CheckpointEvent } from '../engine/sqlite/wal-checkpointer';

/** Seconds: from a fast read to a long poll's full 30 s. */
const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const BATCH_BUCKETS = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024];

export interface RequestObservation {
  /** `v1`, `v3` or `hud`. */
  api: string;
  method: string;
  /** The route's template (`/3/projects/{project}/queues/{queue}/messages`), never the raw path. */
  route: string;
  status: number;
  durationMs: number;
}

export interface PushObservation {
  result: 'delivered' | 'accepted' | 'failed';
  /** A try after an earlier failed one. */
  isRetry: boolean;
  durationMs: number;
}

/** Requests counted per second over the last minute, for the HUD's server page (Prometheus computes its own rates). */
function requestRate() {
  const SLOTS = 60;
  const counts = new Array<number>(SLOTS).fill(0);
  let slotSecond = Math.floor(Date.now() / 1000);
  const advance = () => {
    const second = Math.floor(Date.now() / 1000);
    for (let s = slotSecond + 1; s <= second && s <= slotSecond + SLOTS; s += 1) counts[s % SLOTS] = 0;
    slotSecond = Math.max(slotSecond, second);
  };
  return {
    count() {
      advance();
      counts[slotSecond % SLOTS] += 1;
    },
    /** Requests per second over the last `windowS` whole seconds. */
    perSecond(windowS: number): number {
      advance();
      let total = 0;
      for (let s = slotSecond - windowS; s < slotSecond; s += 1) total += counts[((s % SLOTS) + SLOTS) % SLOTS];
      return total / windowS;
    },
  };
}

export function createMetrics() {
  const registry = new Registry();
  const rate = requestRate();
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 10 });
  const requests = new Counter({ name: 'ferro_http_requests_total', help: 'HTTP requests answered, by API, method, route template and status.', labelNames: ['api', 'method', 'route', 'status'], registers: [registry] });
  const requestSeconds = new Histogram({ name: 'ferro_http_request_duration_seconds', help: 'Time to answer an HTTP request (long polls included).', labelNames: ['api', 'method', 'route'], buckets: LATENCY_BUCKETS, registers: [registry] });
  const commitSize = new Histogram({ name: 'ferro_commit_batch_size', help: 'Writes made durable by one group commit.', buckets: BATCH_BUCKETS, registers: [registry] });
  const commitSeconds = new Histogram({ name: 'ferro_commit_duration_seconds', help: 'Time of one group commit, BEGIN to COMMIT with its fsync.', buckets: LATENCY_BUCKETS, registers: [registry] });
  const checkpointSeconds = new Histogram({ name: 'ferro_checkpoint_duration_seconds', help: 'Time of one checkpoint pass (SQLite), copying WAL frames into the database file with its fsyncs, by outcome: copied or failed.', labelNames: ['outcome'], buckets: LATENCY_BUCKETS, registers: [registry] });
  const heldSeconds = new Histogram({ name: 'ferro_commits_held_seconds', help: 'Time commits waited while a checkpoint emptied the WAL so that it could start over (SQLite).', buckets: LATENCY_BUCKETS, registers: [registry] });
  const pushAttempts = new Counter({ name: 'ferro_push_attempts_total', help: 'Push attempts by outcome: delivered (2xx), accepted (202, awaiting acknowledgement), failed.', labelNames: ['outcome'], registers: [registry] });
  const pushRetries = new Counter({ name: 'ferro_push_retries_total', help: 'Push attempts that retried an earlier failed one.', registers: [registry] });
  const pushSeconds = new Histogram({ name: 'ferro_push_attempt_duration_seconds', help: 'Time of one push attempt, connection to answer.', buckets: LATENCY_BUCKETS, registers: [registry] });

  return {
    registry,
    /** Requests answered per second over the last `windowS` seconds. */
    requestsPerSecond: (windowS = 10) => rate.perSecond(windowS),
    observeRequest(request: RequestObservation): void {
      rate.count();
      requests.inc({ api: request.api, method: request.method, route: request.route, status: String(request.status) });
      requestSeconds.observe({ api: request.api, method: request.method, route: request.route }, request.durationMs / 1000);
    },
    observeCommit(batchSize: number, durationMs: number): void {
      commitSize.observe(batchSize);
      commitSeconds.observe(durationMs / 1000);
    },
    observeCheckpoint(event: CheckpointEvent): void {
      if (event.kind === 'hold') heldSeconds.observe(event.durationMs / 1000);
      else checkpointSeconds.observe({ outcome: event.error === undefined ? 'copied' : 'failed' }, event.durationMs / 1000);
    },
    observePush(push: PushObservation): void {
      pushAttempts.inc({ outcome: push.result });
      if (push.isRetry) pushRetries.inc();
      pushSeconds.observe(push.durationMs / 1000);
    },
    /** A gauge whose value is read when scraped, e.g. the long polls waiting now. */
    gauge(name: string, help: string, read: () => number): void {
      new Gauge({
        name,
        help,
        registers: [registry],
        collect() {
          this.set(read());
        },
      });
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
