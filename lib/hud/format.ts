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

/** A per-second rate with sensible precision: "0/s", "0.05/s", "12.3/s", "1,234/s"; tiny non-zero rates never read as 0. */
export function formatRate(perSecond: number): string {
  if (perSecond === 0) return '0/s';
  if (perSecond < 0.01) return '<0.01/s';
  const digits = perSecond < 10 ? 2 : perSecond < 100 ? 1 : 0;
  return `${Number(perSecond.toFixed(digits)).toLocaleString('en-US')}/s`;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** A chart's time label in the viewer's zone: "14:05", with the weekday ("Tue 14:00") when buckets are hours wide. */
export function formatChartTime(epochMs: number, bucketMs: number): string {
  const date = new Date(epochMs);
  const time = `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
  return bucketMs >= HOUR_MS ? `${WEEKDAYS[date.getDay()]} ${time}` : time;
}

/** Bytes in the largest binary unit that keeps a number above 1: "512 B", "3.4 MiB", "120 GiB". */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? value : Number(value.toFixed(value < 10 ? 1 : 0))} ${units[unit]}`;
}

/** An uptime as the two largest units: "45 s", "5 min 3 s", "2 h 14 min", "3 d 4 h". */
export function formatUptime(seconds: number): string {
  const parts: Array<[number, string]> = [[Math.floor(seconds / 86_400), 'd'], [Math.floor(seconds / 3_600) % 24, 'h'], [Math.floor(seconds / 60) % 60, 'min'], [seconds % 60, 's']];
  const first = parts.findIndex(([count]) => count > 0);
  if (first < 0) return '0 s';
  return parts.slice(first, first + 2).filter(([count]) => count > 0).map(([count, unit]) => `${count} ${unit}`).join(' ');
}
