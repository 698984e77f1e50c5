'use client';
// The overview's history: the range picker and two charts (size; posted, reserved and deleted per
// second) for the range in the URL. The live range refreshes with the HUD's pausable polling.
import { ChartSkeleton } from '@/components/charts/chart-figure';
import { RatesChart } from '@/components/charts/rates-chart';
import { SizeChart } from '@/components/charts/size-chart';
import { EmptyState, ErrorNotice } from '@/components/ui/notices';
import { HISTORY_RANGES } from '@/lib/hud/history-ranges';
import { ratesSummary, sizeSummary } from '@/lib/hud/history-summary';
import { useQueueHistoryQuery } from '@/lib/hud/queues/use-queue-history-query';
import type { HistoryRange } from '@/lib/hud/types';
import { HistoryRangePicker } from './history-range-picker';

interface QueueHistoryChartsProps {
  projectId: string;
  queueName: string;
  range: HistoryRange;
}

export function QueueHistoryCharts({ projectId, queueName, range }: QueueHistoryChartsProps) {
  const history = useQueueHistoryQuery(projectId, queueName, range);
  const { span } = HISTORY_RANGES[range];
  const data = history.data;
  return (
    <section aria-labelledby="history-heading" className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="history-heading" className="text-lg font-semibold">History</h2>
        <HistoryRangePicker projectId={projectId} queueName={queueName} current={range} />
      </div>
      {history.isPending && (
        <div className="grid gap-4 lg:grid-cols-2">
          <ChartSkeleton label="Loading the size chart" />
          <ChartSkeleton label="Loading the rates chart" />
        </div>
      )}
      {history.isError && <ErrorNotice error={history.error} onRetry={() => history.refetch()} />}
      {data && !data.hasActivity && (
        <EmptyState title="No activity in this range yet">
          <p>Charts fill in as messages are posted, reserved and deleted. History is kept for 7 days.</p>
        </EmptyState>
      )}
      {data?.hasActivity && (
        <div className="grid gap-4 lg:grid-cols-2">
          <SizeChart points={data.points} bucketMs={data.bucketMs} summary={sizeSummary(data.points.map((point) => point.size), span)} />
          <RatesChart points={data.points} bucketMs={data.bucketMs} summary={ratesSummary(data.points, span)} />
        </div>
      )}
    </section>
  );
}
