// What the HUD's server page shows (GET /api/server, admins only): the same figures /metrics
// exposes, shaped for people.
export interface ServerStatusView {
  version: string;
  /** Seconds since the process started. */
  uptimeSeconds: number;
  store: { kind: 'sqlite'; dataDir: string; dataBytes: number; diskFreeBytes: number };
  eventLoopDelayMs: { p50: number; p99: number };
  commits: { count: number; averageMs: number; p99Ms: number; averageBatchSize: number };
  requestsPerSecond: number;
  longPollsWaiting: number;
  memoryBytes: number;
}
