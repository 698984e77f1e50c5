// Delivery rows of the PostgreSQL store: their shape, reads that decode them, and the one write
// that moves a delivery to a new status. Subscriber names and error texts go through text-codec.ts.
import { DELIVERY_HEADS_SQL, type DeliveryHead } from '../delivery-claims';
import type { DeliveryRowOf } from '../stored-rows';
import type { PushStatusName } from '../types';
import type { Sql } from './database';
import { fromDbText, fromDbTextOrNull, toDbText, toDbTextOrNull } from './text-codec';

export type DeliveryRow = DeliveryRowOf<boolean>;

/** Runs a query returning delivery rows and decodes their text. */
export async function deliveryRows(sql: Sql, text: string, params: unknown[]): Promise<DeliveryRow[]> {
  const rows = await sql.rows<DeliveryRow>(text, params);
  for (const row of rows) {
    row.subscriber = fromDbText(row.subscriber);
    row.url = fromDbText(row.url);
    row.error_msg = fromDbTextOrNull(row.error_msg);
  }
  return rows;
}

/** Each url with scheduled deliveries and its earliest due time (delivery-claims.ts), its url decoded. */
export async function deliveryHeads(sql: Sql): Promise<DeliveryHead[]> {
  const heads = await sql.rows<DeliveryHead>(DELIVERY_HEADS_SQL);
  for (const head of heads) head.url = fromDbText(head.url);
  return heads;
}

/** Every delivery of a message, in subscriber order. */
export function deliveriesOf(sql: Sql, messageId: number): Promise<DeliveryRow[]> {
  return deliveryRows(sql, 'SELECT * FROM deliveries WHERE message_id = $1 ORDER BY position', [messageId]);
}

/** One delivery, locked for the rest of the transaction. */
export async function deliveryOf(sql: Sql, messageId: number, subscriber: string): Promise<DeliveryRow | undefined> {
  const [row] = await deliveryRows(sql, 'SELECT * FROM deliveries WHERE message_id = $1 AND subscriber = $2 FOR UPDATE', [messageId, toDbText(subscriber)]);
  return row;
}

export interface DeliveryChange {
  status: PushStatusName;
  tries: number;
  statusCode: number;
  errorMessage: string | null;
  lastTryAtMs: number | null;
  nextTryAtMs: number | null;
}

export function snapshot(d: DeliveryRow): DeliveryChange {
  return { status: d.status as PushStatusName, tries: d.tries, statusCode: d.status_code, errorMessage: d.error_msg, lastTryAtMs: d.last_try_at, nextTryAtMs: d.next_try_at };
}

/** Moves a delivery to `change`, ending any lease on it. */
export async function updateDelivery(sql: Sql, d: DeliveryRow, change: DeliveryChange): Promise<void> {
  await sql.run(
    `UPDATE deliveries SET status = $3, tries = $4, status_code = $5, error_msg = $6, last_try_at = $7, next_try_at = $8, in_flight = false
     WHERE message_id = $1 AND subscriber = $2`,
    [d.message_id, toDbText(d.subscriber), change.status, change.tries, change.statusCode, toDbTextOrNull(change.errorMessage), change.lastTryAtMs, change.nextTryAtMs],
  );
}

export async function scheduleDelivery(sql: Sql, d: DeliveryRow, nextTryAtMs: number | null): Promise<void> {
  await sql.run('UPDATE deliveries SET next_try_at = $3 WHERE message_id = $1 AND subscriber = $2', [d.message_id, toDbText(d.subscriber), nextTryAtMs]);
}
