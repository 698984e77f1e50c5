// A log that writes at most one line per kind of event per interval, counting the rest: a
// client sending garbage session cookies a thousand times a second must not fill the disk with
// log lines (or with stack traces). Lines are flattened to one line each, so text that came
// from a request can never pass for a log line of its own.
export type RateLimitedLog = (kind: string, line: string) => void;

/** Kinds tracked at most; any further kind shares one slot, so no caller can grow the map. */
const MAX_KINDS = 64;
const OTHER_KIND = '(other)';

export function createRateLimitedLog(write: (line: string) => void, intervalMs = 60_000, nowMs: () => number = Date.now): RateLimitedLog {
  const lastByKind = new Map<string, { atMs: number; suppressed: number }>();
  return (rawKind, line) => {
    const kind = lastByKind.has(rawKind) || lastByKind.size < MAX_KINDS ? rawKind : OTHER_KIND;
    const last = lastByKind.get(kind);
    const now = nowMs();
    if (last && now - last.atMs < intervalMs) {
      last.suppressed += 1;
      return;
    }
    const suppressed = last?.suppressed ? ` (${last.suppressed} more since the last such line)` : '';
    lastByKind.set(kind, { atMs: now, suppressed: 0 });
    write(`${line.replace(/[\u0000-\u001f\u007f]+/g, ' ').slice(0, 500)}${suppressed}`);
  };
}
