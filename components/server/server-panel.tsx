'use client';
// The admins' server page: what the process is and how it is doing, from the same figures
// /metrics exposes, refreshed live.
import { StatCard } from '@/components/queue/stat-card';
import { ErrorNotice, SkeletonRows } from '@/components/ui/notices';
import { formatBytes, formatRate, formatUptime } from '@/lib/hud/format';
import { useServerStatusQuery } from '@/lib/hud/server/use-server-status-query';

const ms = (value: number) => `${value < 10 ? value.toFixed(2) : Math.round(value)} ms`;

export function ServerPanel() {
  const status = useServerStatusQuery();
  if (status.isPending) return <SkeletonRows rows={3} label="Loading server figures" />;
  if (status.isError) return <ErrorNotice error={status.error} onRetry={() => status.refetch()} />;
  const s = status.data;
  return (
    <div className="mt-6 space-y-8">
      <section aria-labelledby="process-heading">
        <h2 id="process-heading" className="text-lg font-semibold">Process</h2>
        <dl className="mt-3 grid grid-cols-2 gap-3 md:grid-cols-4">
          <StatCard label="Version" value={s.version} hint="Ferro release running" />
          <StatCard label="Uptime" value={formatUptime(s.uptimeSeconds)} hint="Since this process started" />
          <StatCard label="Memory" value={formatBytes(s.memoryBytes)} hint="Resident set size of the process" />
          <StatCard label="Requests" value={formatRate(s.requestsPerSecond)} hint="Answered, last 10 s, API and HUD" />
        </dl>
      </section>
      <section aria-labelledby="store-heading">
        <h2 id="store-heading" className="text-lg font-semibold">Store</h2>
        <p className="mt-1 text-sm text-muted">
          Embedded SQLite in <code className="font-mono [overflow-wrap:anywhere]">{s.store.dataDir}</code>
        </p>
        <dl className="mt-3 grid grid-cols-2 gap-3 md:grid-cols-4">
          <StatCard label="Data size" value={formatBytes(s.store.dataBytes)} hint="Databases and their logs" />
          <StatCard label="Disk free" value={formatBytes(s.store.diskFreeBytes)} hint="On the data directory's disk" />
          <StatCard label="Commit latency" value={ms(s.commits.averageMs)} hint={`Average group commit with fsync; p99 ≤ ${ms(s.commits.p99Ms)}`} />
          <StatCard label="Writes per commit" value={s.commits.averageBatchSize.toFixed(1)} hint={`Average over ${s.commits.count.toLocaleString('en-US')} commits`} />
        </dl>
      </section>
      <section aria-labelledby="loop-heading">
        <h2 id="loop-heading" className="text-lg font-semibold">Event loop</h2>
        <dl className="mt-3 grid grid-cols-2 gap-3 md:grid-cols-4">
          <StatCard label="Delay p50" value={ms(s.eventLoopDelayMs.p50)} hint="How late timers run: the API waits this long" />
          <StatCard label="Delay p99" value={ms(s.eventLoopDelayMs.p99)} hint="The worst 1% of that" />
          <StatCard label="Long polls" value={s.longPollsWaiting} hint="Reserves waiting for a message now" />
        </dl>
      </section>
      <p className="text-sm text-muted">
        Prometheus reads the same figures, and more, from <code className="font-mono">/metrics</code>; load balancers use{' '}
        <code className="font-mono">/healthz</code> and <code className="font-mono">/readyz</code>.
      </p>
    </div>
  );
}
