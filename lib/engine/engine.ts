// The queue engine: IronMQ's verbs over a QueueStore. It checks arguments against limits.ts,
// applies defaults, takes time from the injected clock and wakes long polls; the store does
// every read and atomic change. Method names follow the IronMQ API so a reader of its docs
// finds each route's call by name.
import type { Clock } from './clock';
import { EngineError, invalidArgument } from './errors';
import {
  DEFAULT_MAX_MESSAGE_BYTES,
  DEFAULT_QUEUES_PER_PAGE,
  MAX_DELAY_MS,
  MAX_EXPIRES_IN_MS,
  MAX_IDS_PER_DELETE,
  MAX_MESSAGES_PER_POST,
  MAX_QUEUES_PER_PAGE,
  MAX_QUEUE_LIST_PAGE,
  MAX_TIMEOUT_MS,
  MIN_MESSAGE_EXPIRATION_MS,
  MIN_TIMEOUT_MS,
  checkDurationMs,
  checkQueueName,
  clampMessageCount,
  clampWaitMs,
  pushHeadersProblem,
} from './limits';
import { LongPollWaiters } from './long-poll';
import { applyQueuePatch, defaultQueueSettings } from './queue-settings';
import type { MessagePage, QueueStore } from './store';
import type {
  Message,
  MessageDetail,
  MessageRef,
  NewMessage,
  Queue,
  QueueCounts,
  QueuePatch,
  ReservedMessage,
} from './types';

export interface EngineOptions {
  store: QueueStore;
  clock: Clock;
  /** Largest accepted message body in UTF-8 bytes. */
  maxMessageBytes?: number;
}

export interface ListQueuesRequest {
  prefix?: string;
  /** Exclusive cursor: only names after this one. */
  previous?: string;
  /** Page size; clamped to 1..100, default 30. */
  perPage?: number;
  /** v1 paging: pages of perPage to skip (0..100). */
  page?: number;
}

export interface ReserveOptions {
  /** Messages wanted; clamped to 1..100, default 1. */
  n?: number;
  /** Reservation length (ms); default the message's own (v1) or the queue's message timeout. */
  timeoutMs?: number;
  /** Long-poll time when nothing is available (ms); clamped to 0..30 s. */
  waitMs?: number;
  /** Delete the messages instead of reserving them. */
  isDelete?: boolean;
  /** Aborts a long poll, e.g. when the client went away. */
  signal?: AbortSignal;
}

export type NewMessageInput = Omit<NewMessage, 'delayMs' | 'pushHeaders'> &
  Partial<Pick<NewMessage, 'delayMs' | 'pushHeaders'>>;

export class QueueEngine {
  readonly store: QueueStore;
  readonly clock: Clock;
  readonly maxMessageBytes: number;
  private readonly waiters: LongPollWaiters;

  constructor(options: EngineOptions) {
    this.store = options.store;
    this.clock = options.clock;
    this.maxMessageBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
    this.waiters = new LongPollWaiters(options.clock);
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
    return this.store.getQueue(projectId, name);
  }

  // GET /queues/{q} — throws QUEUE_NOT_FOUND.
  async getQueue(projectId: string, name: string): Promise<Queue> {
    const queue = await this.store.getQueue(projectId, name);
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
    const messages = this.checkNewMessages(inputs);
    const nowMs = this.clock.nowMs();
    const ids = await this.store.postMessages(projectId, name, messages, nowMs);
    const key = LongPollWaiters.key(projectId, name);
    const readyCount = messages.filter((message) => message.delayMs === 0).length;
    if (readyCount > 0) this.waiters.notify(key, readyCount);
    if (readyCount < messages.length) {
      this.waiters.dueAt(key, nowMs + Math.min(...messages.map((message) => message.delayMs || Infinity)));
    }
    return ids;
  }

