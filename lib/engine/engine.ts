// The queue engine: IronMQ's verbs over a QueueStore. It checks arguments against limits.ts,
// applies defaults, takes time from the injected clock, and announces every change on one signal
// (queue-changes.ts) that wakes long polls and listeners together; the store does every read and
// atomic change, and each decision that depends on stored state runs inside the store's
// operation. Method names follow the IronMQ API so a reader of its docs finds each route's call.
import { checkProgressiveCycle, withAddedAlerts, withReplacedAlerts, withUpdatedAlert, withoutAlerts, type AlertInput } from './alerts';
import type { Clock } from './clock';
import { EngineError, invalidArgument } from './errors';
import { assertNoFanOutCycle } from './fan-out';
import * as limits from './limits';
import { checkNewMessages, checkTimeout } from './message-rules';
import { QueueInspection } from './inspection';
import { PushDeliveries } from './push-deliveries';
import { QueueChanges } from './queue-changes';
import { applyQueuePatch, defaultQueueSettings, existingQueue as existing, type ApiRules, type SettingsDecision as Decide } from './queue-settings';
import { Redrives } from './redrives';
import type { DeleteRef, DeliveryAck, MessagePage, QueueStore } from './store';
import { addSubscribersPatch, removeSubscribersPatch, replaceSubscribersPatch, subscribeV1Patch } from './subscribers';
import type { ListQueuesRequest, MessageDetail, MessageRef, NewMessageInput, PushStatus, Queue, QueueCounts, QueuePatch, ReserveOptions, ReservedMessage, Subscriber } from './types';

export interface EngineOptions {
  store: QueueStore;
  clock: Clock;
  /** Largest accepted message body in UTF-8 bytes. */
  maxMessageBytes?: number;
  /** Where failures of background listeners go (they must never fail a request). */
  onError?: (error: unknown) => void;
}

/** How a queue may be saved: which API's rules apply, and whether an existing queue is an error. */
export interface SaveQueueOptions {
  rules?: ApiRules;
  /** Refuse with QUEUE_EXISTS instead of updating (the HUD's create never overwrites). */
  isCreateOnly?: boolean;
}

export type { ListQueuesRequest, NewMessageInput, ReserveOptions } from './types';

export class QueueEngine {
  readonly store: QueueStore;
  readonly clock: Clock;
  readonly maxMessageBytes: number;
  /** The one signal for message changes: wakes long polls and tells alerts, the pusher and stats. */
  readonly changes: QueueChanges;
  /** Push attempts, leased to the pusher (lib/push). */
  readonly deliveries: PushDeliveries;
  /** The HUD's reads beyond IronMQ (inspection.ts), and its redrive jobs, run by lib/redrive (redrives.ts). */
  readonly inspection: QueueInspection;
  readonly redrives: Redrives;

  constructor(options: EngineOptions) {
    this.store = options.store;
    this.clock = options.clock;
    this.maxMessageBytes = options.maxMessageBytes ?? limits.DEFAULT_MAX_MESSAGE_BYTES;
    this.changes = new QueueChanges(options.clock, options.onError ?? ((error) => console.error('[ferro] listener:', error)));
    this.deliveries = new PushDeliveries(this.store, this.clock, this.changes);
    this.inspection = new QueueInspection(this.store, this.clock);
    this.redrives = new Redrives(this.store, this.clock, this.changes, this.maxMessageBytes);
  }

  // GET /queues — names of a project's queues, ascending, filtered by prefix, after `previous`.
  listQueues(projectId: string, request: ListQueuesRequest = {}): Promise<string[]> {
    const limit = Math.min(Math.max(Math.floor(request.perPage ?? limits.DEFAULT_QUEUES_PER_PAGE), 1), limits.MAX_QUEUES_PER_PAGE);
    const page = Math.min(Math.max(Math.floor(request.page ?? 0), 0), limits.MAX_QUEUE_LIST_PAGE);
    return this.store.listQueueNames(projectId, { prefix: request.prefix ?? '', after: request.previous ?? '', limit, offset: page * limit });
  }

  /** The queue, or undefined when there is none of that name. */
  findQueue(projectId: string, name: string): Promise<Queue | undefined> {
    return this.store.getQueue(projectId, name, this.clock.nowMs());
  }

  /** Those of the named queues that exist, in the order named: the HUD sums a page of queues per call. */
  async findQueues(projectId: string, names: string[]): Promise<Queue[]> {
    const nowMs = this.clock.nowMs();
    const queues = await Promise.all(names.map((name) => this.store.getQueue(projectId, name, nowMs)));
    return queues.filter((queue): queue is Queue => queue !== undefined);
  }

