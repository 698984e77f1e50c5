// QueueEngine alert management over a real SQLite store (§2.8): add, replace and delete with
// their validation rules; every refused request leaves the stored alerts as they were.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AlertInput } from './alerts';
import { SECOND_MS, expectEngineError, newProjectId, openEngine, type EngineHarness } from './engine.test-helpers';

const OBJECT_ID = /^[0-9a-f]{24}$/;
const SUBSCRIBERS = [{ name: 's1', url: 'http://example.com/push', headers: {} }];

let h: EngineHarness;
let projectId: string;

beforeEach(() => {
  h = openEngine();
  projectId = newProjectId();
});

afterEach(() => h.close());

function alert(changes: Partial<AlertInput> = {}): AlertInput {
  return { type: 'fixed', trigger: 10, direction: 'asc', queue: 'target', snoozeMs: 0, ...changes };
}

const alertsOf = async (name: string) => (await h.engine.getQueue(projectId, name)).alerts;

describe('addAlerts', () => {
  it('appends alerts with fresh 24-hex ids, ignoring ids and empty objects in the request', async () => {
    await h.engine.createQueue(projectId, 'q');
    await h.engine.addAlerts(projectId, 'q', [alert()]);
    const [first] = await alertsOf('q');
    expect(first).toEqual({ ...alert(), id: expect.stringMatching(OBJECT_ID) });

    const queue = await h.engine.addAlerts(projectId, 'q', [{ ...alert({ direction: 'desc' }), id: first.id }, {} as AlertInput]);
    expect(queue.alerts).toHaveLength(2);
    expect(queue.alerts[0]).toEqual(first);
    expect(queue.alerts[1]).toMatchObject({ direction: 'desc', id: expect.stringMatching(OBJECT_ID) });
    expect(queue.alerts[1].id).not.toBe(first.id);
  });

  it('accepts duplicates inside one request but refuses one that repeats a stored alert', async () => {
    await h.engine.createQueue(projectId, 'q');
    // The Ruby tests add five identical alerts in one call.
    await h.engine.addAlerts(projectId, 'q', Array.from({ length: 5 }, () => alert()));
    expect(await alertsOf('q')).toHaveLength(5);

    await h.engine.createQueue(projectId, 'dup');
    await h.engine.addAlerts(projectId, 'dup', [alert()]);
    const before = await alertsOf('dup');
    // Same type, direction and trigger is a duplicate whatever the target or snooze.
    const repeat = alert({ queue: 'elsewhere', snoozeMs: 5 * SECOND_MS });
    await expectEngineError(() => h.engine.addAlerts(projectId, 'dup', [alert({ trigger: 11 }), repeat]), 'DUPLICATE_ALERT');
    expect(await alertsOf('dup')).toEqual(before);
    for (const different of [alert({ trigger: 11 }), alert({ direction: 'desc' }), alert({ type: 'progressive' })]) {
      await h.engine.addAlerts(projectId, 'dup', [different]);
    }
    expect(await alertsOf('dup')).toHaveLength(4);
  });

  it('allows at most 5 alerts in total; past that nothing is added', async () => {
    await h.engine.createQueue(projectId, 'q');
    await h.engine.addAlerts(projectId, 'q', [1, 2, 3].map((trigger) => alert({ trigger })));
    const before = await alertsOf('q');
    await expectEngineError(() => h.engine.addAlerts(projectId, 'q', [4, 5, 6].map((trigger) => alert({ trigger }))), 'INVALID_ARGUMENT');
    expect(await alertsOf('q')).toEqual(before);
    await h.engine.addAlerts(projectId, 'q', [4, 5].map((trigger) => alert({ trigger })));
    expect(await alertsOf('q')).toHaveLength(5);
    await expectEngineError(() => h.engine.addAlerts(projectId, 'q', [alert({ trigger: 6 })]), 'INVALID_ARGUMENT');
  });

  it('checks each alert: trigger ≥ 1 and a valid target name', async () => {
    await h.engine.createQueue(projectId, 'q');
    for (const bad of [alert({ trigger: 0 }), alert({ trigger: 1.5 }), alert({ queue: '' })]) {
      await expectEngineError(() => h.engine.addAlerts(projectId, 'q', [bad]), 'INVALID_ARGUMENT');
    }
    expect(await alertsOf('q')).toEqual([]);
  });
});

