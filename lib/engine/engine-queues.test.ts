// QueueEngine queue verbs over a real SQLite store: create/update rules (§2.2–2.4, §2.9), delete,
// list (§2.6, scenario 9) and the 404 for every verb on a missing queue (§4.7, scenario 10).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_MESSAGE_EXPIRATION_MS, DEFAULT_MESSAGE_TIMEOUT_MS } from './limits';
import { SECOND_MS, expectEngineError, newProjectId, openEngine, type EngineHarness } from './engine.test-helpers';

const DAY_MS = 86_400 * SECOND_MS;
const SUBSCRIBERS = [{ name: 's1', url: 'http://example.com/push', headers: {} }];

let h: EngineHarness;
let projectId: string;

beforeEach(() => {
  h = openEngine();
  projectId = newProjectId();
});

afterEach(() => h.close());

describe('createQueue and updateQueue', () => {
  it('creates a pull queue with the default settings', async () => {
    const queue = await h.engine.createQueue(projectId, 'orders');
    expect(queue).toMatchObject({
      projectId, name: 'orders', type: 'pull', size: 0, totalMessages: 0, push: null, alerts: [], deadLetter: null,
      messageTimeoutMs: DEFAULT_MESSAGE_TIMEOUT_MS, messageExpirationMs: DEFAULT_MESSAGE_EXPIRATION_MS,
    });
    expect(queue.id).toMatch(/^[0-9a-f]{24}$/);
    expect(await h.engine.getQueue(projectId, 'orders')).toEqual(queue);
  });

  it('PUT on an existing queue applies the given fields like PATCH and keeps the others (§2.2)', async () => {
    const created = await h.engine.createQueue(projectId, 'q', { messageTimeoutMs: 69 * SECOND_MS });
    const updated = await h.engine.createQueue(projectId, 'q', { messageExpirationMs: 404 * SECOND_MS });
    expect(updated).toMatchObject({ id: created.id, messageTimeoutMs: 69 * SECOND_MS, messageExpirationMs: 404 * SECOND_MS });
    // An empty patch (what zeros become at the boundary) changes nothing.
    expect(await h.engine.updateQueue(projectId, 'q', {})).toEqual(updated);
  });

  it('updateQueue of a missing queue is QUEUE_NOT_FOUND and creates nothing', async () => {
    await expectEngineError(() => h.engine.updateQueue(projectId, 'ghost', { messageTimeoutMs: 5 * SECOND_MS }), 'QUEUE_NOT_FOUND');
    await expectEngineError(() => h.engine.getQueue(projectId, 'ghost'), 'QUEUE_NOT_FOUND');
  });

  it('checks message_timeout (1 s..1 day) and message_expiration (1 s..30 days); a refused patch changes nothing', async () => {
    await h.engine.createQueue(projectId, 'q', { messageTimeoutMs: SECOND_MS, messageExpirationMs: SECOND_MS });
    await h.engine.updateQueue(projectId, 'q', { messageTimeoutMs: DAY_MS, messageExpirationMs: 30 * DAY_MS });
    for (const patch of [
      { messageTimeoutMs: 999 },
      { messageTimeoutMs: DAY_MS + 1 },
      { messageTimeoutMs: 1_500.5 },
      { messageExpirationMs: 999 },
      { messageExpirationMs: 30 * DAY_MS + 1 },
      { messageTimeoutMs: 5 * SECOND_MS, deadLetter: { queueName: 'dlq', maxReservations: 0 } },
    ]) {
      await expectEngineError(() => h.engine.updateQueue(projectId, 'q', patch), 'INVALID_ARGUMENT');
    }
    expect(await h.engine.getQueue(projectId, 'q')).toMatchObject({ messageTimeoutMs: DAY_MS, messageExpirationMs: 30 * DAY_MS });
    await expectEngineError(() => h.engine.getQueue(projectId, 'dlq'), 'QUEUE_NOT_FOUND');
  });

  it('a push section without a type makes a multicast queue (§2.2, scenario 8)', async () => {
    const queue = await h.engine.createQueue(projectId, 'push', { push: { subscribers: SUBSCRIBERS, retries: 2 } });
    expect(queue).toMatchObject({
      type: 'multicast',
      push: { subscribers: SUBSCRIBERS, retries: 2, retriesDelayMs: 60 * SECOND_MS, errorQueue: '' },
    });
    const unicast = await h.engine.createQueue(projectId, 'uni', { type: 'unicast', push: { subscribers: SUBSCRIBERS } });
    expect(unicast.type).toBe('unicast');
  });

  it('refuses push queues without subscribers and push settings, dead letters or alerts where they do not belong', async () => {
    await expectEngineError(() => h.engine.createQueue(projectId, 'a', { type: 'multicast' }), 'INVALID_ARGUMENT');
    await expectEngineError(() => h.engine.createQueue(projectId, 'b', { push: { subscribers: [] } }), 'INVALID_ARGUMENT');
    await expectEngineError(() => h.engine.createQueue(projectId, 'c', { type: 'pull', push: { subscribers: SUBSCRIBERS } }), 'NOT_A_PUSH_QUEUE');
    await h.engine.createQueue(projectId, 'push', { push: { subscribers: SUBSCRIBERS } });
    await expectEngineError(
      () => h.engine.updateQueue(projectId, 'push', { deadLetter: { queueName: 'dlq', maxReservations: 3 } }),
      'INVALID_ARGUMENT',
    );
    const alert = { type: 'fixed' as const, trigger: 10, direction: 'asc' as const, queue: 'target', snoozeMs: 0 };
    await expectEngineError(() => h.engine.updateQueue(projectId, 'push', { alerts: [alert] }), 'PUSH_QUEUE_ALERTS');
    expect(await h.engine.listQueues(projectId)).toEqual(['push']);
  });

  it('a queue type never changes (QUEUE_TYPE_IMMUTABLE); repeating it is accepted', async () => {
    await h.engine.createQueue(projectId, 'pull');
    await h.engine.createQueue(projectId, 'push', { push: { subscribers: SUBSCRIBERS } });
    await expectEngineError(() => h.engine.updateQueue(projectId, 'pull', { type: 'multicast' }), 'QUEUE_TYPE_IMMUTABLE');
    await expectEngineError(() => h.engine.createQueue(projectId, 'pull', { type: 'unicast' }), 'QUEUE_TYPE_IMMUTABLE');
    await expectEngineError(() => h.engine.updateQueue(projectId, 'push', { type: 'pull' }), 'QUEUE_TYPE_IMMUTABLE');
    await expectEngineError(() => h.engine.updateQueue(projectId, 'push', { type: 'unicast' }), 'QUEUE_TYPE_IMMUTABLE');
    expect(await h.engine.updateQueue(projectId, 'pull', { type: 'pull' })).toMatchObject({ type: 'pull' });
    expect(await h.engine.updateQueue(projectId, 'push', { type: 'multicast', push: { retries: 5 } })).toMatchObject({
      type: 'multicast',
      push: { subscribers: SUBSCRIBERS, retries: 5 },
    });
  });

  it('dead letter: max_reservations 1..1000, and the target queue is created as a pull queue (§2.2, §2.9)', async () => {
    await h.engine.createQueue(projectId, 'q');
    for (const maxReservations of [0, 1_001, 2.5]) {
      await expectEngineError(
        () => h.engine.updateQueue(projectId, 'q', { deadLetter: { queueName: 'dlq', maxReservations } }),
        'INVALID_ARGUMENT',
      );
    }
    await expectEngineError(() => h.engine.getQueue(projectId, 'dlq'), 'QUEUE_NOT_FOUND');
    await h.engine.updateQueue(projectId, 'q', { deadLetter: { queueName: 'dlq', maxReservations: 1_000 } });
    const queue = await h.engine.updateQueue(projectId, 'q', { deadLetter: { queueName: 'dlq', maxReservations: 1 } });
    expect(queue.deadLetter).toEqual({ queueName: 'dlq', maxReservations: 1 });
    expect(await h.engine.getQueue(projectId, 'dlq')).toMatchObject({ type: 'pull', size: 0, deadLetter: null });
    const created = await h.engine.createQueue(projectId, 'new', { deadLetter: { queueName: 'new-dlq', maxReservations: 10 } });
    expect(created.deadLetter).toEqual({ queueName: 'new-dlq', maxReservations: 10 });
    await h.engine.getQueue(projectId, 'new-dlq');
  });

  it('dead letter without max_reservations takes 10, or keeps the current value', async () => {
    const created = await h.engine.createQueue(projectId, 'q', { deadLetter: { queueName: 'dlq' } });
    expect(created.deadLetter).toEqual({ queueName: 'dlq', maxReservations: 10 });
    await h.engine.updateQueue(projectId, 'q', { deadLetter: { queueName: 'dlq', maxReservations: 4 } });
    const renamed = await h.engine.updateQueue(projectId, 'q', { deadLetter: { queueName: 'other-dlq' } });
    expect(renamed.deadLetter).toEqual({ queueName: 'other-dlq', maxReservations: 4 });
  });

  it('dead letter with queue_name "" (or null) removes the policy and creates no queue', async () => {
    await h.engine.createQueue(projectId, 'q', { deadLetter: { queueName: 'dlq', maxReservations: 3 } });
    const removed = await h.engine.updateQueue(projectId, 'q', { deadLetter: { queueName: '', maxReservations: 10 } });
    expect(removed.deadLetter).toBeNull();
    await h.engine.updateQueue(projectId, 'q', { deadLetter: { queueName: 'dlq', maxReservations: 3 } });
    expect((await h.engine.updateQueue(projectId, 'q', { deadLetter: null })).deadLetter).toBeNull();
    expect(await h.engine.listQueues(projectId)).toEqual(['dlq', 'q']);
    // A listing starts after '', so only a direct lookup shows a queue named ''.
    expect(await h.store.getQueue(projectId, '')).toBeUndefined();
  });

  it('refuses empty and over-long queue names', async () => {
    await expectEngineError(() => h.engine.createQueue(projectId, ''), 'INVALID_ARGUMENT');
    await expectEngineError(() => h.engine.createQueue(projectId, 'é'.repeat(128)), 'INVALID_ARGUMENT');
    await expectEngineError(() => h.engine.postMessages(projectId, '', [{ body: 'x' }]), 'INVALID_ARGUMENT');
    expect((await h.engine.createQueue(projectId, 'x'.repeat(255))).name).toHaveLength(255);
  });
});

