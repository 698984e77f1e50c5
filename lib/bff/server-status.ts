// The HUD's server page, read from the metrics registry /metrics serves (so the page and a
// Prometheus scrape never disagree) plus the data directory's size and its disk's free space.
import { readdirSync, statfsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { MetricObjectWithValues, MetricValue } from 'prom-client';
import type { ServerStatusView } from '../hud/server-types';
import type { Runtime } from '../runtime-access';

/** A metric as the registry reads it; histogram values carry the series name (`…_bucket`, `…_sum`, `…_count`). */
type Values = MetricObjectWithValues<MetricValue<string> & { metricName?: string }>;

const valueOf = (metric: Values | undefined, name = metric?.name) => metric?.values.find((v) => v.metricName === name || v.metricName === undefined)?.value ?? 0;

/** Count, mean and an upper bound of the 99th percentile (the bucket it falls in) of a histogram, in its own unit. */
function histogramSummary(metric: Values | undefined) {
  const values = metric?.values ?? [];
  const count = values.find((v) => v.metricName?.endsWith('_count'))?.value ?? 0;
  const sum = values.find((v) => v.metricName?.endsWith('_sum'))?.value ?? 0;
  const buckets = values.filter((v) => v.metricName?.endsWith('_bucket') && v.labels.le !== '+Inf');
  const p99 = buckets.find((bucket) => bucket.value >= count * 0.99)?.labels.le;
  return { count, mean: count > 0 ? sum / count : 0, p99: p99 === undefined ? 0 : Number(p99) };
}

function directoryBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) if (entry.isFile()) total += statSync(path.join(dir, entry.name)).size;
  return total;
}

export async function serverStatus(runtime: Runtime): Promise<ServerStatusView> {
  const metrics = await runtime.metrics.registry.getMetricsAsJSON();
  const byName = new Map(metrics.map((metric) => [metric.name, metric as Values]));
  const commitSeconds = histogramSummary(byName.get('ferro_commit_duration_seconds'));
  const batchSize = histogramSummary(byName.get('ferro_commit_batch_size'));
  const disk = statfsSync(runtime.dataDir);
  return {
    version: process.env.FERRO_VERSION ?? 'unknown',
    uptimeSeconds: Math.round((Date.now() - runtime.startedAtMs) / 1000),
    store: { kind: 'sqlite', dataDir: runtime.dataDir, dataBytes: directoryBytes(runtime.dataDir), diskFreeBytes: disk.bavail * disk.bsize },
    eventLoopDelayMs: {
      p50: valueOf(byName.get('nodejs_eventloop_lag_p50_seconds')) * 1000,
      p99: valueOf(byName.get('nodejs_eventloop_lag_p99_seconds')) * 1000,
    },
    commits: { count: commitSeconds.count, averageMs: commitSeconds.mean * 1000, p99Ms: commitSeconds.p99 * 1000, averageBatchSize: batchSize.mean },
    // Awaited: in the HUD's thread the metrics are the main thread's, a call away.
    requestsPerSecond: await runtime.metrics.requestsPerSecond(),
    longPollsWaiting: valueOf(byName.get('ferro_long_polls_waiting')),
    memoryBytes: valueOf(byName.get('process_resident_memory_bytes')),
  };
}
