// The queue engine: IronMQ's verbs over a QueueStore. It checks arguments against limits.ts,
// applies defaults, takes time from the injected clock and wakes long polls; the store does
// every read and atomic change. Method names follow the IronMQ API so a reader of its docs
// finds each route's call by name.
import { checkProgressiveCycle, withAddedAlerts, withReplacedAlerts, withoutAlerts, type AlertInput } from './alerts';
import type { Clock } from './clock';
import { EngineError, invalidArgument } from './errors';
import { assertNoFanOutCycle } from './fan-out';
import {
  DEFAULT_MAX_MESSAGE_BYTES,
  DEFAULT_QUEUES_PER_PAGE,
  MAX_DELAY_MS,
  MAX_IDS_PER_DELETE,
  MAX_QUEUES_PER_PAGE,
  MAX_QUEUE_LIST_PAGE,
  checkDurationMs,
  checkQueueName,
  clampMessageCount,
  clampWaitMs,
} from './limits';
import { LongPollWaiters } from './long-poll';
import { checkNewMessages, checkTimeout } from './message-rules';
import { PushDeliveries } from './push-deliveries';
import { QueueChanges, type QueueChangeKind } from './queue-changes';
import { applyQueuePatch, defaultQueueSettings } from './queue-settings';
import type { DeliveryAck, MessagePage, QueueStore } from './store';
import { addSubscribersPatch, removeSubscribersPatch, replaceSubscribersPatch } from './subscribers';
import type {
  Alert,
  ListQueuesRequest,
  NewMessageInput,
  ReserveOptions,
  Message,
  MessageDetail,
  MessageRef,
  PushStatus,
  Queue,
  QueueCounts,
  QueuePatch,
  QueueSettings,
  ReservedMessage,
  Subscriber,
} from './types';

export interface EngineOptions {
  store: QueueStore;
  clock: Clock;
  /** Largest accepted message body in UTF-8 bytes. */
  maxMessageBytes?: number;
}

export type { ListQueuesRequest, NewMessageInput, ReserveOptions } from './types';

export class QueueEngine {
  readonly store: QueueStore;
  readonly clock: Clock;
  readonly maxMessageBytes: number;
  /** Durable changes to queues' messages, for alerts and the pusher. */
  readonly changes = new QueueChanges();
  /** Push attempts, leased to the pusher (lib/push). */
  readonly deliveries: PushDeliveries;
  private readonly waiters: LongPollWaiters;

  constructor(options: EngineOptions) {
    this.store = options.store;
    this.clock = options.clock;
    this.maxMessageBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
    this.waiters = new LongPollWaiters(options.clock);
    this.deliveries = new PushDeliveries(this.store, this.clock, this.changes);
  }

  // GET /queues — names of a project's queues, ascending, filtered by prefix, after `previous`.
  listQueues(projectId: string, request: ListQueuesRequest = {}): Promise<string[]> {
    const limit = Math.min(Math.max(Math.floor(request.perPage ?? DEFAULT_QUEUES_PER_PAGE), 1), MAX_QUEUES_PER_PAGE);
    const page = Math.min(Math.max(Math.floor(request.page ?? 0), 0), MAX_QUEUE_LIST_PAGE);
    return this.store.listQueueNames(projectId, {
      prefix: request.prefix ?? '',
      after: request.previous ?? '',
      limit,
      offset: page * limit,
    });
  }

  /** The queue, or undefined when there is none of that name. */
  findQueue(projectId: string, name: string): Promise<Queue | undefined> {
    return this.store.getQueue(projectId, name, this.clock.nowMs());
  }

  // GET /queues/{q} — throws QUEUE_NOT_FOUND.
  async getQueue(projectId: string, name: string): Promise<Queue> {
    const queue = await this.findQueue(projectId, name);
    if (!queue) throw new EngineError('QUEUE_NOT_FOUND');
    return queue;
  }

  // PUT /queues/{q} — create, or update like PATCH when it exists (§2.2). v1's POST may also
  // change the queue's type (§5.3).
  async createQueue(projectId: string, name: string, patch: QueuePatch = {}, isTypeChangeAllowed = false): Promise<Queue> {
    checkQueueName(name);
    return this.saveQueue(projectId, name, patch, { isUpdateOnly: false, isTypeChangeAllowed });
  }