describe('deleteQueue', () => {
  it('deletes a queue with its messages; a later post recreates it fresh (§2.5)', async () => {
    const created = await h.engine.createQueue(projectId, 'q', { messageTimeoutMs: 30 * SECOND_MS });
    await h.engine.postMessages(projectId, 'q', [{ body: 'a' }, { body: 'b' }]);
    await h.engine.deleteQueue(projectId, 'q');
    await expectEngineError(() => h.engine.getQueue(projectId, 'q'), 'QUEUE_NOT_FOUND');
    await expectEngineError(() => h.engine.deleteQueue(projectId, 'q'), 'QUEUE_NOT_FOUND');
    await h.engine.postMessages(projectId, 'q', [{ body: 'c' }]);
    const recreated = await h.engine.getQueue(projectId, 'q');
    expect(recreated).toMatchObject({ size: 1, totalMessages: 1, messageTimeoutMs: DEFAULT_MESSAGE_TIMEOUT_MS });
    expect(recreated.id).not.toBe(created.id);
    expect((await h.engine.peekMessages(projectId, 'q', 10)).map((m) => m.body)).toEqual(['c']);
  });
});

describe('listQueues (§2.6, scenario 9)', () => {
  it('pages by previous and per_page and filters by prefix', async () => {
    const names = ['a', 'aa', 'aaa', 'aaaa', 'aaaaa', 'aaaaaa', 'aaaaaaa', 'aaaaaaaa', 'abba', 'abbca', 'abbcb', 'abbcd', 'abbdd'];
    await Promise.all(names.map((name) => h.engine.createQueue(projectId, name)));
    expect(await h.engine.listQueues(projectId, { previous: 'aa', perPage: 4 })).toEqual(['aaa', 'aaaa', 'aaaaa', 'aaaaaa']);
    expect(await h.engine.listQueues(projectId, { prefix: 'abbc' })).toEqual(['abbca', 'abbcb', 'abbcd']);
    expect(await h.engine.listQueues(projectId, { prefix: 'abbc', previous: 'abbcb' })).toEqual(['abbcd']);
    expect(await h.engine.listQueues(newProjectId())).toEqual([]);
  });

  it('defaults per_page to 30 and clamps it to 1..100', async () => {
    const names = Array.from({ length: 105 }, (_, i) => `q${String(i).padStart(3, '0')}`);
    await Promise.all(names.map((name) => h.engine.createQueue(projectId, name)));
    expect(await h.engine.listQueues(projectId)).toEqual(names.slice(0, 30));
    expect(await h.engine.listQueues(projectId, { perPage: 101 })).toEqual(names.slice(0, 100));
    expect(await h.engine.listQueues(projectId, { perPage: 0 })).toEqual(names.slice(0, 1));
    expect(await h.engine.listQueues(projectId, { perPage: -5, previous: 'q103' })).toEqual(['q104']);
    // v1's page (0..100) skips page × per_page names.
    expect(await h.engine.listQueues(projectId, { perPage: 10, page: 2 })).toEqual(names.slice(20, 30));
    expect(await h.engine.listQueues(projectId, { perPage: 10, page: -1 })).toEqual(names.slice(0, 10));
  });
});