  // GET /queues/{q} — throws QUEUE_NOT_FOUND.
  async getQueue(projectId: string, name: string): Promise<Queue> {
    const queue = await this.findQueue(projectId, name);
    if (!queue) throw new EngineError('QUEUE_NOT_FOUND');
    return queue;
  }

  // PUT /queues/{q} — create, or update like PATCH when it exists (§2.2); v1's POST follows v1's
  // rules (§5.3); the HUD's create refuses an existing queue (QUEUE_EXISTS).
  async createQueue(projectId: string, name: string, patch: QueuePatch = {}, options: SaveQueueOptions = {}): Promise<Queue> {
    limits.checkQueueName(name);
    const queue = await this.save(projectId, name, patch, (current) => {
      if (current && options.isCreateOnly) throw new EngineError('QUEUE_EXISTS');
      return applyQueuePatch(name, current, patch, options.rules);
    });
    return this.withDeadLetterTarget(projectId, queue, patch);
  }

  // PATCH /queues/{q} — throws QUEUE_NOT_FOUND, QUEUE_TYPE_IMMUTABLE, INVALID_ARGUMENT.
  async updateQueue(projectId: string, name: string, patch: QueuePatch): Promise<Queue> {
    const queue = await this.save(projectId, name, patch, existing((current) => applyQueuePatch(name, current, patch)));
    return this.withDeadLetterTarget(projectId, queue, patch);
  }

  /**
   * Decides the new settings from the stored queue and writes them in one atomic store
   * operation. The loop checks, which read other queues, run just before, on what the change adds.
   */
  private async save(projectId: string, name: string, added: Pick<QueuePatch, 'alerts' | 'push'>, decide: Decide): Promise<Queue> {
    if (added.alerts) {
      await checkProgressiveCycle(name, added.alerts, async (target) => (await this.store.getQueue(projectId, target))?.alerts ?? []);
    }
    if (added.push?.subscribers) await assertNoFanOutCycle((target) => this.findQueue(projectId, target), name, added.push.subscribers);
    const { queue } = await this.store.saveQueue(projectId, name, decide, this.clock.nowMs());
    return queue;
  }

  /** A dead-letter target exists from the moment it is named (§2.2). */
  private async withDeadLetterTarget(projectId: string, queue: Queue, patch: QueuePatch): Promise<Queue> {
    const target = queue.deadLetter?.queueName;
    if (patch.deadLetter?.queueName && target) {
      await this.store.saveQueue(projectId, target, (current) => current ?? defaultQueueSettings(), this.clock.nowMs());
    }
    return queue;
  }

  // DELETE /queues/{q} — throws QUEUE_NOT_FOUND.
  async deleteQueue(projectId: string, name: string): Promise<void> {
    if (!(await this.store.deleteQueue(projectId, name))) throw new EngineError('QUEUE_NOT_FOUND');
  }

  /** Deletes every queue of a project at once (the project itself is the auth store's); returns how many. */
  deleteProjectQueues(projectId: string): Promise<number> {
    return this.store.deleteQueues(projectId);
  }

  // POST /queues/{q}/messages — all or none; creates a missing queue. Returns ids in order.
  async postMessages(projectId: string, name: string, inputs: NewMessageInput[]): Promise<string[]> {
    limits.checkQueueName(name);
    const messages = checkNewMessages(inputs, this.maxMessageBytes);
    const nowMs = this.clock.nowMs();
    // Long polls may wake at the post's commit, before its fsync (store.ts says why that is safe).
    const post = this.changes.announcePost(projectId, name, messages, nowMs);
    const { ids, queue } = await this.store.postMessages(projectId, name, messages, nowMs, post.wakeLongPolls);
    post.emit(queue);
    return ids;
  }

