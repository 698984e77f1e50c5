// Every limit and default of the queue engine, each with its source in docs/api.md.
// Argument rules live here too, so a reader finds "what is allowed" in one file.
import { invalidArgument } from './errors';

const SECOND_MS = 1_000;
const DAY_MS = 86_400 * SECOND_MS;

/** §1.7: 256 KiB of UTF-8 body by default; FERRO_MAX_MESSAGE_BYTES overrides. */
export const DEFAULT_MAX_MESSAGE_BYTES = 256 * 1024;
/** §1.7: clients send up to 100 per request; the spec suggests a cap of 1000. */
export const MAX_MESSAGES_PER_POST = 1_000;
/** §1.7 delay (post, release): 0..7 days. */
export const MAX_DELAY_MS = 7 * DAY_MS;
/** §1.7 reservation timeout: clients use 3 s (§0.10), so 1 s is the floor; 24 h the ceiling. */
export const MIN_TIMEOUT_MS = SECOND_MS;
export const MAX_TIMEOUT_MS = DAY_MS;
/** §1.7 queue message_timeout default 60 s. */
export const DEFAULT_MESSAGE_TIMEOUT_MS = 60 * SECOND_MS;
/** §1.7 queue message_expiration: default 7 days, at most 30 days. */
export const DEFAULT_MESSAGE_EXPIRATION_MS = 7 * DAY_MS;
export const MIN_MESSAGE_EXPIRATION_MS = SECOND_MS;
export const MAX_MESSAGE_EXPIRATION_MS = 30 * DAY_MS;
/** §1.7 reserve/peek n: default 1, larger values clamp to 100. */
export const MAX_MESSAGES_PER_RESERVE = 100;
/** §1.7 reserve wait: 0..30 s, larger values clamp. */
export const MAX_WAIT_MS = 30 * SECOND_MS;
/** §1.7 batch delete: at most 100 ids. */
export const MAX_IDS_PER_DELETE = 100;
/** §1.7 list per_page: default 30, clamped to 1..100. */
export const DEFAULT_QUEUES_PER_PAGE = 30;
export const MAX_QUEUES_PER_PAGE = 100;
/** §1.7 v1 list page: 0..100. */
export const MAX_QUEUE_LIST_PAGE = 100;
/** §2.2 dead_letter.max_reservations: default 10, 1..1000. */
export const DEFAULT_MAX_RESERVATIONS = 10;
export const MAX_MAX_RESERVATIONS = 1_000;
/** Queue names are path segments; §10 leaves the length open, so we pick a generous bound. */
export const MAX_QUEUE_NAME_BYTES = 255;
/** §1.7 push: retries default 3, at most 100; retries_delay default 60 s, 3 s..1 day. */
export const DEFAULT_PUSH_RETRIES = 3;
export const MAX_PUSH_RETRIES = 100;
export const DEFAULT_PUSH_RETRIES_DELAY_MS = 60 * SECOND_MS;
export const MIN_PUSH_RETRIES_DELAY_MS = 3 * SECOND_MS;
export const MAX_PUSH_RETRIES_DELAY_MS = DAY_MS;
/** §1.7 alerts: at most 5 per queue. */
export const MAX_ALERTS_PER_QUEUE = 5;
/** §1.7 v1 per-message expires_in: at most 30 days. */
export const MAX_EXPIRES_IN_MS = 30 * DAY_MS;
/** HUD redrive (lib/engine/redrive.ts): messages per second at most, messages one job may select. */
export const MAX_REDRIVE_RATE = 10_000;
export const MAX_REDRIVE_SELECTION = 1_000;
/** HUD redrive: messages per store operation, small enough to hold the event loop about a millisecond. */
export const MAX_REDRIVE_BATCH = 50;
/** HUD redrive: finished jobs kept per source queue, newest first. */
export const MAX_REDRIVE_HISTORY = 20;
/** HUD delivery log: rows per page. */
export const MAX_DELIVERIES_PER_PAGE = 100;

/** Checks an integer duration in ms against a range given in ms; the message speaks seconds. */
export function checkDurationMs(name: string, valueMs: number, minMs: number, maxMs: number): number {
  if (!Number.isInteger(valueMs) || valueMs < minMs || valueMs > maxMs) {
    throw invalidArgument(`${name} must be an integer between ${minMs / SECOND_MS} and ${maxMs / SECOND_MS} seconds`);
  }
  return valueMs;
}

/** Checks an integer count against an inclusive range. */
export function checkCount(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw invalidArgument(`${name} must be an integer between ${min} and ${max}`);
  }
  return value;
}

