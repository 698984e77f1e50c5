// Queue names are path segments (docs/api.md §0.16, §1.2): spaces, `+`, `:`, `=`, `.`, non-ASCII
// and percent-encoded `/` must round-trip whether a client encodes everything (Ruby, PHP) or
// leaves `+ : =` literal (Go). The router matches raw segments before decoding, and a `+` in a
// path is a plus, never a space.
import { describe, expect, it } from 'vitest';
import { expectJson, expectMsg, uniqueQueueName, useApiServer } from '../helpers/api';

const api = useApiServer();

/** How Go's url.URL escapes a path: like encodeURIComponent, but these stay literal. */
function goEscape(name: string): string {
  return encodeURIComponent(name).replace(/%(2B|3A|3D|2C|3B|40|24|26)/g, (_, hex: string) =>
    String.fromCharCode(parseInt(hex, 16)),
  );
}

const queuePath = (segment: string) => `${api.paths.project}/queues/${segment}`;

const LABELS = ['with space', 'plus+sign', 'colon:name', 'key=value', 'dotted.name.v1', 'slash/inside', 'a b+c:d=e.f/g', 'ünïcödé'];

describe.concurrent('names round-trip through create, info, list, messages and delete', () => {
  it.for(LABELS)('%s', async (label, { onTestFinished }) => {
    const name = `${uniqueQueueName('name')}-${label}`;
    onTestFinished(() => api.dropQueue(name));
    const encoded = encodeURIComponent(name);
    const go = goEscape(name);

    const created = await api.request('PUT', queuePath(encoded), { json: {} });
    expectJson(created, 200);
    expect(created.body.queue.name).toBe(name);

    for (const segment of [encoded, go]) {
      const info = await api.request('GET', queuePath(segment));
      expectJson(info, 200);
      expect(info.body.queue.name).toBe(name);
    }
    expectJson(await api.listQueues({ prefix: name }), 200, { queues: [{ name }] });

    const post = await api.request('POST', `${queuePath(go)}/messages`, { json: { messages: [{ body: label }] } });
    expectJson(post, 201);
    const reserved = await api.request('POST', `${queuePath(encoded)}/reservations`, { json: {} });
    expectJson(reserved, 200);
    const [message] = reserved.body.messages;
    expect(message).toMatchObject({ id: post.body.ids[0], body: label });
    const deleted = await api.request('DELETE', `${queuePath(go)}/messages/${message.id}`, {
      json: { reservation_id: message.reservation_id },
    });
    expectMsg(deleted, 200, 'Deleted');

    expectMsg(await api.request('DELETE', queuePath(go)), 200, 'Deleted');
    expectMsg(await api.request('GET', queuePath(encoded)), 404, 'Queue not found');
  });
});

describe.concurrent('segments are matched raw, then decoded', () => {
  it('a literal + is a plus, not a space', async ({ onTestFinished }) => {
    const base = uniqueQueueName('plus');
    const plus = `${base}-a+b`;
    onTestFinished(() => api.dropQueue(plus));
    expectJson(await api.request('PUT', queuePath(`${base}-a+b`), { json: {} }), 200);
    const info = await api.request('GET', queuePath(`${base}-a%2Bb`));
    expectJson(info, 200);
    expect(info.body.queue.name).toBe(plus);
    expectMsg(await api.request('GET', queuePath(`${base}-a%20b`)), 404, 'Queue not found');
  });

  it('a space is not a plus', async ({ onTestFinished }) => {
    const base = uniqueQueueName('space');
    onTestFinished(() => api.dropQueue(`${base}-x y`));
    expectJson(await api.request('PUT', queuePath(`${base}-x%20y`), { json: {} }), 200);
    expectMsg(await api.request('GET', queuePath(`${base}-x+y`)), 404, 'Queue not found');
    expectJson(await api.listQueues({ prefix: base }), 200, { queues: [{ name: `${base}-x y` }] });
  });

  it('%2F is a slash inside the name, not a path separator', async ({ onTestFinished }) => {
    const base = uniqueQueueName('slash');
    const name = `${base}/messages`;
    onTestFinished(() => api.dropQueue(name));
    await api.postOrThrow(name, ['inside']);

    // As one segment it is the queue named ".../messages", not a peek of queue `base`.
    const info = await api.request('GET', queuePath(`${base}%2Fmessages`));
    expectJson(info, 200);
    expect(info.body.queue).toMatchObject({ name, size: 1 });
    // As two segments it is a peek of the queue `base`, which does not exist.
    expectMsg(await api.request('GET', queuePath(`${base}/messages`)), 404, 'Queue not found');
  });
});
