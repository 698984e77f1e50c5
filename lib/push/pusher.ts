// The pusher: background work started once per server process. It leases due delivery attempts
// from the engine, runs them with a cap per subscriber (a slow or dead subscriber cannot take
// every slot) and a cap overall, and records each outcome. Woken at once by posts to push
// queues; otherwise it sleeps until the store's next due attempt.
import type { QueueEngine } from '../engine/engine';
import { fanOutTarget } from '../engine/fan-out';
import { subscriberKey } from '../engine/subscribers';
import type { DeliveryAttempt } from '../engine/types';
import type { AddressPolicy } from './address-policy';
import { pushRequestHeaders } from './push-headers';
import { sendPush, systemResolver, type PushResult, type Resolver } from './push-request';

export interface PusherOptions {
  engine: QueueEngine;
  policy: AddressPolicy;
  /** Base of the acknowledgement URL given to subscribers, e.g. http://mq.example.com:8080 */
  publicBaseUrl: string;
  /** Hard limit of one push request (ms); §4.8.2 default 10 s. */
  requestTimeoutMs?: number;
  /** Attempts in flight at once, overall and per subscriber URL. */
  maxInFlight?: number;
  maxInFlightPerSubscriber?: number;
  resolve?: Resolver;
  log: (line: string) => void;
  /** Hears every finished attempt, for metrics. */
  onAttempt?: (attempt: { result: PushResult['result']; isRetry: boolean; durationMs: number }) => void;
}

export interface Pusher {
  /** Look for due attempts now (called when messages reach a push queue). */
  wake(): void;
  stop(): Promise<void>;
}

const CLAIM_BATCH = 100;
const STOP_GRACE_MS = 2_000;
/** How long an attempt handed back by a subscriber at its cap waits before it is claimed again. */
const DEFER_MS = 250;
/** Sleep at most this long even when nothing seems due, in case another process scheduled work. */
const MAX_IDLE_MS = 5_000;

