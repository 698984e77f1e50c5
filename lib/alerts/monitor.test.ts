// The alert monitor over a real engine and SQLite store with a manual clock: the calibration
// sequences of §4.9 (Ruby test_alerts.rb, trigger 10) message by message, snooze, the message
// posted, and size changes that come from clear and from expiry rather than from requests.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AlertInput } from '../engine/alerts';
import { SECOND_MS, newProjectId, openEngine, settle, type EngineHarness } from '../engine/engine.test-helpers';
import { startSweeper } from '../engine/sweeper';
import { AlertMonitor } from './monitor';

let h: EngineHarness;
let monitor: AlertMonitor;
let errors: unknown[];
let projectId: string;

beforeEach(() => {
  h = openEngine();
  errors = [];
  monitor = new AlertMonitor(h.engine, (error) => errors.push(error));
  monitor.start();
  projectId = newProjectId();
});

afterEach(async () => {
  await monitor.stop();
  await h.close();
  expect(errors).toEqual([]);
});

function alert(changes: Partial<AlertInput> = {}): AlertInput {
  return { type: 'fixed', trigger: 10, direction: 'asc', queue: 'alerts', snoozeMs: 0, ...changes };
}

/** Posts `count` messages one request at a time (each is one change), letting alerts settle. */
async function postEach(name: string, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    await h.engine.postMessages(projectId, name, [{ body: `m${i}` }]);
    await monitor.idle();
  }
}

/** Posts `count` messages in one request: one change. */
async function postAtOnce(name: string, count: number): Promise<void> {
  await h.engine.postMessages(projectId, name, Array.from({ length: count }, (_, i) => ({ body: `m${i}` })));
  await monitor.idle();
}

/** Deletes `count` messages one at a time from the front of the queue. */
async function deleteEach(name: string, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    await h.engine.reserveMessages(projectId, name, { isDelete: true });
    await monitor.idle();
  }
}

const size = async (name: string) => (await h.engine.getQueue(projectId, name)).size;

/** The alert messages the target queue received, parsed, oldest first. */
async function fired(target = 'alerts'): Promise<Array<Record<string, unknown>>> {
  if (!(await h.engine.findQueue(projectId, target))) return [];
  const page = await h.engine.browseMessages(projectId, target, null, 1000);
  return page.messages.map((message) => JSON.parse(message.body));
}

const firedSizes = async (target = 'alerts') => (await fired(target)).map((body) => body.queue_size);

describe('calibration (§4.9, trigger 10)', () => {
  it('fixed asc: 9→13 fires once; up to 23 no more; down to 7 none; 9→10 fires again', async () => {
    await h.engine.createQueue(projectId, 'q', { alerts: [alert()] });
    await postEach('q', 9);
    expect(await fired()).toEqual([]);
    await postAtOnce('q', 4);
    expect(await firedSizes()).toEqual([13]);
    await postEach('q', 10);
    expect(await size('q')).toBe(23);
    await deleteEach('q', 16);
    expect(await size('q')).toBe(7);
    expect(await firedSizes()).toEqual([13]);
    await postEach('q', 2);
    expect(await firedSizes()).toEqual([13]);
    await postEach('q', 1);
    expect(await firedSizes()).toEqual([13, 10]);
  });

  it('fixed desc: posting 15 none; 11→10 fires; again after going back up to 22; 10→2 none', async () => {
    await h.engine.createQueue(projectId, 'q', { alerts: [alert({ direction: 'desc' })] });
    await postAtOnce('q', 15);
    await deleteEach('q', 4);
    expect(await fired()).toEqual([]);
    await deleteEach('q', 1);
    expect(await firedSizes()).toEqual([10]);
    await postEach('q', 12);
    await deleteEach('q', 11);
    expect(await firedSizes()).toEqual([10]);
    await deleteEach('q', 1);
    expect(await firedSizes()).toEqual([10, 10]);
    await deleteEach('q', 8);
    expect(await size('q')).toBe(2);
    expect(await firedSizes()).toEqual([10, 10]);
  });

  it('progressive asc fires at 10, 20 and 30', async () => {
    await h.engine.createQueue(projectId, 'q', { alerts: [alert({ type: 'progressive' })] });
    await postEach('q', 35);
    expect(await firedSizes()).toEqual([10, 20, 30]);
  });

  it('progressive desc from 25 fires at 20 and 10, never at 0', async () => {
    await h.engine.createQueue(projectId, 'q', { alerts: [alert({ type: 'progressive', direction: 'desc' })] });
    await postAtOnce('q', 25);
    await deleteEach('q', 25);
    expect(await firedSizes()).toEqual([20, 10]);
  });

  it('one message per alert per change, however many levels the change crosses', async () => {
    await h.engine.createQueue(projectId, 'q', { alerts: [alert({ type: 'progressive' }), alert({ trigger: 5 })] });
    await postAtOnce('q', 35);
    expect(await fired()).toMatchObject([
      { queue_size: 35, alert_type: 'progressive' },
      { queue_size: 35, alert_type: 'fixed' },
    ]);
  });
});

