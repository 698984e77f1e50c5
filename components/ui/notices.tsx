// Small presentational pieces shared by every screen: empty states, errors and loading skeletons.
import type { ReactNode } from 'react';
import { errorMessage } from '@/lib/hud/fetch-json';

export function EmptyState({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="rounded-lg border border-dashed border-line p-8 text-center">
      <h2 className="text-lg font-semibold">{title}</h2>
      <div className="mx-auto mt-2 max-w-xl text-sm text-muted">{children}</div>
    </section>
  );
}

export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <div role="alert" className="rounded-lg border border-danger p-4 text-sm">
      <p className="font-medium text-danger">Could not load this: {errorMessage(error)}</p>
      {onRetry && (
        <button type="button" onClick={onRetry} className="mt-2 underline">
          Try again
        </button>
      )}
    </div>
  );
}

/** Grey bars standing in for rows while data loads. */
export function SkeletonRows({ rows = 3, label = 'Loading' }: { rows?: number; label?: string }) {
  return (
    <div role="status" aria-label={label} className="space-y-2">
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="h-10 animate-pulse rounded-md bg-surface" />
      ))}
    </div>
  );
}
