// The one change signal (queue-changes.ts): every arrival wakes long polls and tells listeners in
// the same call — dead-letter moves and error-queue reports included — with the queue as the store
// left it, and a listener that throws is reported without failing the request.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { QueueChange } from './queue-changes';
import { SECOND_MS, newProjectId, openEngine, settle, type EngineHarness } from './engine.test-helpers';

let h: EngineHarness;
let projectId: string;
let listenerErrors: unknown[];

beforeEach(() => {
  listenerErrors = [];
  h = openEngine({ onError: (error) => listenerErrors.push(error) });
  projectId = newProjectId();
});

afterEach(() => h.close());

const SUBSCRIBER = { name: 'down', url: 'http://127.0.0.1:9/push', headers: {} };

describe('one signal for arrivals', () => {
  it('a long poll on a dead-letter queue wakes at once when a reserve moves a message there', async () => {
    await h.engine.createQueue(projectId, 'q', { deadLetter: { queueName: 'dlq', maxReservations: 1 } });
    const [id] = await h.engine.postMessages(projectId, 'q', [{ body: 'poison' }]);
    await h.engine.reserveMessages(projectId, 'q', { timeoutMs: SECOND_MS });
    const poll = h.startReserve(projectId, 'dlq', { waitMs: 30 * SECOND_MS });
    await settle();
    expect(poll.result()).toBeUndefined();

    h.clock.advance(SECOND_MS);
    expect(await h.engine.reserveMessages(projectId, 'q')).toEqual([]);
    await settle();
    expect(poll.result()).toMatchObject([{ id, body: 'poison' }]);
  });

  it('a long poll on an error queue wakes at once when a push report lands there', async () => {
    await h.engine.createQueue(projectId, 'errors');
    await h.engine.createQueue(projectId, 'push', { type: 'multicast', push: { subscribers: [SUBSCRIBER], retries: 1, errorQueue: 'errors' } });
    const [id] = await h.engine.postMessages(projectId, 'push', [{ body: 'undeliverable' }]);
    const poll = h.startReserve(projectId, 'errors', { waitMs: 30 * SECOND_MS });
    await settle();

    const [attempt] = await h.engine.deliveries.claim({ limit: 10, leaseMs: 15 * SECOND_MS, perUrlLimit: 10, roomByUrl: {} });
    await h.engine.deliveries.settle({ messageId: id, subscriberName: 'down', reservationId: attempt.reservationId, statusCode: 500, result: 'failed', errorMessage: 'boom' });
    await settle();
    const [report] = poll.result() ?? [];
    expect(JSON.parse(report.body)).toMatchObject({ source_msg_id: id, code: 500 });
  });

  it('listeners get the queue as the change left it, without reading it again', async () => {
    const changes: QueueChange[] = [];
    h.engine.changes.listen((change) => changes.push(change));
    await h.engine.postMessages(projectId, 'q', [{ body: 'a' }, { body: 'b' }]);
    const [held] = await h.engine.reserveMessages(projectId, 'q');
    await h.engine.deleteMessage(projectId, 'q', { id: held.id, reservationId: held.reservationId });
    await h.engine.clearMessages(projectId, 'q');
    expect(changes.map(({ kind, count, queue }) => [kind, count, queue.size])).toEqual([
      ['posted', 2, 2],
      ['reserved', 1, 2],
      ['removed', 1, 1],
      ['removed', 1, 0],
    ]);
  });

  it('a listener that throws is reported, and neither the request nor other listeners suffer', async () => {
    const heard: string[] = [];
    h.engine.changes.listen(() => {
      throw new Error('listener bug');
    });
    h.engine.changes.listen((change) => heard.push(change.kind));
    await expect(h.engine.postMessages(projectId, 'q', [{ body: 'x' }])).resolves.toHaveLength(1);
    expect(heard).toEqual(['posted']);
    expect(listenerErrors).toEqual([expect.objectContaining({ message: 'listener bug' })]);
  });
});
