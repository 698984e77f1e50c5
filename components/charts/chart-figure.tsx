'use client';
// The frame every chart sits in: a title, a one-line summary that also describes the chart to
// screen readers, and a fixed-height plot so the page does not jump when data arrives.
import { useId, type ReactNode } from 'react';

export function ChartFigure({ title, summary, children }: { title: string; summary: string; children: ReactNode }) {
  const id = useId();
  return (
    <figure aria-labelledby={`${id}-title`} aria-describedby={`${id}-summary`} className="min-w-0 rounded-lg border border-line p-4">
      <figcaption>
        <span id={`${id}-title`} className="block text-sm font-medium">{title}</span>
        <span id={`${id}-summary`} className="mt-0.5 block text-xs text-muted">{summary}</span>
      </figcaption>
      <div className="mt-3 h-48">{children}</div>
    </figure>
  );
}

/** The placeholder of one chart while its data loads, the same size as the chart it stands for. */
export function ChartSkeleton({ label }: { label: string }) {
  return (
    <div role="status" aria-label={label} className="rounded-lg border border-line p-4">
      <div className="h-4 w-32 animate-pulse rounded bg-surface" />
      <div className="mt-2 h-3 w-48 animate-pulse rounded bg-surface" />
      <div className="mt-3 h-48 animate-pulse rounded-md bg-surface" />
    </div>
  );
}
