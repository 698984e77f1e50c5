// Axis, grid and tooltip styling shared by the charts. Colours are the palette's CSS variables
// (app/globals.css), so a chart follows the light or dark scheme without knowing which is on.
import type { CSSProperties } from 'react';
import { formatDateTime } from '@/lib/hud/format';

export const axisProps = {
  stroke: 'var(--line)',
  tick: { fill: 'var(--muted)', fontSize: 12 },
  tickLine: false,
} as const;

export const gridProps = { stroke: 'var(--line)', strokeDasharray: '3 3', vertical: false } as const;

const contentStyle: CSSProperties = {
  background: 'var(--background)',
  border: '1px solid var(--line)',
  borderRadius: 6,
  color: 'var(--foreground)',
  fontSize: 12,
};

export const tooltipProps = {
  contentStyle,
  separator: ': ',
  labelStyle: { color: 'var(--muted)' },
  cursor: { stroke: 'var(--muted)' },
  isAnimationActive: false,
  labelFormatter: (label: unknown) => (typeof label === 'number' ? formatDateTime(label) : String(label)),
};

/** Charts redraw on every live refresh; re-animating each time would only distract. */
export const seriesProps = { isAnimationActive: false, dot: false, strokeWidth: 2 } as const;