describe('where alerts may not go', () => {
  it('v3 verbs on a missing queue are QUEUE_NOT_FOUND and create nothing; v1 add and replace create it', async () => {
    await expectEngineError(() => h.engine.addAlerts(projectId, 'ghost', [alert()]), 'QUEUE_NOT_FOUND');
    await expectEngineError(() => h.engine.replaceAlerts(projectId, 'ghost', [alert()]), 'QUEUE_NOT_FOUND');
    await expectEngineError(() => h.engine.deleteAlerts(projectId, 'ghost'), 'QUEUE_NOT_FOUND');
    await expectEngineError(() => h.engine.deleteAlert(projectId, 'ghost', 'a'.repeat(24)), 'QUEUE_NOT_FOUND');
    expect(await h.engine.findQueue(projectId, 'ghost')).toBeUndefined();

    const added = await h.engine.addAlerts(projectId, 'v1-add', [alert()], { rules: 'v1' });
    expect(added).toMatchObject({ name: 'v1-add', type: 'pull', size: 0, alerts: [alert()] });
    const replaced = await h.engine.replaceAlerts(projectId, 'v1-replace', [alert({ trigger: 3 })], { rules: 'v1' });
    expect(replaced.alerts).toMatchObject([{ trigger: 3 }]);
    await expectEngineError(() => h.engine.addAlerts(projectId, '', [alert()], { rules: 'v1' }), 'INVALID_ARGUMENT');
  });

  it('push queues take no alerts, and a queue with alerts cannot become a push queue', async () => {
    await h.engine.createQueue(projectId, 'push', { push: { subscribers: SUBSCRIBERS } });
    await expectEngineError(() => h.engine.addAlerts(projectId, 'push', [alert()]), 'PUSH_QUEUE_ALERTS');
    await expectEngineError(() => h.engine.addAlerts(projectId, 'push', [], { rules: 'v1' }), 'PUSH_QUEUE_ALERTS');
    await expectEngineError(() => h.engine.replaceAlerts(projectId, 'push', [alert()]), 'PUSH_QUEUE_ALERTS');
    // Removing nothing from a push queue is harmless.
    await h.engine.replaceAlerts(projectId, 'push', []);
    await h.engine.deleteAlerts(projectId, 'push');

    await h.engine.createQueue(projectId, 'pull', { alerts: [alert()] });
    await expectEngineError(
      () => h.engine.createQueue(projectId, 'pull', { type: 'multicast', push: { subscribers: SUBSCRIBERS } }, { rules: 'v1' }),
      'PUSH_QUEUE_ALERTS',
    );
    expect(await h.engine.getQueue(projectId, 'pull')).toMatchObject({ type: 'pull', alerts: [alert()] });
  });

  it('a progressive alert may not target its own queue; a fixed one may', async () => {
    await h.engine.createQueue(projectId, 'q');
    const self = alert({ type: 'progressive', queue: 'q' });
    await expectEngineError(() => h.engine.addAlerts(projectId, 'q', [self]), 'INVALID_ARGUMENT');
    await expectEngineError(() => h.engine.replaceAlerts(projectId, 'q', [self]), 'INVALID_ARGUMENT');
    await expectEngineError(() => h.engine.updateQueue(projectId, 'q', { alerts: [self] }), 'INVALID_ARGUMENT');
    await h.engine.addAlerts(projectId, 'q', [alert({ queue: 'q' })]);
    expect(await alertsOf('q')).toMatchObject([{ type: 'fixed', queue: 'q' }]);
  });

  it('refuses progressive alerts that would close a cycle through other queues, by every verb', async () => {
    await h.engine.createQueue(projectId, 'q1');
    await h.engine.addAlerts(projectId, 'q2', [alert({ type: 'progressive', queue: 'q1' })], { rules: 'v1' });
    const back = alert({ type: 'progressive', queue: 'q2' });
    await expectEngineError(() => h.engine.addAlerts(projectId, 'q1', [back]), 'INVALID_ARGUMENT');
    await expectEngineError(() => h.engine.replaceAlerts(projectId, 'q1', [back]), 'INVALID_ARGUMENT');
    await expectEngineError(() => h.engine.updateQueue(projectId, 'q1', { alerts: [back] }), 'INVALID_ARGUMENT');
    await expectEngineError(() => h.engine.createQueue(projectId, 'q1', { alerts: [back] }), 'INVALID_ARGUMENT');
    expect(await alertsOf('q1')).toEqual([]);

    // Longer loops too: q3 → q2 → q1 → q3.
    await h.engine.addAlerts(projectId, 'q3', [alert({ type: 'progressive', queue: 'q2' })], { rules: 'v1' });
    await expectEngineError(() => h.engine.addAlerts(projectId, 'q1', [alert({ type: 'progressive', queue: 'q3' })]), 'INVALID_ARGUMENT');

    // Fixed alerts fire once per crossing, so they close no loop; neither does a chain without return.
    await h.engine.addAlerts(projectId, 'q1', [alert({ queue: 'q2' }), alert({ type: 'progressive', queue: 'q4' })]);
    expect(await alertsOf('q1')).toHaveLength(2);
  });
});

