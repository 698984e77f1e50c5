// Crash durability (kill -9): what the server acknowledged must survive a SIGKILL at any moment.
// A 201 to a post promises the message exists; a 200 to a delete promises it is gone; a request
// cut off by the crash promises nothing either way. Reservations and delays are state too.
import { describe, expect, it } from 'vitest';
import { ApiClient, expectMsg, sleep, uniqueQueueName, type ApiResponse } from './helpers/api';
import { startServer, type TestServer } from './helpers/server';

const PRODUCERS = 3;
const CONSUMERS = 2;
const CRASHES = 3;
/** Reservation timeout the consumers use (seconds); short so abandoned reservations lapse soon. */
const CONSUMER_TIMEOUT_S = 2;
/** Pause after a failed request (ms): the server is down or restarting. */
const RETRY_MS = 25;
/** A request that has not answered by then is treated as cut off by the crash (ms). */
const REQUEST_DEADLINE_MS = 10_000;

type Message = { id: string; body: string; reservation_id?: string };

/** Everything the client loops learned from the server's answers. */
interface Ledger {
  /** Every body ever sent in a post, answered or not (bodies are unique). */
  attemptedBodies: Set<string>;
  /** id → body for every message whose post got a 201. */
  ackedPosts: Map<string, string>;
  /** Ids whose delete got a 200. */
  ackedDeletes: Set<string>;
  /** Ids whose delete was cut off by a crash: deleted or not, nobody knows. */
  unknownDeletes: Set<string>;
  /** id → body as seen in reservations during the load. */
  reservedBodies: Map<string, string>;
  /** Answers no correct server gives (unexpected statuses, broken promises seen mid-run). */
  anomalies: string[];
  stats: { postRequests: number; reserveRequests: number; failedRequests: number };
}

function newLedger(): Ledger {
  return {
    attemptedBodies: new Set(),
    ackedPosts: new Map(),
    ackedDeletes: new Set(),
    unknownDeletes: new Set(),
    reservedBodies: new Map(),
    anomalies: [],
    stats: { postRequests: 0, reserveRequests: 0, failedRequests: 0 },
  };
}

const randomBetween = (min: number, max: number) => min + Math.floor(Math.random() * (max - min));

/** The response, or undefined when the connection failed or the answer never came. */
async function attempt(ledger: Ledger, request: () => Promise<ApiResponse>): Promise<ApiResponse | undefined> {
  let cancelDeadline = () => {};
  const deadline = new Promise<undefined>((resolve) => {
    const timer = setTimeout(resolve, REQUEST_DEADLINE_MS);
    cancelDeadline = () => clearTimeout(timer);
  });
  try {
    const res = await Promise.race([request(), deadline]);
    if (!res) ledger.stats.failedRequests += 1;
    return res;
  } catch {
    ledger.stats.failedRequests += 1;
    return undefined;
  } finally {
    cancelDeadline();
  }
}

/** Posts batches of 1..10 uniquely named messages until told to stop. */
async function produce(api: ApiClient, q: string, ledger: Ledger, producer: number, isRunning: () => boolean) {
  for (let batch = 0; isRunning(); batch++) {
    const bodies = Array.from({ length: 1 + (batch % 10) }, (_, i) => `p${producer}-b${batch}-m${i}`);
    for (const body of bodies) ledger.attemptedBodies.add(body);
    ledger.stats.postRequests += 1;
    const res = await attempt(ledger, () => api.postMessages(q, bodies));
    if (!res) {
      await sleep(RETRY_MS);
      continue;
    }
    if (res.status !== 201) {
      ledger.anomalies.push(`post answered ${res.status}: ${res.text}`);
      continue;
    }
    (res.body.ids as string[]).forEach((id, i) => {
      if (ledger.ackedPosts.has(id)) ledger.anomalies.push(`post returned id ${id} a second time`);
      ledger.ackedPosts.set(id, bodies[i]);
    });
  }
}

