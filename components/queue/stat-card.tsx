// One live counter on the queue overview; without a value yet, a placeholder bar of the same size.
// Compact on a phone (two to a row, no hint) so the seven counters leave the charts in view.
export function StatCard({ label, value, hint }: { label: string; value: number | string | undefined; hint: string }) {
  return (
    <div className="rounded-lg border border-line p-3 sm:p-4" title={hint}>
      <dt className="text-xs text-muted sm:text-sm">{label}</dt>
      <dd className="mt-0.5 text-xl font-semibold tabular-nums sm:mt-1 sm:text-3xl">
        {value ?? (
          <>
            <span aria-hidden="true" className="inline-block h-7 w-20 animate-pulse rounded bg-surface align-middle sm:h-9 sm:w-24" />
            <span className="sr-only">Loading</span>
          </>
        )}
      </dd>
      <dd className="mt-1 hidden text-xs text-muted sm:block">{hint}</dd>
    </div>
  );
}
