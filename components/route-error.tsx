'use client';
// The body of every route's error.tsx: what failed, and a retry that re-renders the segment.
import { buttonStyles } from './ui/styles';

export function RouteError({ error, reset, what }: { error: Error & { digest?: string }; reset: () => void; what: string }) {
  return (
    <div role="alert" className="rounded-lg border border-danger p-6">
      <h1 className="text-lg font-semibold text-danger">Could not show {what}</h1>
      <p className="mt-2 text-sm text-muted">{error.digest ? `Error reference ${error.digest}.` : error.message}</p>
      <button type="button" onClick={reset} className={`${buttonStyles.secondary} mt-4`}>
        Try again
      </button>
    </div>
  );
}
