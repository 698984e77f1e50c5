// How the HUD writes instants, durations and counts, so every screen says them the same way.

const SECOND_MS = 1_000;
const MINUTE_MS = 60 * SECOND_MS;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** e.g. "2025-11-24 01:47:35" in the viewer's time zone; stable width for tables. */
export function formatDateTime(epochMs: number): string {
  const date = new Date(epochMs);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** A duration in its largest whole unit: "45 s", "5 min", "7 days", or mixed units when not whole ("90 s"). */
export function formatDuration(durationMs: number): string {
  const units: Array<[number, string, string]> = [
    [DAY_MS, 'day', 'days'],
    [HOUR_MS, 'hour', 'hours'],
    [MINUTE_MS, 'min', 'min'],
  ];
  for (const [unitMs, one, many] of units) {
    if (durationMs >= unitMs && durationMs % unitMs === 0) {
      const count = durationMs / unitMs;
      return `${count} ${count === 1 ? one : many}`;
    }
  }
  return `${Math.round(durationMs / SECOND_MS)} s`;
}

/** "in 5 min" / "3 min ago" relative to nowMs, rounded to the largest sensible unit. */
export function formatRelative(epochMs: number, nowMs: number): string {
  const deltaMs = epochMs - nowMs;
  const absMs = Math.abs(deltaMs);
  const text =
    absMs < MINUTE_MS ? `${Math.round(absMs / SECOND_MS)} s`
    : absMs < HOUR_MS ? `${Math.round(absMs / MINUTE_MS)} min`
    : absMs < DAY_MS ? `${Math.round(absMs / HOUR_MS)} h`
    : `${Math.round(absMs / DAY_MS)} d`;
  return deltaMs >= 0 ? `in ${text}` : `${text} ago`;
}
