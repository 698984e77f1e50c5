// Message bodies for every system: exactly `bodyBytes` ASCII bytes that begin with the time the
// producer sent them, so a consumer in this same process can tell the produce-to-consume latency
// without any system-specific header or property.
import { performance } from 'node:perf_hooks';

const PADDING = 'x'.repeat(64 * 1024);
/** Long enough for any performance.now() value in ms with 3 decimals and its separator. */
const STAMP_BYTES = 24;

/** A body of `bodyBytes` characters starting with `sentMs` (performance.now(), ms) and a space. */
export function timedBody(bodyBytes, sentMs = performance.now()) {
  const stamp = `${sentMs.toFixed(3)} `;
  return stamp + PADDING.slice(0, bodyBytes - stamp.length);
}

/** The send time written by timedBody, from a string or a Buffer body. */
export function sentMsOf(body) {
  const head = typeof body === 'string' ? body.slice(0, STAMP_BYTES) : body.toString('latin1', 0, STAMP_BYTES);
  return Number.parseFloat(head);
}
