// How the SQLite store counts a queue's messages by state (the v1 queue, the HUD's queue page and
// every metrics scrape ask), without reading every message it holds.
import type { QueueCounts } from '../types';
import type { QueueRows } from './queue-rows';
import { STATE_DELAYED, STATE_RESERVED, type QueueRow } from './statements';

/**
 * Most due rows (and due held spans) countMessages reads. Beyond this many, it counts those still
 * waiting instead: a queue rarely holds many of both.
 */
const MAX_DUE_COUNTED = 1000;

/**
 * Counts by state. The queue row keeps its rows in state reserved and delayed, so what is held
 * now is those minus the ones whose time has come, a few rows read from the front of the waiting
 * index, however many a queue holds (counting them all took 22 ms per 100,000 held messages, on
 * the thread that answers every request). Ready is what remains of the size.
 */
export function countMessages(rows: QueueRows, queue: QueueRow, nowMs: number): QueueCounts {
  // Messages held in spans (held-spans.ts) are reserved ones, counted in reserved_rows like rows;
  // their due spans are read up to the same bound.
  const dueRows = rows.sql.countDue.all(queue.qid, nowMs, MAX_DUE_COUNTED + 1) as StateCount[];
  const dueSpans = rows.held.countDue(queue.qid, nowMs, MAX_DUE_COUNTED + 1);
  const due = [...dueRows, { state: STATE_RESERVED, count: dueSpans.messages }];
  const waiting = () => [
    ...(rows.sql.countWaiting.all(queue.qid, nowMs) as StateCount[]),
    { state: STATE_RESERVED, count: rows.held.countWaiting(queue.qid, nowMs) },
  ];
  const isFewDue = sumOf(dueRows) <= MAX_DUE_COUNTED && dueSpans.spans <= MAX_DUE_COUNTED;
  const held = isFewDue ? minus(countersOf(queue), due) : countsOf(waiting());
  return { ...held, ready: Math.max(queue.size - held.delayed - held.reserved, 0) };
}

type StateCount = { state: number; count: number };
type HeldCounts = { reserved: number; delayed: number };

function countersOf(queue: QueueRow): HeldCounts {
  const { reserved_rows: reserved, delayed_rows: delayed } = queue as QueueRow & { reserved_rows: number; delayed_rows: number };
  return { reserved, delayed };
}

function countsOf(byState: StateCount[]): HeldCounts {
  const countOf = (state: number) => byState.reduce((sum, row) => sum + (row.state === state ? row.count : 0), 0);
  return { reserved: countOf(STATE_RESERVED), delayed: countOf(STATE_DELAYED) };
}

function minus(counters: HeldCounts, due: StateCount[]): HeldCounts {
  const dueCounts = countsOf(due);
  return { reserved: counters.reserved - dueCounts.reserved, delayed: counters.delayed - dueCounts.delayed };
}

function sumOf(byState: StateCount[]): number {
  return byState.reduce((sum, row) => sum + row.count, 0);
}
