// Queue names no URL can carry are refused wherever a queue could come into being, on both API
// versions, and nothing is created; and a trailing slash never turns "delete one" into "delete
// all". Every path is sent literally (node:http does not normalise), as a buggy client sends it.
import { describe, expect, it } from 'vitest';
import { expectJson, expectMsg, uniqueQueueName, useApiServer } from '../helpers/api';
import { v1Paths } from '../helpers/v1';

const api = useApiServer();

/** Raw path segments that decode to a name the engine must refuse, with what each one is. */
const BAD_SEGMENTS: Array<[string, string]> = [
  ['..', 'dot-dot'],
  ['.', 'dot'],
  ['%2e%2e', 'encoded dot-dot'],
  ['%2E', 'encoded dot'],
  ['%20', 'a space'],
  ['%20%09%20', 'only whitespace'],
  ['a%0Ab', 'a line feed'],
  ['a%00b', 'a NUL'],
  ['%7F', 'DEL'],
  ['x%C2%85', 'a C1 control'],
];
const NAME_REFUSED = /^Queue name (must not be empty|cannot be "\.{1,2}"|must not contain control)/;

const v3 = () => api.paths.project;
const v1 = () => `/1/projects/${api.server.projectId}`;

/** Every call that may create a queue, given the raw queue segment. */
const CREATING_CALLS: Array<[string, (segment: string) => [string, string, unknown]]> = [
  ['v3 create queue', (s) => ['PUT', `${v3()}/queues/${s}`, {}]],
  ['v3 post messages', (s) => ['POST', `${v3()}/queues/${s}/messages`, { messages: [{ body: 'x' }] }]],
  ['v3 webhook', (s) => ['POST', `${v3()}/queues/${s}/webhook`, undefined]],
  ['v1 create queue', (s) => ['POST', `${v1()}/queues/${s}`, {}]],
  ['v1 post messages', (s) => ['POST', `${v1()}/queues/${s}/messages`, { messages: [{ body: 'x' }] }]],
  ['v1 webhook', (s) => ['POST', `${v1()}/queues/${s}/messages/webhook`, undefined]],
  ['v1 add alerts', (s) => ['POST', `${v1()}/queues/${s}/alerts`, { alerts: [{ type: 'fixed', trigger: 1, queue: 'alerts-target' }] }]],
  ['v1 add subscribers', (s) => ['POST', `${v1()}/queues/${s}/subscribers`, { subscribers: [{ url: 'http://127.0.0.1:9/' }] }]],
];

async function allQueueNames(): Promise<string[]> {
  const res = await api.listQueues({ per_page: 100 });
  expectJson(res, 200);
  return res.body.queues.map((queue: { name: string }) => queue.name);
}

describe('names no URL can carry are refused and create nothing', () => {
  it('on every call that creates a queue, for every such name', async ({ onTestFinished }) => {
    const canary = api.tempQueue(onTestFinished, 'canary');
    await api.postOrThrow(canary, ['still here']);
    const before = await allQueueNames();

    for (const [call, build] of CREATING_CALLS) {
      for (const [segment, what] of BAD_SEGMENTS) {
        const [method, path, json] = build(segment);
        const res = await api.request(method, path, json === undefined ? { raw: 'payload' } : { json });
        expect(res.status, `${call} with ${what} (${segment}): ${res.text}`).toBe(400);
        expectMsg(res, 400, NAME_REFUSED);
      }
    }

    expect(await allQueueNames()).toEqual(before);
    expect(await api.sizeOrThrow(canary)).toBe(1);
  });

  it('an empty segment is no queue at all', async () => {
    const before = await allQueueNames();
    expectMsg(await api.request('POST', `${v3()}/queues//messages`, { json: { messages: [{ body: 'x' }] } }), 400, NAME_REFUSED);
    expect(await allQueueNames()).toEqual(before);
  });

  it.for([
    ['a dead letter queue', { dead_letter: { queue_name: '..', max_reservations: 2 } }, /^dead_letter\.queue_name cannot be "\.\."/],
    ['an error queue', { type: 'multicast', push: { subscribers: [{ name: 's', url: 'http://127.0.0.1:9/' }], error_queue: ' ' } }, /^error_queue must not be empty/],
    ['an alert target', { alerts: [{ type: 'fixed', trigger: 5, queue: '.' }] }, /^The alert queue cannot be "\."/],
    ['an ironmq:/// target', { type: 'multicast', push: { subscribers: [{ name: 's', url: 'ironmq:///%2e%2e' }] } }, /^The ironmq:\/\/\/ target queue cannot be "\.\."/],
  ] as Array<[string, Record<string, unknown>, RegExp]>)('as %s', async ([, queue, msg], { onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'target');
    const before = await allQueueNames();
    expectMsg(await api.request('PUT', api.paths.queue(q), { json: { queue } }), 400, msg);
    expect(await allQueueNames()).toEqual(before);
  });

  it('names that only look odd still work', async ({ onTestFinished }) => {
    for (const name of ['...', '.hidden', 'a..b', ' padded ', '~tilde']) {
      const q = `${uniqueQueueName('odd')}${name}`;
      onTestFinished(() => api.dropQueue(q));
      await api.postOrThrow(q, ['fine']);
      expect((await api.queueOrThrow(q)).name).toBe(q);
    }
    for (const name of ['...', '~']) {
      onTestFinished(() => api.dropQueue(name));
      await api.postOrThrow(name, ['fine']);
      expect((await api.queueOrThrow(name)).size).toBe(1);
    }
  });
});

