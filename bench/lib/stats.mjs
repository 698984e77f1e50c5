// Latency summaries for the benchmark: nearest-rank percentiles over samples in milliseconds.

/** The p-th percentile (0..100) of ascending `sorted` by nearest rank. */
export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(Math.max(rank, 1), sorted.length) - 1];
}

/** Count, min, p50, p90, p99, max and mean of latency samples (ms), rounded to microseconds. */
export function summarize(samplesMs) {
  const sorted = Float64Array.from(samplesMs).sort();
  const round = (ms) => Math.round(ms * 1000) / 1000;
  const sum = sorted.reduce((total, ms) => total + ms, 0);
  return {
    count: sorted.length,
    minMs: round(sorted[0] ?? NaN),
    p50Ms: round(percentile(sorted, 50)),
    p90Ms: round(percentile(sorted, 90)),
    p99Ms: round(percentile(sorted, 99)),
    maxMs: round(sorted[sorted.length - 1] ?? NaN),
    meanMs: round(sum / sorted.length),
  };
}

/** Items per second over `elapsedMs`, rounded to a whole number. */
export function perSecond(count, elapsedMs) {
  return Math.round((count * 1000) / elapsedMs);
}
