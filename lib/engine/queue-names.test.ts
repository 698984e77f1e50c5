// Queue names the engine refuses because no URL can carry them (STYLE §23): every verb that may
// create a queue or name one as a target refuses them and creates nothing, while a queue already
// stored under such a name can still be read, cleared and deleted.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkQueueName } from './limits';
import { expectEngineError, newProjectId, openEngine, type EngineHarness } from './engine.test-helpers';
import { defaultQueueSettings } from './queue-settings';

const UNADDRESSABLE = ['', '.', '..', ' ', '\t \n', 'a\nb', 'nul\u0000', 'del\u007f', 'c1\u0085', 'lone\ud800', '\udc00tail'];
const FIXED_ALERT = { type: 'fixed' as const, direction: 'asc' as const, trigger: 1, queue: 'target', snoozeMs: 0 };
const FINE = ['...', '.a', 'a.', '..b', ' padded ', 'a/b', '%2e%2e', 'ünï 🚀', '~', 'a'.repeat(255)];

describe('checkQueueName', () => {
  it.each(UNADDRESSABLE)('refuses %j', (name) => {
    expect(() => checkQueueName(name)).toThrow(/^Queue name /);
  });

  it.each(FINE)('accepts %j', (name) => {
    expect(checkQueueName(name)).toBe(name);
  });

  it('names the field it checks', () => {
    expect(() => checkQueueName('..', 'error_queue')).toThrow('error_queue cannot be "..": URLs remove "." and ".." path segments');
  });

  it('counts the limit in UTF-8 bytes', () => {
    expect(() => checkQueueName('é'.repeat(128))).toThrow('Queue name must be at most 255 bytes');
  });
});

describe('engine verbs', () => {
  let h: EngineHarness;
  let projectId: string;

  beforeEach(() => {
    h = openEngine();
    projectId = newProjectId();
  });

  afterEach(() => h.close());

  it('refuse to create a queue under such a name, and create nothing', async () => {
    for (const name of UNADDRESSABLE) {
      await expectEngineError(() => h.engine.createQueue(projectId, name), 'INVALID_ARGUMENT');
      await expectEngineError(() => h.engine.postMessages(projectId, name, [{ body: 'x' }]), 'INVALID_ARGUMENT');
      await expectEngineError(() => h.engine.addAlerts(projectId, name, [FIXED_ALERT], { rules: 'v1' }), 'INVALID_ARGUMENT');
    }
    expect(await h.engine.listQueues(projectId, { perPage: 100 })).toEqual([]);
  });

  it('refuse such a name as a dead-letter, error, alert or fan-out target', async () => {
    await h.engine.createQueue(projectId, 'source');
    const subscriber = (url: string) => ({ name: 's', url, headers: {} });
    for (const patch of [
      { deadLetter: { queueName: '..' } },
      { alerts: [{ ...FIXED_ALERT, queue: '.' }] },
      { type: 'multicast' as const, push: { subscribers: [subscriber('http://127.0.0.1:9/')], errorQueue: ' ' } },
      { type: 'multicast' as const, push: { subscribers: [subscriber('ironmq:///..')] } },
    ]) {
      await expectEngineError(() => h.engine.createQueue(projectId, 'pushy', patch), 'INVALID_ARGUMENT');
    }
    expect(await h.engine.listQueues(projectId, { perPage: 100 })).toEqual(['source']);
  });

  it('still read, clear and delete a queue stored under such a name before', async () => {
    await h.store.saveQueue(projectId, '..', () => defaultQueueSettings(), h.clock.nowMs());
    await h.store.postMessages(projectId, '..', [{ body: 'old', delayMs: 0, pushHeaders: null }], h.clock.nowMs());
    expect((await h.engine.getQueue(projectId, '..')).size).toBe(1);
    await h.engine.clearMessages(projectId, '..');
    expect((await h.engine.getQueue(projectId, '..')).size).toBe(0);
    await h.engine.deleteQueue(projectId, '..');
    await expectEngineError(() => h.engine.getQueue(projectId, '..'), 'QUEUE_NOT_FOUND');
  });
});