  private checkNewMessages(inputs: NewMessageInput[]): NewMessage[] {
    if (inputs.length === 0) throw invalidArgument('messages must be a non-empty array');
    if (inputs.length > MAX_MESSAGES_PER_POST) {
      throw invalidArgument(`At most ${MAX_MESSAGES_PER_POST} messages can be posted at once`);
    }
    return inputs.map((input) => {
      if (Buffer.byteLength(input.body, 'utf8') > this.maxMessageBytes) {
        throw invalidArgument(`Message body must be at most ${this.maxMessageBytes} bytes`);
      }
      const delayMs = checkDurationMs('delay', input.delayMs ?? 0, 0, MAX_DELAY_MS);
      if (input.timeoutMs !== undefined) this.checkTimeout(input.timeoutMs);
      if (input.expiresInMs !== undefined) {
        checkDurationMs('expires_in', input.expiresInMs, MIN_MESSAGE_EXPIRATION_MS, MAX_EXPIRES_IN_MS);
      }
      const pushHeaders = input.pushHeaders ?? null;
      const problem = pushHeaders && pushHeadersProblem(pushHeaders);
      if (problem) throw invalidArgument(problem);
      return { ...input, delayMs, pushHeaders };
    });
  }

  // POST /queues/{q}/reservations — up to n messages in queue order, long-polling up to waitMs.
  async reserveMessages(projectId: string, name: string, options: ReserveOptions = {}): Promise<ReservedMessage[]> {
    const request = {
      n: clampMessageCount(options.n),
      timeoutMs: options.timeoutMs === undefined ? undefined : this.checkTimeout(options.timeoutMs),
      isDelete: options.isDelete ?? false,
    };
    const key = LongPollWaiters.key(projectId, name);
    const deadlineMs = this.clock.nowMs() + clampWaitMs(options.waitMs);
    for (;;) {
      const seenVersion = this.waiters.version(key);
      const { messages } = await this.store.reserveMessages(projectId, name, request, this.clock.nowMs());
      // Sleepers on this queue must wake when these reservations run out, if nobody deletes them.
      if (messages.length > 0 && !request.isDelete) this.waiters.dueAt(key, messages[0].reservedUntilMs);
      if (messages.length > 0 || this.clock.nowMs() >= deadlineMs || options.signal?.aborted) return messages;
      const dueAtMs = (await this.store.nextDueAtMs(projectId, name, this.clock.nowMs())) ?? Infinity;
      await this.waiters.sleep(key, seenVersion, Math.min(deadlineMs, dueAtMs), options.signal);
    }
  }

  private checkTimeout(timeoutMs: number): number {
    return checkDurationMs('timeout', timeoutMs, MIN_TIMEOUT_MS, MAX_TIMEOUT_MS);
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
  deleteMessage(projectId: string, name: string, ref: MessageRef): Promise<void> {
    return this.store.deleteMessages(projectId, name, [ref], this.clock.nowMs());
  }

  // DELETE /queues/{q}/messages with ids — all or none.
  async deleteMessages(projectId: string, name: string, refs: MessageRef[]): Promise<void> {
    if (refs.length > MAX_IDS_PER_DELETE) throw invalidArgument(`At most ${MAX_IDS_PER_DELETE} ids can be deleted at once`);
    if (refs.length === 0) {
      await this.getQueue(projectId, name);
      return;
    }
    await this.store.deleteMessages(projectId, name, refs, this.clock.nowMs());
  }

  // POST /queues/{q}/messages/{id}/touch — a new reservation id, valid timeoutMs from now.
  async touchMessage(projectId: string, name: string, ref: MessageRef, timeoutMs?: number): Promise<ReservedMessage> {
    const lengthMs = timeoutMs === undefined ? undefined : this.checkTimeout(timeoutMs);
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
  clearMessages(projectId: string, name: string): Promise<void> {
    return this.store.clearMessages(projectId, name);
  }

  /** Message counts by state, for the dashboard and v1's `reserved`. */
  countMessages(projectId: string, name: string): Promise<QueueCounts> {
    return this.store.countMessages(projectId, name, this.clock.nowMs());
  }
}
