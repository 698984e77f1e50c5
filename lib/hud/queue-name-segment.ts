// A queue name as one segment of a HUD or BFF URL, and back. URL parsers drop "." and ".."
// segments (and "%2e" spellings of them), so a queue stored under such a name before the engine
// refused it could not be opened, cleared or deleted by its own URL — and `…/queues/..` would
// address the project instead. Such names travel with a leading "~"; a name that starts with "~"
// gets one more, so every name has exactly one segment and no segment is a dot segment.
const ESCAPE = '~';

function needsEscape(name: string): boolean {
  return name === '.' || name === '..' || name === '' || name.startsWith(ESCAPE);
}

/** The percent-encoded path segment for a queue name. */
export function queueNameToSegment(name: string): string {
  return encodeURIComponent(needsEscape(name) ? `${ESCAPE}${name}` : name);
}

/** The queue name from an already percent-decoded path segment. */
export function queueNameFromSegment(decoded: string): string {
  return decoded.startsWith(ESCAPE) ? decoded.slice(ESCAPE.length) : decoded;
}
