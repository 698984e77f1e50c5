// Listing queues (docs/api.md §2.6): prefix filter, code-point order, `previous` as an exclusive
// start name, per_page defaulting to 30 and clamped to 100, and items holding only `name`.
// Every test lists under its own unique prefix, so tests running side by side do not see each other.
import { describe, expect, it } from 'vitest';
import { expectJson, uniqueQueueName, useApiServer } from '../helpers/api';

const api = useApiServer();

type OnFinished = (fn: () => Promise<void>) => void;

async function createQueues(names: string[], onTestFinished: OnFinished): Promise<void> {
  for (const name of names) onTestFinished(() => api.dropQueue(name));
  for (let i = 0; i < names.length; i += 20) {
    await Promise.all(names.slice(i, i + 20).map((name) => api.createQueueOrThrow(name)));
  }
}

async function listNames(query: Record<string, string | number>): Promise<string[]> {
  const res = await api.listQueues(query);
  expectJson(res, 200);
  for (const item of res.body.queues) expect(Object.keys(item)).toEqual(['name']);
  return res.body.queues.map((item: { name: string }) => item.name);
}

describe.concurrent('GET /queues', () => {
  it('pages with previous and per_page (Java: previous=aa, per_page=4)', async ({ onTestFinished }) => {
    const p = `${uniqueQueueName('list-page')}-`;
    const names = [1, 2, 3, 4, 5, 6, 7, 8].map((k) => p + 'a'.repeat(k));
    await createQueues([...names].reverse(), onTestFinished);
    expect(await listNames({ prefix: p, previous: `${p}aa`, per_page: 4 })).toEqual([
      `${p}aaa`,
      `${p}aaaa`,
      `${p}aaaaa`,
      `${p}aaaaaa`,
    ]);
    expect(await listNames({ prefix: p, previous: `${p}aaaaaa`, per_page: 4 })).toEqual([`${p}aaaaaaa`, `${p}aaaaaaaa`]);
  });

  it('filters by prefix (Java: abbc) and treats previous as exclusive, existing or not', async ({ onTestFinished }) => {
    const p = `${uniqueQueueName('list-prefix')}-`;
    await createQueues(['abbdd', 'abbca', 'abba', 'abbcd', 'abbcb'].map((s) => p + s), onTestFinished);
    expect(await listNames({ prefix: `${p}abbc` })).toEqual([`${p}abbca`, `${p}abbcb`, `${p}abbcd`]);
    expect(await listNames({ prefix: p, previous: `${p}abbc` })).toEqual([
      `${p}abbca`,
      `${p}abbcb`,
      `${p}abbcd`,
      `${p}abbdd`,
    ]);
    expect(await listNames({ prefix: p, previous: `${p}abbcd` })).toEqual([`${p}abbdd`]);
    expect(await listNames({ prefix: p, previous: `${p}z` })).toEqual([]);
  });

  it('sorts by code point', async ({ onTestFinished }) => {
    const p = `${uniqueQueueName('list-order')}-`;
    await createQueues(['b', 'é', 'B', 'a', '_', 'A1'].map((s) => p + s), onTestFinished);
    expect(await listNames({ prefix: p })).toEqual(['A1', 'B', '_', 'a', 'b', 'é'].map((s) => p + s));
  });

  it('returns 30 by default and clamps per_page 101 to 100 (Go sends 101 and expects success)', async ({
    onTestFinished,
  }) => {
    const p = `${uniqueQueueName('list-size')}-`;
    const names = Array.from({ length: 101 }, (_, i) => p + String(i).padStart(3, '0'));
    await createQueues(names, onTestFinished);
    expect(await listNames({ prefix: p })).toEqual(names.slice(0, 30));
    expect(await listNames({ prefix: p, per_page: 101 })).toEqual(names.slice(0, 100));
    expect(await listNames({ prefix: p, per_page: 100, previous: names[99] })).toEqual([names[100]]);
    expect(await listNames({ prefix: p, per_page: 1 })).toEqual([names[0]]);
  });

  it('lists only names, even for queues with messages and settings', async ({ onTestFinished }) => {
    const p = `${uniqueQueueName('list-only-name')}-`;
    const [q, dlq] = [`${p}main`, `${p}zdlq`];
    onTestFinished(() => api.dropQueue(q));
    onTestFinished(() => api.dropQueue(dlq));
    await api.createQueueOrThrow(dlq);
    await api.createQueueOrThrow(q, { message_timeout: 99, dead_letter: { queue_name: dlq } });
    await api.postOrThrow(q, ['a']);
    expectJson(await api.listQueues({ prefix: p }), 200, { queues: [{ name: q }, { name: dlq }] });
  });

  it('answers {"queues": []} when nothing matches, and forgets deleted queues', async ({ onTestFinished }) => {
    const p = `${uniqueQueueName('list-empty')}-`;
    expectJson(await api.listQueues({ prefix: p }), 200, { queues: [] });
    await createQueues([`${p}keep`, `${p}drop`], onTestFinished);
    expectJson(await api.deleteQueue(`${p}drop`), 200);
    expect(await listNames({ prefix: p })).toEqual([`${p}keep`]);
  });
});