  // PATCH /queues/{q} — throws QUEUE_NOT_FOUND, QUEUE_TYPE_IMMUTABLE, INVALID_ARGUMENT.
  updateQueue(projectId: string, name: string, patch: QueuePatch): Promise<Queue> {
    return this.saveQueue(projectId, name, patch, { isUpdateOnly: true, isTypeChangeAllowed: false });
  }

  private async saveQueue(
    projectId: string,
    name: string,
    patch: QueuePatch,
    mode: { isUpdateOnly: boolean; isTypeChangeAllowed: boolean },
  ): Promise<Queue> {
    if (patch.alerts) await this.checkAlertCycle(projectId, name, patch.alerts);
    if (patch.push?.subscribers) await this.checkFanOutCycle(projectId, name, patch.push.subscribers);
    const { queue } = await this.store.saveQueue(
      projectId,
      name,
      (current) => {
        if (mode.isUpdateOnly && !current) throw new EngineError('QUEUE_NOT_FOUND');
        return applyQueuePatch(name, current, patch, mode.isTypeChangeAllowed);
      },
      this.clock.nowMs(),
    );
    // A dead-letter target exists from the moment it is named (§2.2).
    if (patch.deadLetter?.queueName) await this.ensureQueue(projectId, patch.deadLetter.queueName);
    return queue;
  }

  /** Creates the queue with default settings unless it exists. */
  async ensureQueue(projectId: string, name: string): Promise<void> {
    await this.store.saveQueue(projectId, name, (current) => current ?? defaultQueueSettings(), this.clock.nowMs());
  }

  // DELETE /queues/{q} — throws QUEUE_NOT_FOUND.
  async deleteQueue(projectId: string, name: string): Promise<void> {
    if (!(await this.store.deleteQueue(projectId, name))) throw new EngineError('QUEUE_NOT_FOUND');
  }

  // POST /queues/{q}/messages — all or none; creates a missing queue. Returns ids in order.
  async postMessages(projectId: string, name: string, inputs: NewMessageInput[]): Promise<string[]> {
    checkQueueName(name);
    const messages = checkNewMessages(inputs, this.maxMessageBytes);
    const nowMs = this.clock.nowMs();
    const ids = await this.store.postMessages(projectId, name, messages, nowMs);
    this.changed(projectId, name, 'posted', messages.length);
    const key = LongPollWaiters.key(projectId, name);
    const readyCount = messages.filter((message) => message.delayMs === 0).length;
    if (readyCount > 0) this.waiters.notify(key, readyCount);
    if (readyCount < messages.length) {
      this.waiters.dueAt(key, nowMs + Math.min(...messages.map((message) => message.delayMs || Infinity)));
    }
    return ids;
  }

  // POST /queues/{q}/reservations — up to n messages in queue order, long-polling up to waitMs.
  async reserveMessages(projectId: string, name: string, options: ReserveOptions = {}): Promise<ReservedMessage[]> {
    const request = {
      n: clampMessageCount(options.n),
      timeoutMs: options.timeoutMs === undefined ? undefined : checkTimeout(options.timeoutMs),
      isDelete: options.isDelete ?? false,
    };
    const key = LongPollWaiters.key(projectId, name);
    const deadlineMs = this.clock.nowMs() + clampWaitMs(options.waitMs);
    for (;;) {
      const seenVersion = this.waiters.version(key);
      const { messages, deadLettered } = await this.store.reserveMessages(projectId, name, request, this.clock.nowMs());
      if (deadLettered > 0) await this.deadLettered(projectId, name, deadLettered);
      if (messages.length > 0) this.changed(projectId, name, request.isDelete ? 'removed' : 'reserved', messages.length);
      // Sleepers on this queue must wake when these reservations run out, if nobody deletes them.
      if (messages.length > 0 && !request.isDelete) this.waiters.dueAt(key, messages[0].reservedUntilMs);
      if (messages.length > 0 || this.clock.nowMs() >= deadlineMs || options.signal?.aborted) return messages;
      const dueAtMs = (await this.store.nextDueAtMs(projectId, name, this.clock.nowMs())) ?? Infinity;
      await this.waiters.sleep(key, seenVersion, Math.min(deadlineMs, dueAtMs), options.signal);
    }
  }

  // GET /queues/{q}/messages?n= — the next available messages, without reserving them.
  peekMessages(projectId: string, name: string, n?: number): Promise<Message[]> {
    return this.store.peekMessages(projectId, name, clampMessageCount(n), this.clock.nowMs());
  }