/** Clamps a requested message count to 1..100, as §1.7 says for reserve and peek. */
export function clampMessageCount(n: number | undefined): number {
  if (n === undefined || n < 1) return 1;
  return Math.min(Math.floor(n), MAX_MESSAGES_PER_RESERVE);
}

/** Clamps a long-poll wait to 0..30 s. */
export function clampWaitMs(waitMs: number | undefined): number {
  if (waitMs === undefined || waitMs < 0) return 0;
  return Math.min(waitMs, MAX_WAIT_MS);
}

/** Characters no queue name may hold: C0 and C1 controls, and lone UTF-16 surrogates. */
const UNADDRESSABLE_CHARACTERS = /[\p{Cc}\p{Cs}]/u;

/**
 * Queue names travel as one path segment, so a name is refused when no URL can carry it intact:
 * URL parsers remove `.` and `..` segments (`%2e` included), so `DELETE …/queues/..` would reach
 * the project instead; an empty or blank segment is dropped or trimmed by clients; controls and
 * lone surrogates are rewritten or rejected on the way. `label` names the field in the message.
 */
export function checkQueueName(name: string, label = 'Queue name'): string {
  if (name.trim() === '') throw invalidArgument(`${label} must not be empty or only whitespace`);
  if (name === '.' || name === '..') {
    throw invalidArgument(`${label} cannot be "${name}": URLs remove "." and ".." path segments`);
  }
  if (UNADDRESSABLE_CHARACTERS.test(name)) {
    throw invalidArgument(`${label} must not contain control characters or invalid Unicode`);
  }
  if (Buffer.byteLength(name, 'utf8') > MAX_QUEUE_NAME_BYTES) {
    throw invalidArgument(`${label} must be at most ${MAX_QUEUE_NAME_BYTES} bytes`);
  }
  return name;
}

/** §3.2 push_headers: at most 5; names 1–64 bytes and not reserved; values 1–1024 bytes. */
export const MAX_PUSH_HEADERS = 5;
export const MAX_PUSH_HEADER_NAME_BYTES = 64;
export const MAX_PUSH_HEADER_VALUE_BYTES = 1024;
const RESERVED_PUSH_HEADERS = new Set([
  'content-type',
  'user-agent',
  'iron-message-id',
  'iron-reservation-id',
  'iron-subscriber-name',
  'iron-subscriber-message-url',
]);

/** RFC 9110 token characters: anything else cannot be sent as a header name. */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** Visible ASCII, space, tab and obs-text: a CR, LF or NUL would split or break the request. */
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/** Headers that frame or route the request: the pusher sets them, and a second copy breaks it. */
const FRAMING_HEADERS = new Set(['content-length', 'transfer-encoding', 'host', 'connection', 'keep-alive', 'te', 'trailer', 'upgrade', 'expect', 'proxy-connection']);

/** Why a header cannot travel in an HTTP request, or undefined when it can. */
export function headerProblem(name: string, value: string): string | undefined {
  if (!HEADER_NAME.test(name)) return `Header name ${JSON.stringify(name)} is not a valid HTTP header name`;
  if (FRAMING_HEADERS.has(name.toLowerCase())) return `Header ${name} cannot be set: the pusher sets it`;
  if (typeof value !== 'string' || !HEADER_VALUE.test(value)) return `Header ${name} has a value that cannot be sent over HTTP`;
  return undefined;
}

/** Returns why a set of push headers breaks §3.2, or undefined when it is acceptable. */
export function pushHeadersProblem(headers: Record<string, string>): string | undefined {
  const entries = Object.entries(headers);
  if (entries.length > MAX_PUSH_HEADERS) return `At most ${MAX_PUSH_HEADERS} push headers are allowed`;
  for (const [name, value] of entries) {
    const nameBytes = Buffer.byteLength(name, 'utf8');
    if (nameBytes === 0 || nameBytes > MAX_PUSH_HEADER_NAME_BYTES) {
      return `Push header names must be 1 to ${MAX_PUSH_HEADER_NAME_BYTES} bytes`;
    }
    if (RESERVED_PUSH_HEADERS.has(name.toLowerCase())) return `Push header ${name} cannot be set`;
    const problem = headerProblem(name, value);
    if (problem) return problem;
    const valueBytes = Buffer.byteLength(value, 'utf8');
    if (typeof value !== 'string' || valueBytes === 0 || valueBytes > MAX_PUSH_HEADER_VALUE_BYTES) {
      return `Push header values must be 1 to ${MAX_PUSH_HEADER_VALUE_BYTES} bytes`;
    }
  }
  return undefined;
}
