'use client';
// The overview's history: the range picker and two charts (size; posted, reserved and deleted per
// second) for the range in the URL. The live range refreshes with the HUD's pausable polling.
import { ChartSkeleton } from '@/components/charts/chart-figure';
import { RatesChart } from '@/components/charts/rates-chart';
import { SizeChart } from '@/components/charts/size-chart';
import { EmptyState, ErrorNotice } from '@/components/ui/notices';
import { alertLines, alertLinesSummary } from '@/lib/hud/alert-lines';
import { HISTORY_RANGES } from '@/lib/hud/history-ranges';
import { ratesSummary, sizeSummary } from '@/lib/hud/history-summary';
import { useQueueHistoryQuery } from '@/lib/hud/queues/use-queue-history-query';
import type { AlertView, HistoryRange } from '@/lib/hud/types';
import { HistoryRangePicker } from './history-range-picker';

interface QueueHistoryChartsProps {
  projectId: string;
  queueName: string;
  range: HistoryRange;
  /** The queue's alerts, drawn as lines on the size chart. */
  alerts?: AlertView[];
  /** Only the size chart (the alerts tab), with the range picker's links on that tab. */
  isSizeOnly?: boolean;
}

export function QueueHistoryCharts({ projectId, queueName, range, alerts = [], isSizeOnly = false }: QueueHistoryChartsProps) {
  const history = useQueueHistoryQuery(projectId, queueName, range);
  const { span } = HISTORY_RANGES[range];
  const data = history.data;
  const sizes = data?.points.map((point) => point.size) ?? [];
  const lines = alertLines(alerts, Math.max(0, ...sizes));
  const grid = isSizeOnly ? '' : 'grid gap-4 lg:grid-cols-2';
  return (
    <section aria-labelledby="history-heading" className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="history-heading" className="text-lg font-semibold">History</h2>
        <HistoryRangePicker projectId={projectId} queueName={queueName} current={range} tab={isSizeOnly ? 'alerts' : 'overview'} />
      </div>
      {history.isPending && (
        <div className={grid}>
          <ChartSkeleton label="Loading the size chart" />
          {!isSizeOnly && <ChartSkeleton label="Loading the rates chart" />}
        </div>
      )}
      {history.isError && <ErrorNotice error={history.error} onRetry={() => history.refetch()} />}
      {data && !data.hasActivity && (
        <EmptyState title="No activity in this range yet">
          <p>Charts fill in as messages are posted, reserved and deleted. History is kept for 7 days.</p>
        </EmptyState>
      )}
      {data?.hasActivity && (
        <div className={grid}>
          <SizeChart points={data.points} bucketMs={data.bucketMs} summary={sizeSummary(sizes, span) + alertLinesSummary(lines)} lines={lines} />
          {!isSizeOnly && <RatesChart points={data.points} bucketMs={data.bucketMs} summary={ratesSummary(data.points, span)} />}
        </div>
      )}
    </section>
  );
}