/** Deletes one reserved message with its reservation id and files the outcome. */
async function deleteReserved(api: ApiClient, q: string, ledger: Ledger, message: Message) {
  const res = await attempt(ledger, () => api.deleteMessage(q, message.id, { reservation_id: message.reservation_id }));
  if (!res) ledger.unknownDeletes.add(message.id);
  else if (res.status === 200) ledger.ackedDeletes.add(message.id);
  // 403/404: the reservation lapsed while the server was down and someone else took the message.
  else if (res.status !== 403 && res.status !== 404) {
    ledger.anomalies.push(`delete ${message.id} answered ${res.status}: ${res.text}`);
  }
}

/** Reserves up to 10 messages at a time and deletes each until told to stop. */
async function consume(api: ApiClient, q: string, ledger: Ledger, isRunning: () => boolean) {
  while (isRunning()) {
    ledger.stats.reserveRequests += 1;
    const res = await attempt(ledger, () => api.reserve(q, { n: 10, timeout: CONSUMER_TIMEOUT_S, wait: 1 }));
    if (!res) {
      await sleep(RETRY_MS);
      continue;
    }
    if (res.status !== 200) {
      ledger.anomalies.push(`reserve answered ${res.status}: ${res.text}`);
      continue;
    }
    for (const message of res.body.messages as Message[]) {
      if (ledger.ackedDeletes.has(message.id)) ledger.anomalies.push(`reserved ${message.id} after its acked delete`);
      ledger.reservedBodies.set(message.id, message.body);
      await deleteReserved(api, q, ledger, message);
    }
  }
}

/** SIGKILLs the server at random moments and restarts it on the same data dir; returns a log. */
async function crashRepeatedly(server: TestServer, times: number): Promise<string[]> {
  const log: string[] = [];
  const started = Date.now();
  for (let i = 0; i < times; i++) {
    await sleep(randomBetween(800, 2_000));
    await server.kill();
    const downMs = randomBetween(0, 300);
    log.push(`kill at ${Date.now() - started} ms, down ${downMs} ms`);
    await sleep(downMs);
    await server.restart();
  }
  await sleep(1_000);
  return log;
}

/** Reserves everything left (long timeout, so nothing comes back twice) until the queue is empty. */
async function drain(api: ApiClient, q: string): Promise<Message[]> {
  const drained: Message[] = [];
  for (;;) {
    const messages = await api.reserveOrThrow(q, { n: 100, timeout: 600 });
    if (messages.length === 0) return drained;
    drained.push(...messages);
  }
}

function duplicates(values: string[]): string[] {
  const seen = new Set<string>();
  return values.filter((value) => (seen.has(value) ? true : (seen.add(value), false)));
}

/** Starts a server for one test and stops it (removing its data dir) when the test ends. */
async function serverForTest(onTestFinished: (fn: () => Promise<void>) => void, env: Record<string, string>) {
  const server = await startServer({ env });
  onTestFinished(() => server.stop());
  return { server, api: new ApiClient(() => server) };
}