describe('a trailing slash never turns "delete one" into "delete all"', () => {
  async function queueWithReservedMessage(onTestFinished: Parameters<typeof api.tempQueue>[0]) {
    const q = api.tempQueue(onTestFinished, 'slash');
    await api.postOrThrow(q, ['one', 'two', 'three']);
    const [held] = await api.reserveOrThrow(q);
    return { q, held };
  }

  it('v3: DELETE …/messages/ with a reservation id is an empty message id, not a clear', async ({ onTestFinished }) => {
    const { q, held } = await queueWithReservedMessage(onTestFinished);
    const path = `${api.paths.messages(q)}/`;
    expectMsg(await api.request('DELETE', path, { json: { reservation_id: held.reservation_id } }), 400, 'Message id must not be empty');
    expectMsg(await api.request('DELETE', path), 400, 'Message id must not be empty');
    expect(await api.sizeOrThrow(q)).toBe(3);
  });

  it('v3: a clear that carries a reservation_id or subscriber_name is refused', async ({ onTestFinished }) => {
    const { q, held } = await queueWithReservedMessage(onTestFinished);
    const msg = /^A clear takes no reservation_id or subscriber_name/;
    expectMsg(await api.deleteMessages(q, { reservation_id: held.reservation_id }), 400, msg);
    expectMsg(await api.deleteMessages(q, { subscriber_name: 'first' }), 400, msg);
    expect(await api.sizeOrThrow(q)).toBe(3);
    // The real single delete and the real clear still work.
    expectMsg(await api.deleteMessage(q, held.id, { reservation_id: held.reservation_id }), 200, 'Deleted');
    expectMsg(await api.deleteMessages(q), 200, 'Cleared');
    expect(await api.sizeOrThrow(q)).toBe(0);
  });

  it('v1: DELETE …/messages/ is an empty message id', async ({ onTestFinished }) => {
    const { q } = await queueWithReservedMessage(onTestFinished);
    const paths = v1Paths(api.server.projectId);
    expectMsg(await api.request('DELETE', `${paths.messages(q)}/`, { json: {} }), 400, 'Message id must not be empty');
    expect(await api.sizeOrThrow(q)).toBe(3);
  });

  it('v3: DELETE …/alerts/ is an empty alert id, and the alerts stay', async ({ onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'alerts');
    const target = api.tempQueue(onTestFinished, 'alerts-target');
    await api.createQueueOrThrow(q, { alerts: [{ type: 'fixed', trigger: 10, queue: target }] });
    expectMsg(await api.request('DELETE', `${api.paths.queue(q)}/alerts/`), 400, 'Alert id must not be empty');
    expect((await api.queueOrThrow(q)).alerts).toHaveLength(1);
  });

  it('other trailing slashes are still tolerated (§1.1)', async ({ onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'tolerated');
    await api.postOrThrow(q, ['x']);
    expectJson(await api.request('GET', `${api.paths.queue(q)}/`), 200);
    expectJson(await api.request('GET', `${api.paths.queues()}/`), 200);
    expectJson(await api.request('POST', `${api.paths.reservations(q)}/`, { json: {} }), 200);
    expectMsg(await api.request('DELETE', `${api.paths.queue(q)}/`), 200, 'Deleted');
  });
});