  /** Every stored message (ready, delayed, reserved) in queue order, a page at a time. */
  browseMessages(projectId: string, name: string, afterId: string | null, limit: number): Promise<MessagePage> {
    return this.store.browseMessages(projectId, name, afterId, Math.min(Math.max(limit, 1), 1000), this.clock.nowMs());
  }

  // GET /queues/{q}/messages/{id} — throws QUEUE_NOT_FOUND, MESSAGE_NOT_FOUND.
  getMessage(projectId: string, name: string, id: string): Promise<MessageDetail> {
    return this.store.getMessage(projectId, name, id, this.clock.nowMs());
  }

  // DELETE /queues/{q}/messages/{id} — throws MESSAGE_NOT_FOUND, RESERVATION_MISMATCH (§4.4).
  async deleteMessage(projectId: string, name: string, ref: MessageRef): Promise<void> {
    await this.store.deleteMessages(projectId, name, [ref], this.clock.nowMs());
    this.changed(projectId, name, 'removed', 1);
  }

  // DELETE /queues/{q}/messages with ids — all or none.
  async deleteMessages(projectId: string, name: string, refs: MessageRef[]): Promise<void> {
    if (refs.length > MAX_IDS_PER_DELETE) throw invalidArgument(`At most ${MAX_IDS_PER_DELETE} ids can be deleted at once`);
    if (refs.length === 0) {
      await this.getQueue(projectId, name);
      return;
    }
    await this.store.deleteMessages(projectId, name, refs, this.clock.nowMs());
    this.changed(projectId, name, 'removed', refs.length);
  }

  // POST /queues/{q}/messages/{id}/touch — a new reservation id, valid timeoutMs from now.
  async touchMessage(projectId: string, name: string, ref: MessageRef, timeoutMs?: number): Promise<ReservedMessage> {
    const lengthMs = timeoutMs === undefined ? undefined : checkTimeout(timeoutMs);
    return this.store.touchMessage(projectId, name, ref, lengthMs, this.clock.nowMs());
  }

  // POST /queues/{q}/messages/{id}/release — back to its place in the queue after delayMs.
  async releaseMessage(projectId: string, name: string, ref: MessageRef, delayMs = 0): Promise<void> {
    checkDurationMs('delay', delayMs, 0, MAX_DELAY_MS);
    const nowMs = this.clock.nowMs();
    await this.store.releaseMessage(projectId, name, ref, delayMs, nowMs);
    const key = LongPollWaiters.key(projectId, name);
    if (delayMs === 0) this.waiters.notify(key, 1);
    else this.waiters.dueAt(key, nowMs + delayMs);
  }

  // DELETE /queues/{q}/messages without ids — removes every message.
  async clearMessages(projectId: string, name: string): Promise<void> {
    // The size just before is the count removed: an alert monitor meeting this queue for the
    // first time needs it to tell the size before the clear.
    const size = (await this.store.getQueue(projectId, name))?.size ?? 0;
    await this.store.clearMessages(projectId, name);
    this.changed(projectId, name, 'removed', size);
  }

  private changed(projectId: string, queueName: string, kind: QueueChangeKind, count: number): void {
    this.changes.emit({ projectId, queueName, kind, count });
  }

  /** A reserve moved messages to the dead-letter queue: both queues changed. */
  private async deadLettered(projectId: string, name: string, count: number): Promise<void> {
    this.changed(projectId, name, 'removed', count);
    const target = (await this.store.getQueue(projectId, name))?.deadLetter?.queueName;
    if (target) this.changed(projectId, target, 'posted', count);
  }

  // POST /queues/{q}/subscribers — add, or update by name (§2.7).
  addSubscribers(projectId: string, name: string, subscribers: Subscriber[]): Promise<Queue> {
    return this.editQueue(projectId, name, (current) => addSubscribersPatch(current, subscribers));
  }

  // PUT /queues/{q}/subscribers — replace the whole list.
  replaceSubscribers(projectId: string, name: string, subscribers: Subscriber[]): Promise<Queue> {
    return this.editQueue(projectId, name, (current) => replaceSubscribersPatch(current, subscribers));
  }

