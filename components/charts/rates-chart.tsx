'use client';
// Messages in and out per second (posted, reserved, deleted) over time: presentation only, from
// the points the BFF shaped. Each series has its own dash too, so colour is never the only cue.
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { formatChartTime, formatRate } from '@/lib/hud/format';
import type { QueueHistoryPoint } from '@/lib/hud/types';
import { ChartFigure } from './chart-figure';
import { axisProps, gridProps, seriesProps, tooltipProps } from './chart-theme';

const SERIES = [
  { key: 'posted', name: 'Posted', color: 'var(--info)', dash: undefined },
  { key: 'reserved', name: 'Reserved', color: 'var(--warn)', dash: '6 3' },
  { key: 'removed', name: 'Deleted', color: 'var(--ok)', dash: '2 2' },
] as const;

interface RatesChartProps {
  points: QueueHistoryPoint[];
  /** Width of one point (ms), for the time labels. */
  bucketMs: number;
  summary: string;
}

export function RatesChart({ points, bucketMs, summary }: RatesChartProps) {
  return (
    <ChartFigure title="Messages in and out per second" summary={summary}>
      <LineChart responsive data={points} title="Messages in and out per second" style={{ width: '100%', height: '100%' }} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid {...gridProps} />
        <XAxis dataKey="t" {...axisProps} minTickGap={32} tickFormatter={(t: number) => formatChartTime(t, bucketMs)} />
        <YAxis {...axisProps} width={48} tickFormatter={(value: number) => Number(value.toPrecision(3)).toLocaleString('en-US')} />
        <Tooltip {...tooltipProps} formatter={(value, name) => [formatRate(Number(value)), name]} />
        <Legend iconType="plainline" itemSorter={null} wrapperStyle={{ fontSize: 12 }} />
        {SERIES.map((series) => (
          <Line key={series.key} {...seriesProps} type="linear" dataKey={series.key} name={series.name} stroke={series.color} strokeDasharray={series.dash} />
        ))}
      </LineChart>
    </ChartFigure>
  );
}