describe('snooze', () => {
  it('drops firings within snooze of the last firing; a dropped one does not extend it', async () => {
    await h.engine.createQueue(projectId, 'q', { alerts: [alert({ type: 'progressive', trigger: 1, snoozeMs: 10 * SECOND_MS })] });
    await postEach('q', 1);
    expect(await firedSizes()).toEqual([1]);
    h.clock.advance(5 * SECOND_MS);
    await postEach('q', 1);
    h.clock.advance(5 * SECOND_MS - 1);
    await postEach('q', 1);
    expect(await firedSizes()).toEqual([1]);
    h.clock.advance(1);
    await postEach('q', 1);
    expect(await firedSizes()).toEqual([1, 4]);
    await postEach('q', 1);
    expect(await firedSizes()).toEqual([1, 4]);
  });

  it('is per alert: a snoozed alert does not silence another on the same queue', async () => {
    const alerts = [alert({ type: 'progressive', trigger: 1, snoozeMs: 60 * SECOND_MS }), alert({ type: 'progressive', trigger: 2, queue: 'other' })];
    await h.engine.createQueue(projectId, 'q', { alerts });
    await postEach('q', 4);
    expect(await firedSizes('alerts')).toEqual([1]);
    expect(await firedSizes('other')).toEqual([2, 4]);
  });
});

describe('the alert message', () => {
  it('is the §4.9 JSON body, posted to the target queue (created if missing) at the clock time', async () => {
    const { alerts } = await h.engine.createQueue(projectId, 'orders', { alerts: [alert({ trigger: 2, queue: 'ops' })] });
    h.clock.advance(1_500);
    await postAtOnce('orders', 3);
    const [message] = (await h.engine.browseMessages(projectId, 'ops', null, 10)).messages;
    expect(JSON.parse(message.body)).toEqual({
      source_queue: 'orders',
      queue_size: 3,
      alert_id: alerts[0].id,
      alert_type: 'fixed',
      alert_direction: 'asc',
      alert_trigger: 2,
      created_at: '2026-01-01T00:00:01Z',
    });
    expect(await h.engine.getQueue(projectId, 'ops')).toMatchObject({ type: 'pull', size: 1 });
  });

  it('can set off the target queue\'s own alerts', async () => {
    await h.engine.createQueue(projectId, 'q1', { alerts: [alert({ trigger: 1, queue: 'q2' })] });
    await h.engine.createQueue(projectId, 'q2', { alerts: [alert({ trigger: 1, queue: 'q3' })] });
    await postAtOnce('q1', 1);
    expect(await fired('q3')).toMatchObject([{ source_queue: 'q2', queue_size: 1 }]);
  });

  it('stops once the monitor is stopped', async () => {
    await h.engine.createQueue(projectId, 'q', { alerts: [alert({ type: 'progressive', trigger: 1 })] });
    await postAtOnce('q', 1);
    await monitor.stop();
    await postAtOnce('q', 1);
    await settle();
    expect(await firedSizes()).toEqual([1]);
  });
});

describe('size changes without a post or delete', () => {
  it('clear fires desc alerts, even on the first change the monitor sees of the queue', async () => {
    await postAtOnce('q', 15);
    await h.engine.updateQueue(projectId, 'q', { alerts: [alert({ direction: 'desc' }), alert({ type: 'progressive', direction: 'desc' })] });
    await h.engine.clearMessages(projectId, 'q');
    await monitor.idle();
    expect(await fired()).toMatchObject([
      { queue_size: 0, alert_type: 'fixed' },
      { queue_size: 0, alert_type: 'progressive' },
    ]);
  });

  it('expiry swept from the queue fires desc alerts', async () => {
    const stopSweeper = startSweeper(h.store, h.clock, (error) => errors.push(error), h.engine.changes);
    try {
      await h.engine.createQueue(projectId, 'q', { messageExpirationMs: 60 * SECOND_MS, alerts: [alert({ trigger: 1, direction: 'desc' })] });
      await postAtOnce('q', 2);
      h.clock.advance(60 * SECOND_MS);
      // A sweep round reschedules itself once done, so time moves on a second per round.
      for (let turn = 0; turn < 20 && (await fired()).length === 0; turn++) {
        h.clock.advance(SECOND_MS);
        await settle();
        await monitor.idle();
      }
      expect(await fired()).toMatchObject([{ source_queue: 'q', queue_size: 0, alert_direction: 'desc' }]);
    } finally {
      stopSweeper();
    }
  });

  it('a queue deleted and created again is judged from nothing, not from its old size', async () => {
    await h.engine.createQueue(projectId, 'q', { alerts: [alert({ trigger: 5, direction: 'desc' })] });
    await postAtOnce('q', 7);
    await h.engine.deleteQueue(projectId, 'q');
    await h.engine.createQueue(projectId, 'q', { alerts: [alert({ trigger: 5, direction: 'desc' })] });
    await postAtOnce('q', 3);
    expect(await fired()).toEqual([]);
  });
});
