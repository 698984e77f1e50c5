// The engine's verbs for the HUD's operators: redrive jobs announce every batch on the one change
// signal (a long poll on the target wakes), their requests are checked before anything is
// stored, an alert is edited in place under add's rules, and the HUD's subscriber add never
// replaces a subscriber silently.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { QueueChange } from './queue-changes';
import { SECOND_MS, expectEngineError, newProjectId, openEngine, settle, type EngineHarness } from './engine.test-helpers';

let h: EngineHarness;
let projectId: string;

beforeEach(() => {
  h = openEngine({ maxMessageBytes: 1024 });
  projectId = newProjectId();
});

afterEach(() => h.close());

const REDRIVE = { targetQueue: 'work', ratePerSecond: 100, isErrorReport: false };

describe('redrive jobs', () => {
  it('each batch that moves messages is one removal from the source and one arrival in the target', async () => {
    await h.engine.createQueue(projectId, 'work');
    await h.engine.postMessages(projectId, 'dlq', [{ body: 'a' }, { body: 'b' }, { body: 'c' }]);
    const changes: QueueChange[] = [];
    h.engine.changes.listen((change) => changes.push(change));
    const poll = h.startReserve(projectId, 'work', { waitMs: 30 * SECOND_MS });
    let started = 0;
    h.engine.redrives.onStarted(() => (started += 1));

    const job = await h.engine.redrives.start(projectId, 'dlq', REDRIVE);
    expect(started).toBe(1);
    expect(await h.engine.redrives.claim(5 * SECOND_MS)).toMatchObject({ id: job.id });
    expect(await h.engine.redrives.moveBatch(job.id, 2, 5 * SECOND_MS)).toMatchObject({ state: 'running', moved: 2 });
    await settle();
    expect(poll.result()).toMatchObject([{ body: 'a' }]);
    expect(changes.map((c) => `${c.queueName} ${c.kind} ${c.count} size ${c.queue.size}`)).toEqual([
      'dlq removed 2 size 1',
      'work posted 2 size 2',
      'work reserved 1 size 2',
    ]);
    expect(await h.engine.redrives.moveBatch(job.id, 2, 5 * SECOND_MS)).toMatchObject({ state: 'done', moved: 3 });
    expect(await h.engine.redrives.list(projectId, 'dlq')).toMatchObject([{ id: job.id, state: 'done' }]);
  });

  it('checks the request before anything is stored', async () => {
    await h.engine.postMessages(projectId, 'dlq', [{ body: 'a' }]);
    const start = (request: Partial<typeof REDRIVE> & Record<string, unknown>) => h.engine.redrives.start(projectId, 'dlq', { ...REDRIVE, ...request });
    await expect(start({ targetQueue: 'dlq' })).rejects.toThrow(/into itself/);
    await expect(start({ targetQueue: '..' })).rejects.toThrow(/target queue/);
    await expect(start({ ratePerSecond: 0 })).rejects.toThrow(/rate must be an integer between 1 and 10000/);
    await expect(start({ messageIds: [] })).rejects.toThrow(/at least one/);
    await expect(start({ messageIds: ['abc'] })).rejects.toThrow(/Not a message id/);
    await expect(start({ messageIds: ['1'], bodies: { '2': 'x' } })).rejects.toThrow(/not selected/);
    await expect(start({ messageIds: ['1'], bodies: { '1': 'x'.repeat(1025) } })).rejects.toThrow(/at most 1024 bytes/);
    await expectEngineError(() => start({}), 'QUEUE_NOT_FOUND');
    expect(await h.engine.redrives.list(projectId, 'dlq')).toEqual([]);
  });
});

describe('editing an alert', () => {
  const fixed = { type: 'fixed' as const, direction: 'asc' as const, trigger: 10, queue: 'ops', snoozeMs: 0 };

  it('changes it in place with its id, and refuses a duplicate of another alert or a missing one', async () => {
    await h.engine.createQueue(projectId, 'q', { alerts: [fixed, { ...fixed, trigger: 20 }] });
    const [first, second] = (await h.engine.getQueue(projectId, 'q')).alerts;
    const updated = await h.engine.updateAlert(projectId, 'q', first.id, { ...fixed, trigger: 15, snoozeMs: 60 * SECOND_MS });
    expect(updated.alerts).toEqual([{ ...fixed, id: first.id, trigger: 15, snoozeMs: 60 * SECOND_MS }, second]);
    // The same alert saved unchanged is no duplicate of itself.
    await h.engine.updateAlert(projectId, 'q', first.id, { ...fixed, trigger: 15 });
    await expectEngineError(() => h.engine.updateAlert(projectId, 'q', first.id, { ...fixed, trigger: 20 }), 'DUPLICATE_ALERT');
    await expectEngineError(() => h.engine.updateAlert(projectId, 'q', 'ffffffffffffffffffffffff', fixed), 'ALERT_NOT_FOUND');
    await expectEngineError(() => h.engine.updateAlert(projectId, 'missing', first.id, fixed), 'QUEUE_NOT_FOUND');
    await expect(h.engine.updateAlert(projectId, 'q', first.id, { ...fixed, type: 'progressive', queue: 'q' })).rejects.toThrow(/own queue/);
  });
});

describe('adding a subscriber from the HUD', () => {
  const hook = { name: 'hook', url: 'http://127.0.0.1:9/a', headers: {} };

  it('refuses a name in use with isNew, and updates in place without it', async () => {
    await h.engine.createQueue(projectId, 'p', { type: 'multicast', push: { subscribers: [hook] } });
    await expect(h.engine.addSubscribers(projectId, 'p', [{ ...hook, url: 'http://127.0.0.1:9/b' }], { isNew: true })).rejects.toThrow(/already has a subscriber named "hook"/);
    const updated = await h.engine.addSubscribers(projectId, 'p', [{ ...hook, url: 'http://127.0.0.1:9/b' }]);
    expect(updated.push?.subscribers).toEqual([{ ...hook, url: 'http://127.0.0.1:9/b' }]);
  });
});
