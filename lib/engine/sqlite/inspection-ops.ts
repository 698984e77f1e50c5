// Reads of the SQLite store that change nothing: §3.11's push statuses, the HUD's delivery log,
// the newest messages of a queue, and the queues that name a queue as their dead-letter or error
// queue. Each runs directly against committed state.
import type { DeliveryPage, DeliveryQuery } from '../delivery-log';
import { MAX_DELIVERIES_PER_PAGE } from '../limits';
import { toDeliveryRecord, toMessageDetail, toPushStatus } from '../stored-rows';
import type { MessageDetail, PushSettings, PushStatus, QueueSource } from '../types';
import { findLiveMessage } from './message-lookup';
import type { QueueRows } from './queue-rows';
import type { DeliveryRow, MessageRow, QueueRow } from './statements';

export function pushStatuses(rows: QueueRows, push: PushSettings | null, messageId: number): PushStatus[] {
  return (rows.sql.deliveriesOf.all(messageId) as DeliveryRow[]).map((d) => toPushStatus(d, push));
}

/** A page of the queue's delivery log; one more row than asked tells whether another page follows. */
export function listDeliveries(rows: QueueRows, queue: QueueRow, query: DeliveryQuery, nowMs: number): DeliveryPage {
  const push = rows.settingsOf(queue).push;
  if (query.messageId !== undefined) {
    const message = findLiveMessage(rows, queue, query.messageId, nowMs);
    const all = (rows.sql.deliveriesOf.all(message.id) as DeliveryRow[]).map((d) => toDeliveryRecord(d, push));
    const matching = all.filter((d) => (query.subscriberName ?? d.subscriberName) === d.subscriberName && (query.status ?? d.status) === d.status);
    return { deliveries: matching, next: null };
  }
  const limit = Math.min(Math.max(Math.floor(query.limit), 1), MAX_DELIVERIES_PER_PAGE);
  const params = {
    qid: queue.qid,
    afterId: query.after ? Number(query.after.messageId) : Number.MAX_SAFE_INTEGER,
    afterSub: query.after?.subscriberName ?? '',
    subscriber: query.subscriberName ?? null,
    limit: limit + 1,
  };
  const found = (
    query.status === undefined
      ? rows.operatorSql.deliveriesPage.all(params)
      : rows.operatorSql.deliveriesPageByStatus.all({ ...params, status: query.status })
  ) as DeliveryRow[];
  const deliveries = found.slice(0, limit).map((d) => toDeliveryRecord(d, push));
  const last = deliveries.at(-1);
  const next = found.length > limit && last ? { messageId: last.messageId, subscriberName: last.subscriberName } : null;
  return { deliveries, next };
}

/** The newest `limit` messages in any state, newest first: ready ones merged with delayed and reserved ones. */
export function latestMessages(rows: QueueRows, queue: QueueRow, limit: number, nowMs: number): MessageDetail[] {
  const ready = rows.operatorSql.latestReady.all(queue.qid, nowMs, limit) as MessageRow[];
  const waiting = rows.operatorSql.latestWaiting.all(queue.qid, nowMs, limit) as MessageRow[];
  return [...ready, ...waiting, ...rows.chunks.latest(queue.qid, limit, nowMs), ...rows.held.latest(queue.qid, limit, nowMs)]
    .sort((a, b) => b.id - a.id)
    .slice(0, limit)
    .map((row) => toMessageDetail(row, nowMs));
}

export function findQueueSources(rows: QueueRows, projectId: string, targets: string[]): QueueSource[] {
  // An empty error_queue means "none" (§2.2), never a queue named "".
  const names = JSON.stringify(targets.filter((target) => target !== ''));
  const found = (kind: QueueSource['kind'], list: Array<{ name: string; target: string }>) =>
    list.map(({ name, target }) => ({ sourceQueue: name, target, kind }));
  return [
    ...found('deadLetter', rows.operatorSql.deadLetterSources.all(projectId, names) as Array<{ name: string; target: string }>),
    ...found('errorQueue', rows.operatorSql.errorQueueSources.all(projectId, names) as Array<{ name: string; target: string }>),
  ];
}