  // POST /queues/{q}/reservations — up to n messages in queue order, long-polling up to waitMs.
  async reserveMessages(projectId: string, name: string, options: ReserveOptions = {}): Promise<ReservedMessage[]> {
    const request = {
      n: limits.clampMessageCount(options.n),
      timeoutMs: options.timeoutMs === undefined ? undefined : checkTimeout(options.timeoutMs),
      isDelete: options.isDelete ?? false,
    };
    const deadlineMs = this.clock.nowMs() + limits.clampWaitMs(options.waitMs);
    for (;;) {
      if (options.signal?.aborted) return []; // a gone client's reservations would sit unseen until they ran out
      const seenArrivals = this.changes.arrivals(projectId, name);
      // One instant for the attempt and for "what is due next": a message due in between (the commit takes ms) would be neither reserved nor awaited.
      const attemptAtMs = this.clock.nowMs();
      const result = await this.store.reserveMessages(projectId, name, request, attemptAtMs);
      const { messages, queue } = result;
      if (result.deadLettered > 0) {
        const moved = { projectId, count: result.deadLettered, isDeadLetterMove: true };
        this.changes.emit({ ...moved, queueName: name, kind: 'removed', queue });
        this.changes.emit({ ...moved, queueName: result.deadLetterQueue!.name, kind: 'posted', queue: result.deadLetterQueue! });
      }
      if (messages.length > 0) {
        // Sleepers on this queue must wake when these reservations run out, if nobody deletes them.
        const kind = request.isDelete ? 'removed' : 'reserved';
        const nextDueAtMs = request.isDelete ? undefined : messages[0].reservedUntilMs;
        this.changes.emit({ projectId, queueName: name, kind, count: messages.length, queue, ...(nextDueAtMs ? { nextDueAtMs } : {}) });
      }
      if (messages.length > 0 || this.clock.nowMs() >= deadlineMs || this.changes.isEnding) return messages;
      const dueAtMs = (await this.store.nextDueAtMs(projectId, name, attemptAtMs)) ?? Infinity;
      await this.changes.waitForArrival(projectId, name, seenArrivals, Math.min(deadlineMs, dueAtMs), options.signal);
    }
  }

  // GET /queues/{q}/messages?n= — the next available messages, without reserving them.
  peekMessages(projectId: string, name: string, n?: number): Promise<MessageDetail[]> {
    return this.store.peekMessages(projectId, name, limits.clampMessageCount(n), this.clock.nowMs());
  }

  /** Every stored message (ready, delayed, reserved) in queue order, a page at a time. */
  browseMessages(projectId: string, name: string, afterId: string | null, limit: number): Promise<MessagePage> {
    return this.store.browseMessages(projectId, name, afterId, Math.min(Math.max(limit, 1), 1000), this.clock.nowMs());
  }

  // GET /queues/{q}/messages/{id} — throws QUEUE_NOT_FOUND, MESSAGE_NOT_FOUND.
  getMessage(projectId: string, name: string, id: string): Promise<MessageDetail> {
    return this.store.getMessage(projectId, name, id, this.clock.nowMs());
  }

  // DELETE /queues/{q}/messages/{id} — a delete, or on a push queue a subscriber's acknowledgement
  // of a 202 (§4.8.5), decided atomically by the store. Throws MESSAGE_NOT_FOUND, RESERVATION_MISMATCH (§4.4).
  async deleteMessage(projectId: string, name: string, ref: DeleteRef): Promise<void> {
    const { isAcknowledgement, queue } = await this.store.deleteMessage(projectId, name, ref, this.clock.nowMs());
    if (!isAcknowledgement) this.changes.emit({ projectId, queueName: name, kind: 'removed', count: 1, queue });
  }

  // DELETE /queues/{q}/messages with ids — all or none.
  async deleteMessages(projectId: string, name: string, refs: MessageRef[]): Promise<void> {
    if (refs.length > limits.MAX_IDS_PER_DELETE) throw invalidArgument(`At most ${limits.MAX_IDS_PER_DELETE} ids can be deleted at once`);
    if (refs.length === 0) {
      await this.getQueue(projectId, name);
      return;
    }
    const queue = await this.store.deleteMessages(projectId, name, refs, this.clock.nowMs());
    this.changes.emit({ projectId, queueName: name, kind: 'removed', count: refs.length, queue });
  }

  // POST /queues/{q}/messages/{id}/touch — a new reservation id, valid timeoutMs from now.
  async touchMessage(projectId: string, name: string, ref: MessageRef, timeoutMs?: number): Promise<ReservedMessage> {
    const lengthMs = timeoutMs === undefined ? undefined : checkTimeout(timeoutMs);
    return this.store.touchMessage(projectId, name, ref, lengthMs, this.clock.nowMs());
  }

  // POST /queues/{q}/messages/{id}/release — back to its place in the queue after delayMs.
  async releaseMessage(projectId: string, name: string, ref: MessageRef, delayMs = 0): Promise<void> {
    limits.checkDurationMs('delay', delayMs, 0, limits.MAX_DELAY_MS);
    const nowMs = this.clock.nowMs();
    const queue = await this.store.releaseMessage(projectId, name, ref, delayMs, nowMs);
    const wake = delayMs === 0 ? { readyCount: 1 } : { nextDueAtMs: nowMs + delayMs };
    this.changes.emit({ projectId, queueName: name, kind: 'released', count: 1, queue, ...wake });
  }

