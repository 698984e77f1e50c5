// How a claim of push attempts spreads over subscribers, the same in every store. Each store
// lists its delivery heads (each subscriber url with scheduled deliveries and the earliest of
// their due times) by a loose scan of an index on (url, next_try_at), then reads each claimable
// url's earliest due rows from that index. A claim so costs one index seek per url with
// scheduled deliveries plus the rows it takes, however deep one subscriber's backlog is: read
// in due order across all urls, a subscriber at its cap with 100,000 due attempts would be
// walked past in full on every claim.
import type { ClaimRequest } from './store';

/** A subscriber url with scheduled deliveries, and when the earliest of them falls due (epoch ms). */
export interface DeliveryHead {
  url: string;
  due_at: number;
}

/** How many of `url`'s attempts this claim may take. */
function roomOf(request: ClaimRequest, url: string): number {
  return Math.min(request.limit, request.roomByUrl[url] ?? request.perUrlLimit);
}

/** The urls with attempts due at `nowMs` and room in this claim, with that room. */
export function claimableUrls(heads: DeliveryHead[], request: ClaimRequest, nowMs: number): Array<{ url: string; room: number }> {
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
