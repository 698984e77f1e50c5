// One live counter on the queue overview; without a value yet, a placeholder bar of the same size.
export function StatCard({ label, value, hint }: { label: string; value: number | string | undefined; hint: string }) {
  return (
    <div className="rounded-lg border border-line p-4">
      <dt className="text-sm text-muted">{label}</dt>
      <dd className="mt-1 text-3xl font-semibold tabular-nums">
        {value ?? (
          <>
            <span aria-hidden="true" className="inline-block h-9 w-24 animate-pulse rounded bg-surface align-middle" />
            <span className="sr-only">Loading</span>
          </>
        )}
      </dd>
      <dd className="mt-1 text-xs text-muted">{hint}</dd>
    </div>
  );
}
