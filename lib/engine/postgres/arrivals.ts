// The PostgreSQL ArrivalChannel: LISTEN/NOTIFY on one dedicated connection per instance. Arrivals
// published during one turn of the event loop are merged per queue and sent as one NOTIFY after
// the writes they describe committed (the engine publishes only then), so a post on one instance
// wakes long polls and the pusher on every other within a millisecond or two, at the cost of one
// small statement per turn, not per request. Notifications carry this instance's id, so an
// instance ignores its own. If the connection drops it is opened again; arrivals lost meanwhile
// only delay a wake to the waiter's own timer (a long poll's deadline, the pusher's next check).
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Arrival, ArrivalChannel, ArrivalListener } from '../arrivals';

/**
 * At most one NOTIFY per this many ms: the first arrival after a quiet spell goes out on the next
 * turn of the event loop; arrivals during the following window are merged and go out at its end.
 * A busy queue costs the database a few hundred small statements a second, not one per request,
 * and a long poll elsewhere still wakes within a few milliseconds.
 */
const MIN_INTERVAL_MS = 4;
/** PostgreSQL's limit on a NOTIFY payload is 8000 bytes; stay below it. */
const MAX_PAYLOAD_BYTES = 7_000;
const RECONNECT_MS = 1_000;

/** [projectId, queueName, readyCount, nextDueAtMs or 0, isPush 1/0] */
type Wire = [string, string, number, number, number];

export class PostgresArrivals implements ArrivalChannel {
  private readonly instanceId = randomUUID();
  private readonly channel: string;
  private readonly listeners = new Set<ArrivalListener>();
  private pending = new Map<string, Arrival>();
  private isFlushScheduled = false;
  private isFlushing = false;
  private lastFlushAtMs = 0;
  private client: pg.Client | undefined;
  private isClosed = false;
  private reconnectTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly connectionString: string,
    schema: string,
    private readonly onError: (error: unknown) => void = () => {},
  ) {
    this.channel = `ferro_arrivals_${schema}`.slice(0, 63);
  }

  /** Connects and listens; resolves once notifications will be heard. */
  async start(): Promise<void> {
    const client = new pg.Client({ connectionString: this.connectionString, application_name: 'ferro-arrivals' });
    client.on('notification', (message) => this.received(message.payload));
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client));
    await client.connect();
    await client.query(`LISTEN "${this.channel}"`);
    if (this.isClosed) {
      await client.end();
      return;
    }
    this.client = client;
  }

  publish(arrival: Arrival): void {
    if (this.isClosed) return;
    const key = `${arrival.projectId}\u0000${arrival.queueName}`;
    const seen = this.pending.get(key);
    this.pending.set(key, seen ? merge(seen, arrival) : { ...arrival });
    this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (this.isFlushScheduled || this.isFlushing) return;
    this.isFlushScheduled = true;
    const waitMs = this.lastFlushAtMs + MIN_INTERVAL_MS - performance.now();
    if (waitMs <= 0) setImmediate(() => void this.flush());
    else setTimeout(() => void this.flush(), waitMs).unref();
  }

  subscribe(listener: ArrivalListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.isClosed = true;
    clearTimeout(this.reconnectTimer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => {});
  }

  /** Sends what is pending; one flush at a time, so NOTIFYs leave in the order arrivals came. */
  private async flush(): Promise<void> {
    this.isFlushScheduled = false;
    this.isFlushing = true;
    this.lastFlushAtMs = performance.now();
    const arrivals = [...this.pending.values()];
    this.pending = new Map();
    try {
      const client = this.client;
      for (const payload of client ? payloads(this.instanceId, arrivals) : []) await client!.query('SELECT pg_notify($1, $2)', [this.channel, payload]);
    } catch (error) {
      this.onError(error);
    } finally {
      this.isFlushing = false;
      if (this.pending.size > 0) this.scheduleFlush();
    }
  }

  private received(payload: string | undefined): void {
    if (!payload) return;
    let message: { i: string; a: Wire[] };
    try {
      message = JSON.parse(payload) as { i: string; a: Wire[] };
    } catch {
      return;
    }
    if (message.i === this.instanceId) return;
    for (const [projectId, queueName, readyCount, nextDueAtMs, isPush] of message.a) {
      const arrival: Arrival = { projectId, queueName, readyCount, isPush: isPush === 1, ...(nextDueAtMs > 0 ? { nextDueAtMs } : {}) };
      for (const listener of this.listeners) {
        try {
          listener(arrival);
        } catch (error) {
          this.onError(error);
        }
      }
    }
  }

  private lost(client: pg.Client, error?: Error): void {
    if (this.client !== client) return;
    this.client = undefined;
    if (error) this.onError(error);
    client.end().catch(() => {});
    this.reconnectSoon();
  }

  private reconnectSoon(): void {
    if (this.isClosed) return;
    this.reconnectTimer = setTimeout(() => {
      this.start().catch((error: unknown) => {
        this.onError(error);
        this.reconnectSoon();
      });
    }, RECONNECT_MS);
    this.reconnectTimer.unref();
  }
}

function merge(a: Arrival, b: Arrival): Arrival {
  const dues = [a.nextDueAtMs, b.nextDueAtMs].filter((due): due is number => due !== undefined);
  return { ...a, readyCount: a.readyCount + b.readyCount, isPush: a.isPush || b.isPush, ...(dues.length > 0 ? { nextDueAtMs: Math.min(...dues) } : {}) };
}

/** The arrivals as NOTIFY payloads, each under PostgreSQL's size limit. */
function payloads(instanceId: string, arrivals: Arrival[]): string[] {
  const out: string[] = [];
  let batch: Wire[] = [];
  let bytes = 0;
  for (const a of arrivals) {
    const wire: Wire = [a.projectId, a.queueName, a.readyCount, a.nextDueAtMs ?? 0, a.isPush ? 1 : 0];
    const size = Buffer.byteLength(JSON.stringify(wire)) + 1;
    if (bytes + size > MAX_PAYLOAD_BYTES && batch.length > 0) {
      out.push(JSON.stringify({ i: instanceId, a: batch }));
      batch = [];
      bytes = 0;
    }
    batch.push(wire);
    bytes += size;
  }
  if (batch.length > 0) out.push(JSON.stringify({ i: instanceId, a: batch }));
  return out;
}