// The store in the main thread (the default) and in its worker thread keep the same promises.
describe.each<{ where: string; env: Record<string, string> }>([
  { where: 'main thread', env: {} },
  { where: 'worker thread', env: { FERRO_SQLITE_THREAD: '1' } },
])('SIGKILL durability, SQLite store in the $where', ({ env }) => {
  it('under concurrent load and three crashes, acknowledged posts and deletes all hold', async ({
    onTestFinished,
  }) => {
    const { server, api } = await serverForTest(onTestFinished, env);
    const q = uniqueQueueName('crash-load');
    await api.createQueueOrThrow(q);
    const ledger = newLedger();
    let isRunning = true;
    const running = () => isRunning;
    const loops = [
      ...Array.from({ length: PRODUCERS }, (_, i) => produce(api, q, ledger, i, running)),
      ...Array.from({ length: CONSUMERS }, () => consume(api, q, ledger, running)),
    ];
    const crashLog = await crashRepeatedly(server, CRASHES);
    isRunning = false;
    await Promise.all(loops);
    await sleep(CONSUMER_TIMEOUT_S * 1_000 + 500);

    const sizeBeforeDrain = await api.sizeOrThrow(q);
    const drained = await drain(api, q);
    const context = JSON.stringify({
      crashLog,
      stats: ledger.stats,
      ackedPosts: ledger.ackedPosts.size,
      ackedDeletes: ledger.ackedDeletes.size,
      unknownDeletes: ledger.unknownDeletes.size,
      drained: drained.length,
    });
    const drainedById = new Map(drained.map((m) => [m.id, m.body]));
    const lost = [...ledger.ackedPosts].filter(
      ([id]) => !drainedById.has(id) && !ledger.ackedDeletes.has(id) && !ledger.unknownDeletes.has(id),
    );
    const altered = [...ledger.ackedPosts].filter(([id, body]) => drainedById.has(id) && drainedById.get(id) !== body);
    const reservedAltered = [...ledger.reservedBodies].filter(
      ([id, body]) => ledger.ackedPosts.has(id) && ledger.ackedPosts.get(id) !== body,
    );

    expect(ledger.anomalies, context).toEqual([]);
    expect(lost, `acknowledged posts missing after the crashes; ${context}`).toEqual([]);
    expect(altered, `bodies changed; ${context}`).toEqual([]);
    expect(reservedAltered, `bodies changed; ${context}`).toEqual([]);
    expect([...ledger.ackedDeletes].filter((id) => drainedById.has(id)), `deleted but back; ${context}`).toEqual([]);
    expect(duplicates(drained.map((m) => m.id)), `ids drained twice; ${context}`).toEqual([]);
    expect(duplicates(drained.map((m) => m.body)), `bodies drained twice; ${context}`).toEqual([]);
    expect(drained.filter((m) => !ledger.attemptedBodies.has(m.body)), `never posted; ${context}`).toEqual([]);
    expect(sizeBeforeDrain, `size vs messages drained; ${context}`).toBe(drained.length);
    expect(await api.peekOrThrow(q, 100)).toEqual([]);
    // The run proves little unless it did real work on both sides of each crash.
    expect(crashLog).toHaveLength(CRASHES);
    expect(ledger.ackedPosts.size, context).toBeGreaterThan(100);
    expect(ledger.ackedDeletes.size, context).toBeGreaterThan(50);
  });

  it('a reservation survives a SIGKILL: the message stays hidden and its reservation id still deletes it', async ({
    onTestFinished,
  }) => {
    const { server, api } = await serverForTest(onTestFinished, env);
    const q = uniqueQueueName('crash-reserved');
    const [id] = await api.postOrThrow(q, ['held']);
    const [reserved] = await api.reserveOrThrow(q, { timeout: 30 });
    expect(reserved.id).toBe(id);

    await server.kill();
    await server.restart();

    expect(await api.reserveOrThrow(q, { n: 100, timeout: 30 })).toEqual([]);
    expect(await api.peekOrThrow(q, 100)).toEqual([]);
    expect(await api.sizeOrThrow(q)).toBe(1);
    const res = await api.getMessage(q, id);
    expect(res.body?.message).toEqual({ id, body: 'held', reserved_count: 1 });
    expectMsg(await api.deleteMessage(q, id, { reservation_id: reserved.reservation_id }), 200, 'Deleted');
    expect(await api.sizeOrThrow(q)).toBe(0);
  });

  it('a delayed message stays delayed across a SIGKILL and becomes ready when its delay ends', async ({
    onTestFinished,
  }) => {
    const { server, api } = await serverForTest(onTestFinished, env);
    const q = uniqueQueueName('crash-delayed');
    const postedAt = Date.now();
    const [laterId, nowId] = await api.postOrThrow(q, [{ body: 'later', delay: 5 }, 'now']);

    await server.kill();
    await server.restart();

    expect((await api.peekOrThrow(q, 100)).map((m) => m.id)).toEqual([nowId]);
    const ready = await api.reserveOrThrow(q, { n: 100, timeout: 30 });
    expect(ready.map((m) => m.id)).toEqual([nowId]);
    expect(await api.sizeOrThrow(q)).toBe(2);
    expect((await api.getMessage(q, laterId)).body?.message).toMatchObject({ id: laterId, body: 'later' });

    const [delayed] = await api.reserveOrThrow(q, { timeout: 30, wait: 10 });
    expect(delayed).toMatchObject({ id: laterId, body: 'later', reserved_count: 1 });
    expect(Date.now() - postedAt).toBeGreaterThanOrEqual(4_900);
  });
});