  // DELETE /queues/{q}/subscribers — remove by name (or url).
  removeSubscribers(projectId: string, name: string, removed: Array<{ name?: string; url?: string }>): Promise<Queue> {
    return this.editQueue(projectId, name, (current) => removeSubscribersPatch(current, removed));
  }

  /** Applies a patch computed from the current queue, atomically; throws QUEUE_NOT_FOUND. */
  async editQueue(projectId: string, name: string, patchOf: (current: Queue | undefined) => QueuePatch): Promise<Queue> {
    const subscribers = patchOf(await this.findQueue(projectId, name)).push?.subscribers;
    if (subscribers) await this.checkFanOutCycle(projectId, name, subscribers);
    const { queue } = await this.store.saveQueue(
      projectId,
      name,
      (current) => {
        if (!current) throw new EngineError('QUEUE_NOT_FOUND');
        return applyQueuePatch(name, current, patchOf(current));
      },
      this.clock.nowMs(),
    );
    return queue;
  }

  private checkFanOutCycle(projectId: string, name: string, subscribers: Subscriber[]): Promise<void> {
    return assertNoFanOutCycle((target) => this.findQueue(projectId, target), name, subscribers);
  }

  // GET /queues/{q}/messages/{id}/subscribers — push statuses, one per subscriber (§3.11).
  getPushStatuses(projectId: string, name: string, id: string): Promise<PushStatus[]> {
    return this.store.getPushStatuses(projectId, name, id, this.clock.nowMs());
  }

  // DELETE /queues/{q}/messages/{id} with subscriber_name — a subscriber's ack of a 202 (§4.8.5).
  acknowledgeDelivery(projectId: string, name: string, ack: DeliveryAck): Promise<void> {
    return this.store.acknowledgeDelivery(projectId, name, ack, this.clock.nowMs());
  }

  // POST /queues/{q}/alerts — append alerts (§2.8); v1 creates a missing queue (§4.7).
  async addAlerts(projectId: string, name: string, alerts: AlertInput[], isCreateAllowed = false): Promise<Queue> {
    await this.checkAlertCycle(projectId, name, alerts);
    return this.saveAlerts(projectId, name, isCreateAllowed, (current) => withAddedAlerts(name, current, alerts));
  }

  // PUT /queues/{q}/alerts — replace the whole alert list; v1 creates a missing queue.
  async replaceAlerts(projectId: string, name: string, alerts: AlertInput[], isCreateAllowed = false): Promise<Queue> {
    await this.checkAlertCycle(projectId, name, alerts);
    return this.saveAlerts(projectId, name, isCreateAllowed, (current) => withReplacedAlerts(name, current, alerts));
  }

  // DELETE /queues/{q}/alerts — remove the alerts with these ids (all or none), or every alert
  // when `ids` is undefined. Throws QUEUE_NOT_FOUND, ALERT_NOT_FOUND.
  deleteAlerts(projectId: string, name: string, ids?: string[]): Promise<Queue> {
    return this.saveAlerts(projectId, name, false, (current) => withoutAlerts(name, current, ids));
  }

  // DELETE /queues/{q}/alerts/{id} — throws QUEUE_NOT_FOUND, ALERT_NOT_FOUND.
  deleteAlert(projectId: string, name: string, id: string): Promise<Queue> {
    return this.deleteAlerts(projectId, name, [id]);
  }

  private async saveAlerts(
    projectId: string,
    name: string,
    isCreateAllowed: boolean,
    decide: (current: Queue | undefined) => QueueSettings,
  ): Promise<Queue> {
    if (isCreateAllowed) checkQueueName(name);
    const { queue } = await this.store.saveQueue(
      projectId,
      name,
      (current) => {
        if (!current && !isCreateAllowed) throw new EngineError('QUEUE_NOT_FOUND');
        return decide(current);
      },
      this.clock.nowMs(),
    );
    return queue;
  }

  /** Refuses alerts that would close a loop of progressive alerts through other queues (§2.8). */
  private checkAlertCycle(projectId: string, name: string, alerts: ReadonlyArray<AlertInput | Alert>): Promise<void> {
    return checkProgressiveCycle(name, alerts, async (target) => (await this.store.getQueue(projectId, target))?.alerts ?? []);
  }

  /** Message counts by state, for the dashboard and v1's `reserved`. */
  countMessages(projectId: string, name: string): Promise<QueueCounts> {
    return this.store.countMessages(projectId, name, this.clock.nowMs());
  }
}
