'use client';
// Queue size over time: a presentation-only chart of the points the BFF shaped.
import { Area, AreaChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import { formatChartTime } from '@/lib/hud/format';
import type { QueueHistoryPoint } from '@/lib/hud/types';
import { ChartFigure } from './chart-figure';
import { axisProps, gridProps, seriesProps, tooltipProps } from './chart-theme';

interface SizeChartProps {
  points: QueueHistoryPoint[];
  /** Width of one point (ms), for the time labels. */
  bucketMs: number;
  summary: string;
}

export function SizeChart({ points, bucketMs, summary }: SizeChartProps) {
  return (
    <ChartFigure title="Queue size" summary={summary}>
      <AreaChart responsive data={points} title="Queue size" style={{ width: '100%', height: '100%' }} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid {...gridProps} />
        <XAxis dataKey="t" {...axisProps} minTickGap={32} tickFormatter={(t: number) => formatChartTime(t, bucketMs)} />
        <YAxis {...axisProps} allowDecimals={false} width={48} tickFormatter={(value: number) => value.toLocaleString('en-US')} />
        <Tooltip {...tooltipProps} formatter={(value) => [Number(value).toLocaleString('en-US'), 'Size']} />
        <Area {...seriesProps} type="linear" dataKey="size" name="Size" stroke="var(--accent)" fill="var(--accent)" fillOpacity={0.15} />
      </AreaChart>
    </ChartFigure>
  );
}