describe('findQueues', () => {
  it('returns the named queues that exist, in the order named, with their counts', async () => {
    await h.engine.createQueue(projectId, 'b');
    await h.engine.createQueue(projectId, 'a');
    await h.engine.postMessages(projectId, 'b', [{ body: 'one' }, { body: 'two' }]);
    const found = await h.engine.findQueues(projectId, ['b', 'missing', 'a']);
    expect(found.map((queue) => [queue.name, queue.size, queue.totalMessages])).toEqual([['b', 2, 2], ['a', 0, 0]]);
    expect(await h.engine.findQueues(newProjectId(), ['a', 'b'])).toEqual([]);
    expect(await h.engine.findQueues(projectId, [])).toEqual([]);
  });
});

describe('missing queues (§4.7, scenario 10)', () => {
  it('every verb but create and post answers QUEUE_NOT_FOUND for a never-created or deleted queue', async () => {
    await h.engine.createQueue(projectId, 'deleted');
    await h.engine.deleteQueue(projectId, 'deleted');
    for (const name of ['never', 'deleted']) {
      const ref = { id: '1', reservationId: 'r' };
      const calls: Array<() => Promise<unknown>> = [
        () => h.engine.getQueue(projectId, name),
        () => h.engine.updateQueue(projectId, name, {}),
        () => h.engine.deleteQueue(projectId, name),
        () => h.engine.reserveMessages(projectId, name, { n: 1 }),
        () => h.engine.reserveMessages(projectId, name, { waitMs: 5 * SECOND_MS }),
        () => h.engine.peekMessages(projectId, name),
        () => h.engine.getMessage(projectId, name, '1'),
        () => h.engine.deleteMessage(projectId, name, ref),
        () => h.engine.deleteMessages(projectId, name, [ref]),
        () => h.engine.deleteMessages(projectId, name, []),
        () => h.engine.touchMessage(projectId, name, ref),
        () => h.engine.releaseMessage(projectId, name, ref),
        () => h.engine.clearMessages(projectId, name),
        () => h.engine.countMessages(projectId, name),
        () => h.engine.browseMessages(projectId, name, null, 10),
      ];
      for (const call of calls) await expectEngineError(call, 'QUEUE_NOT_FOUND');
    }
    expect(await h.engine.listQueues(projectId)).toEqual([]);
  });
});