  // DELETE /queues/{q}/messages without ids — removes every message.
  async clearMessages(projectId: string, name: string): Promise<void> {
    const { removed, queue } = await this.store.clearMessages(projectId, name);
    this.changes.emit({ projectId, queueName: name, kind: 'removed', count: removed, queue });
  }

  /** Message counts by state, for the dashboard and v1's `reserved`. */
  countMessages(projectId: string, name: string): Promise<QueueCounts> {
    return this.store.countMessages(projectId, name, this.clock.nowMs());
  }

  // POST /queues/{q}/subscribers — add, or update by name (§2.7); `isNew` refuses a name in use (the
  // HUD's add). v1's rules (§5.3) create a missing queue and turn a pull queue multicast, atomically.
  async addSubscribers(projectId: string, name: string, subscribers: Subscriber[], options: { rules?: ApiRules; isNew?: boolean } = {}): Promise<Queue> {
    const added = { push: { subscribers } };
    if (options.rules !== 'v1') return this.save(projectId, name, added, existing((current) => applyQueuePatch(name, current, addSubscribersPatch(current, subscribers, options))));
    limits.checkQueueName(name);
    return this.save(projectId, name, added, (current) => applyQueuePatch(name, current, subscribeV1Patch(current, subscribers), 'v1'));
  }

  // PUT /queues/{q}/subscribers — replace the whole list.
  replaceSubscribers(projectId: string, name: string, subscribers: Subscriber[]): Promise<Queue> {
    return this.save(projectId, name, { push: { subscribers } }, existing((current) => applyQueuePatch(name, current, replaceSubscribersPatch(current, subscribers))));
  }

  // DELETE /queues/{q}/subscribers — remove by name (or url).
  removeSubscribers(projectId: string, name: string, removed: Array<{ name?: string; url?: string }>): Promise<Queue> {
    return this.save(projectId, name, {}, existing((current) => applyQueuePatch(name, current, removeSubscribersPatch(current, removed))));
  }

  // GET /queues/{q}/messages/{id}/subscribers — push statuses, one per subscriber (§3.11).
  getPushStatuses(projectId: string, name: string, id: string): Promise<PushStatus[]> {
    return this.store.getPushStatuses(projectId, name, id, this.clock.nowMs());
  }

  // DELETE /1/…/messages/{id}/subscribers/{sid} — v1's acknowledgement of a 202 by subscriber (§5.3).
  acknowledgeDelivery(projectId: string, name: string, ack: DeliveryAck): Promise<void> {
    return this.store.acknowledgeDelivery(projectId, name, ack, this.clock.nowMs());
  }

  // POST /queues/{q}/alerts — append alerts (§2.8); v1's rules create a missing queue (§4.7).
  addAlerts(projectId: string, name: string, alerts: AlertInput[], options: { rules?: ApiRules } = {}): Promise<Queue> {
    return this.saveAlerts(projectId, name, alerts, options, (current) => withAddedAlerts(name, current, alerts));
  }

  // PUT /queues/{q}/alerts — replace the whole alert list; v1's rules create a missing queue.
  replaceAlerts(projectId: string, name: string, alerts: AlertInput[], options: { rules?: ApiRules } = {}): Promise<Queue> {
    return this.saveAlerts(projectId, name, alerts, options, (current) => withReplacedAlerts(name, current, alerts));
  }

  // DELETE /queues/{q}/alerts — remove the alerts with these ids (all or none), or every alert
  // when `ids` is undefined. Throws QUEUE_NOT_FOUND, ALERT_NOT_FOUND.
  deleteAlerts(projectId: string, name: string, ids?: string[]): Promise<Queue> {
    return this.saveAlerts(projectId, name, [], {}, (current) => withoutAlerts(name, current, ids));
  }

  // DELETE /queues/{q}/alerts/{id} — throws QUEUE_NOT_FOUND, ALERT_NOT_FOUND.
  deleteAlert(projectId: string, name: string, id: string): Promise<Queue> {
    return this.deleteAlerts(projectId, name, [id]);
  }

  /** Changes one alert in place, keeping its id (the HUD's edit). Throws ALERT_NOT_FOUND, DUPLICATE_ALERT. */
  updateAlert(projectId: string, name: string, id: string, alert: AlertInput): Promise<Queue> {
    return this.saveAlerts(projectId, name, [alert], {}, existing((current) => withUpdatedAlert(name, current, id, alert)));
  }

  private async saveAlerts(projectId: string, name: string, alerts: AlertInput[], options: { rules?: ApiRules }, decide: Decide): Promise<Queue> {
    if (options.rules !== 'v1') return this.save(projectId, name, { alerts }, existing(decide));
    limits.checkQueueName(name);
    return this.save(projectId, name, { alerts }, decide);
  }
}
