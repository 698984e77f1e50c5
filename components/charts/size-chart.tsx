'use client';
// Queue size over time: a presentation-only chart of the points the BFF shaped, with optional
// horizontal lines (the queue's alert triggers) shaped by the caller.
import { Area, AreaChart, CartesianGrid, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { formatChartTime } from '@/lib/hud/format';
import type { QueueHistoryPoint } from '@/lib/hud/types';
import { ChartFigure } from './chart-figure';
import { axisProps, gridProps, seriesProps, tooltipProps } from './chart-theme';

interface SizeChartProps {
  points: QueueHistoryPoint[];
  /** Width of one point (ms), for the time labels. */
  bucketMs: number;
  summary: string;
  /** Sizes to mark with a dashed line and a label; the axis stretches to show every one. */
  lines?: Array<{ value: number; label: string }>;
}

export function SizeChart({ points, bucketMs, summary, lines = [] }: SizeChartProps) {
  const highestLine = Math.max(0, ...lines.map((line) => line.value));
  return (
    <ChartFigure title="Queue size" summary={summary}>
      <AreaChart responsive data={points} title="Queue size" style={{ width: '100%', height: '100%' }} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid {...gridProps} />
        <XAxis dataKey="t" {...axisProps} minTickGap={32} tickFormatter={(t: number) => formatChartTime(t, bucketMs)} />
        <YAxis
          {...axisProps}
          allowDecimals={false}
          width={48}
          domain={[0, (dataMax: number) => Math.max(dataMax, highestLine)]}
          tickFormatter={(value: number) => value.toLocaleString('en-US')}
        />
        <Tooltip {...tooltipProps} formatter={(value) => [Number(value).toLocaleString('en-US'), 'Size']} />
        <Area {...seriesProps} type="linear" dataKey="size" name="Size" stroke="var(--accent)" fill="var(--accent)" fillOpacity={0.15} />
        {lines.map((line) => (
          <ReferenceLine
            key={line.value}
            y={line.value}
            stroke="var(--danger)"
            strokeDasharray="4 4"
            ifOverflow="extendDomain"
            label={{ value: line.label, position: 'insideTopLeft', fill: 'var(--muted)', fontSize: 11 }}
            className="alert-line"
          />
        ))}
      </AreaChart>
    </ChartFigure>
  );
}