describe('rules only the engine can judge', () => {
  const subscriber = (name: string, url = `http://127.0.0.1:9/${name}`) => ({ name, url, headers: {} });

  it('checks the type against its own list, whichever boundary the request came through', async () => {
    await expectEngineError(() => h.engine.createQueue(projectId, 'q', { type: 'fifo' }), 'INVALID_ARGUMENT');
    await expectEngineError(() => h.engine.createQueue(projectId, 'q', { type: 'fifo' }, { rules: 'v1' }), 'INVALID_ARGUMENT');
    expect(await h.engine.listQueues(projectId)).toEqual([]);
  });

  it('refuses two subscribers of the same name (or, unnamed, the same url), which could never be told apart', async () => {
    const twice = [subscriber('a'), subscriber('a', 'http://127.0.0.1:9/other')];
    await expectEngineError(() => h.engine.createQueue(projectId, 'push', { type: 'multicast', push: { subscribers: twice } }), 'INVALID_ARGUMENT');
    const unnamed = [subscriber('', 'http://127.0.0.1:9/same'), subscriber('', 'http://127.0.0.1:9/same')];
    await expectEngineError(() => h.engine.createQueue(projectId, 'push', { type: 'multicast', push: { subscribers: unnamed } }), 'INVALID_ARGUMENT');
    await h.engine.createQueue(projectId, 'push', { type: 'multicast', push: { subscribers: [subscriber('a'), subscriber('b')] } });
    // Adding a subscriber under an existing name replaces it (§2.7) rather than duplicating it.
    const queue = await h.engine.addSubscribers(projectId, 'push', [subscriber('b', 'http://127.0.0.1:9/new-b')]);
    expect(queue.push?.subscribers.map((s) => s.url)).toEqual(['http://127.0.0.1:9/a', 'http://127.0.0.1:9/new-b']);
  });

  it('refuses a push queue as its own error queue', async () => {
    const push = { type: 'multicast', push: { subscribers: [subscriber('a')], errorQueue: 'loop' } };
    await expectEngineError(() => h.engine.createQueue(projectId, 'loop', push), 'INVALID_ARGUMENT');
    expect(await h.engine.listQueues(projectId)).toEqual([]);
  });

  it('a create-only save refuses an existing queue, deciding inside the store, and changes nothing', async () => {
    const created = await h.engine.createQueue(projectId, 'once', { messageTimeoutMs: 90 * SECOND_MS }, { isCreateOnly: true });
    const racing = await Promise.allSettled([
      h.engine.createQueue(projectId, 'race', {}, { isCreateOnly: true }),
      h.engine.createQueue(projectId, 'race', {}, { isCreateOnly: true }),
    ]);
    expect(racing.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
    await expectEngineError(() => h.engine.createQueue(projectId, 'once', { messageTimeoutMs: 5 * SECOND_MS }, { isCreateOnly: true }), 'QUEUE_EXISTS');
    expect(await h.engine.getQueue(projectId, 'once')).toEqual(created);
  });

  it('deletes every queue of a project at once, and only that project’s', async () => {
    const other = newProjectId();
    for (const name of ['a', 'b']) await h.engine.postMessages(projectId, name, [{ body: name }]);
    await h.engine.postMessages(other, 'a', [{ body: 'kept' }]);
    expect(await h.engine.deleteProjectQueues(projectId)).toBe(2);
    expect(await h.engine.listQueues(projectId)).toEqual([]);
    expect((await h.engine.getQueue(other, 'a')).size).toBe(1);
  });
});

describe('v1 rules (§5.3)', () => {
  const subscriber = { name: 'http://127.0.0.1:9/v1', url: 'http://127.0.0.1:9/v1', headers: {} };

  it('subscribers turn a pull queue into a multicast one; push fields on a pull queue are ignored', async () => {
    await h.engine.createQueue(projectId, 'q', { push: { retries: 7 } }, { rules: 'v1' });
    expect(await h.engine.getQueue(projectId, 'q')).toMatchObject({ type: 'pull', push: null });
    const pushed = await h.engine.createQueue(projectId, 'q', { push: { subscribers: [subscriber], apiVersion: 1 } }, { rules: 'v1' });
    expect(pushed).toMatchObject({ type: 'multicast', push: { subscribers: [subscriber], apiVersion: 1 } });
    expect(await h.engine.createQueue(projectId, 'q', { type: 'pull' }, { rules: 'v1' })).toMatchObject({ type: 'pull', push: null });
  });

  it('adding subscribers creates a missing queue as a push queue, and adds to an existing one', async () => {
    const created = await h.engine.addSubscribers(projectId, 'new', [subscriber], { rules: 'v1' });
    expect(created).toMatchObject({ type: 'multicast', push: { apiVersion: 1 } });
    const second = { ...subscriber, name: 'http://127.0.0.1:9/two', url: 'http://127.0.0.1:9/two' };
    expect((await h.engine.addSubscribers(projectId, 'new', [second], { rules: 'v1' })).push?.subscribers).toHaveLength(2);
    await expectEngineError(() => h.engine.addSubscribers(projectId, 'missing', [subscriber]), 'QUEUE_NOT_FOUND');
  });
});