describe('replaceAlerts and updates', () => {
  it('replaces the list, keeps an id it names once, and [] or [{}] clears', async () => {
    await h.engine.createQueue(projectId, 'q');
    const [kept] = (await h.engine.addAlerts(projectId, 'q', [alert(), alert({ trigger: 20 })])).alerts;
    const replaced = await h.engine.replaceAlerts(projectId, 'q', [
      { ...alert({ trigger: 30 }), id: kept.id },
      { ...alert({ trigger: 40 }), id: kept.id },
    ]);
    expect(replaced.alerts.map((a) => a.trigger)).toEqual([30, 40]);
    expect(replaced.alerts[0].id).toBe(kept.id);
    expect(replaced.alerts[1].id).toMatch(OBJECT_ID);
    expect(replaced.alerts[1].id).not.toBe(kept.id);

    expect((await h.engine.replaceAlerts(projectId, 'q', [])).alerts).toEqual([]);
    await h.engine.replaceAlerts(projectId, 'q', [alert()]);
    expect((await h.engine.updateQueue(projectId, 'q', { alerts: [{} as AlertInput] })).alerts).toEqual([]);
  });

  it('alert ids survive updates that do not touch the alerts', async () => {
    await h.engine.createQueue(projectId, 'q');
    const { alerts } = await h.engine.addAlerts(projectId, 'q', [alert(), alert({ direction: 'desc' })]);
    await h.engine.updateQueue(projectId, 'q', { messageTimeoutMs: 120 * SECOND_MS });
    await h.engine.createQueue(projectId, 'q', { deadLetter: { queueName: 'dlq' } });
    await h.engine.postMessages(projectId, 'q', [{ body: 'x' }]);
    expect(await alertsOf('q')).toEqual(alerts);
  });
});

describe('deleteAlerts and deleteAlert', () => {
  it('removes the listed alerts, all or none; an unknown id is ALERT_NOT_FOUND', async () => {
    await h.engine.createQueue(projectId, 'q');
    const { alerts } = await h.engine.addAlerts(projectId, 'q', [1, 2, 3, 4].map((trigger) => alert({ trigger })));
    await expectEngineError(() => h.engine.deleteAlerts(projectId, 'q', [alerts[0].id, 'f'.repeat(24)]), 'ALERT_NOT_FOUND');
    await expectEngineError(() => h.engine.deleteAlert(projectId, 'q', 'f'.repeat(24)), 'ALERT_NOT_FOUND');
    expect(await alertsOf('q')).toEqual(alerts);

    await h.engine.deleteAlerts(projectId, 'q', [alerts[0].id, alerts[2].id]);
    expect(await alertsOf('q')).toEqual([alerts[1], alerts[3]]);
    await h.engine.deleteAlert(projectId, 'q', alerts[3].id);
    expect(await alertsOf('q')).toEqual([alerts[1]]);
    await expectEngineError(() => h.engine.deleteAlert(projectId, 'q', alerts[3].id), 'ALERT_NOT_FOUND');
    // An empty list removes nothing; no list at all removes everything.
    await h.engine.deleteAlerts(projectId, 'q', []);
    expect(await alertsOf('q')).toEqual([alerts[1]]);
    await h.engine.deleteAlerts(projectId, 'q');
    expect(await alertsOf('q')).toEqual([]);
    await h.engine.deleteAlerts(projectId, 'q');
  });
});
