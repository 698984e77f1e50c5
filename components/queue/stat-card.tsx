// One live counter on the queue overview.
export function StatCard({ label, value, hint }: { label: string; value: number | undefined; hint: string }) {
  return (
    <div className="rounded-lg border border-line p-4">
      <dt className="text-sm text-muted">{label}</dt>
      <dd className="mt-1 text-3xl font-semibold tabular-nums">{value ?? '–'}</dd>
      <dd className="mt-1 text-xs text-muted">{hint}</dd>
    </div>
  );
}