export function startPusher(options: PusherOptions): Pusher {
  const { engine, log } = options;
  const requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
  const maxInFlight = options.maxInFlight ?? 256;
  const perSubscriberCap = options.maxInFlightPerSubscriber ?? 32;
  // The lease outlives the request, with a margin for recording its outcome.
  const leaseMs = requestTimeoutMs + 5_000;
  const inFlightBySubscriber = new Map<string, number>();
  let inFlight = 0;
  let isStopped = false;
  let isPumping = false;
  let isWakeRequested = false;
  let cancelTimer = () => {};
  const running = new Set<Promise<void>>();

  const subscriberOf = (attempt: DeliveryAttempt) => attempt.subscriber.url;
  // The store claims no more of a subscriber's attempts than it can start: claiming a hundred to
  // start one and hand back the rest cost two writes per attempt handed back.
  const roomByUrl = () => Object.fromEntries([...inFlightBySubscriber].map(([url, count]) => [url, Math.max(perSubscriberCap - count, 0)]));
  const cappedUrls = () => Object.entries(roomByUrl()).filter(([, room]) => room === 0).map(([url]) => url);

  async function deliver(attempt: DeliveryAttempt): Promise<PushResult> {
    const url = new URL(attempt.subscriber.url);
    if (url.protocol === 'ironmq:') return fanOut(attempt);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      return { statusCode: 0, result: 'failed', errorMessage: `${url.protocol}// subscribers are not supported by Ferro` };
    }
    return sendPush({
      url,
      headers: pushRequestHeaders(options.publicBaseUrl, attempt),
      body: attempt.body,
      timeoutMs: requestTimeoutMs,
      policy: options.policy,
      resolve: options.resolve ?? systemResolver,
    });
  }

  /** ironmq:///queue posts the body to a queue of the same project (§4.8.4). */
  async function fanOut(attempt: DeliveryAttempt): Promise<PushResult> {
    const queueName = fanOutTarget(attempt.subscriber.url);
    if (!queueName) return { statusCode: 0, result: 'failed', errorMessage: 'Only ironmq:///<queue> in the same project is supported' };
    await engine.postMessages(attempt.projectId, queueName, [{ body: attempt.body }]);
    return { statusCode: 200, result: 'delivered', errorMessage: null };
  }

  async function run(attempt: DeliveryAttempt): Promise<void> {
    let result: PushResult;
    const startedAt = performance.now();
    try {
      result = await deliver(attempt);
    } catch (error) {
      result = { statusCode: 0, result: 'failed', errorMessage: (error as Error).message };
    }
    options.onAttempt?.({ result: result.result, isRetry: attempt.tries > 0, durationMs: performance.now() - startedAt });
    try {
      await engine.deliveries.settle({
        messageId: attempt.messageId,
        subscriberName: subscriberKey(attempt.subscriber),
        reservationId: attempt.reservationId,
        ...result,
      });
    } catch (error) {
      log(`pusher: could not record the outcome for message ${attempt.messageId}: ${String(error)}`);
    }
  }

  function start(attempt: DeliveryAttempt): void {
    const key = subscriberOf(attempt);
    const busy = inFlightBySubscriber.get(key) ?? 0;
    if (busy >= perSubscriberCap) {
      // Claims take no more than a subscriber's room, so this only guards the cap: hand the
      // attempt back rather than hold it, since a subscriber at its cap must not use up the
      // slots (or the claims) that other subscribers' deliveries need.
      void engine.deliveries.defer(attempt, engine.clock.nowMs() + DEFER_MS).catch((error: unknown) => log(`pusher: ${String(error)}`));
      return;
    }
    inFlight += 1;
    inFlightBySubscriber.set(key, busy + 1);
    const promise = run(attempt).finally(() => {
      running.delete(promise);
      inFlight -= 1;
      const left = (inFlightBySubscriber.get(key) ?? 1) - 1;
      if (left > 0) inFlightBySubscriber.set(key, left);
      else inFlightBySubscriber.delete(key);
      wake();
    });
    running.add(promise);
  }

  /** Claims and starts due attempts while there is room, then sleeps until the next due time. */
  async function pump(): Promise<void> {
    if (isPumping || isStopped) return;
    isPumping = true;
    try {
      let isFull = false;
      do {
        isWakeRequested = false;
        const room = maxInFlight - inFlight;
        isFull = room <= 0;
        if (isFull) break;
        const wanted = Math.min(room, CLAIM_BATCH);
        const attempts = await engine.deliveries.claim({ limit: wanted, leaseMs, perUrlLimit: perSubscriberCap, roomByUrl: roomByUrl() });
        attempts.forEach(start);
        if (attempts.length === wanted) isWakeRequested = true;
      } while (isWakeRequested && !isStopped);
      // When full, the next finished attempt wakes the pusher; no timer is needed.
      if (!isFull) await scheduleNext();
    } catch (error) {
      log(`pusher: ${String(error)}`);
      cancelTimer = engine.clock.setTimer(1_000, wake);
    } finally {
      isPumping = false;
    }
  }

  async function scheduleNext(): Promise<void> {
    // Capped subscribers' attempts wait for a slot: a finishing attempt wakes the pusher.
    const dueAtMs = (await engine.deliveries.nextDueAtMs(cappedUrls())) ?? Infinity;
    const delayMs = Math.min(Math.max(dueAtMs - engine.clock.nowMs(), 0), MAX_IDLE_MS);
    cancelTimer();
    if (!isStopped) cancelTimer = engine.clock.setTimer(delayMs, wake);
  }

  function wake(): void {
    if (isStopped) return;
    if (isPumping) {
      isWakeRequested = true;
      return;
    }
    setImmediate(() => void pump());
  }

  // Posts to push queues on this instance and, through the store, on any other.
  const stopListening = engine.changes.onArrival((arrival) => {
    if (arrival.isPush) wake();
  });
  wake();

  return {
    wake,
    async stop() {
      isStopped = true;
      stopListening();
      cancelTimer();
      // Give attempts in flight a moment to finish; any still running when the process exits
      // are settled after restart as interrupted tries, when their lease runs out.
      await Promise.race([Promise.allSettled([...running]), new Promise((resolve) => setTimeout(resolve, STOP_GRACE_MS))]);
    },
  };
}
