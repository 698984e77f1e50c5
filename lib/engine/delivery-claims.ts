// How a claim of push attempts picks the subscriber urls to read, the same in every store. A claim
// reads each chosen url's earliest due rows (index on url, next_try_at), no more than the url has
// room for. The urls come from the front of the due order (the first `limit` due rows, read from
// an index on next_try_at that also holds the url): cheap however many subscribers have retries
// scheduled. When that front holds more of one url's rows than the url can take, it may hide
// other urls' due rows behind a backlog; then the urls come from the delivery heads instead, a
// loose scan of the url index (one seek per url with scheduled deliveries). Read in due order
// alone, every claim walked past the whole backlog of a subscriber at its cap (100,000 attempts:
// 527 deliveries/s); read by heads alone, 5,000 subscribers with retries scheduled doubled the
// CPU per pushed message.
import type { ClaimRequest } from './store';

/**
 * The delivery heads, in SQL that SQLite and PostgreSQL both read: a loose scan of the index on
 * (url, next_try_at), one seek for each url and one for its earliest due time.
 */
export const DELIVERY_HEADS_SQL = `WITH RECURSIVE heads(url) AS (
    SELECT MIN(url) FROM deliveries WHERE next_try_at IS NOT NULL
    UNION ALL
    SELECT (SELECT MIN(url) FROM deliveries WHERE next_try_at IS NOT NULL AND url > heads.url) FROM heads WHERE heads.url IS NOT NULL
  )
  SELECT url, (SELECT MIN(next_try_at) FROM deliveries WHERE url = heads.url AND next_try_at IS NOT NULL) AS due_at
  FROM heads WHERE url IS NOT NULL`;

/** A subscriber url with scheduled deliveries, and when the earliest of them falls due (epoch ms). */
export interface DeliveryHead {
  url: string;
  due_at: number;
}

/** A url a claim reads, and how many of its due rows it may take. */
export interface ClaimableUrl {
  url: string;
  room: number;
}

/** How many of `url`'s attempts this claim may take. */
function roomOf(request: ClaimRequest, url: string): number {
  return Math.min(request.limit, request.roomByUrl[url] ?? request.perUrlLimit);
}

/** A url of the due front (the first `limit` due rows), and how many of those rows are its. */
export interface FrontUrl {
  url: string;
  count: number;
}

/**
 * The urls of the due front with room in this claim; undefined when the front was cut by the
 * limit and holds more of some url's rows than it can take, so other urls' due rows may lie
 * behind it.
 */
export function claimableFromFront(front: FrontUrl[], request: ClaimRequest): ClaimableUrl[] | undefined {
  const isCut = front.reduce((sum, { count }) => sum + count, 0) >= request.limit;
  const claimable: ClaimableUrl[] = [];
  for (const { url, count } of front) {
    const room = roomOf(request, url);
    if (isCut && count > room) return undefined;
    if (room > 0) claimable.push({ url, room });
  }
  return claimable;
}

/** The urls with attempts due at `nowMs` and room in this claim, from the delivery heads. */
export function claimableFromHeads(heads: DeliveryHead[], request: ClaimRequest, nowMs: number): ClaimableUrl[] {
  return heads
    .filter((head) => head.due_at <= nowMs)
    .map((head) => ({ url: head.url, room: roomOf(request, head.url) }))
    .filter((claimable) => claimable.room > 0);
}

/** The `limit` earliest due of rows read per url, in due order (ties in message order, as one index scan gave them). */
export function earliestDue<Row extends { next_try_at: number | null; message_id: number }>(rows: Row[], limit: number): Row[] {
  return rows.sort((a, b) => a.next_try_at! - b.next_try_at! || a.message_id - b.message_id).slice(0, limit);
}

/** When the earliest scheduled delivery of a subscriber not skipped falls due; undefined when none is scheduled. */
export function nextDueOf(heads: DeliveryHead[], skippedUrls: string[]): number | undefined {
  const skipped = new Set(skippedUrls);
  let earliest: number | undefined;
  for (const head of heads) {
    if (!skipped.has(head.url) && (earliest === undefined || head.due_at < earliest)) earliest = head.due_at;
  }
  return earliest;
}
