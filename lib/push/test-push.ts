// The HUD's test push: one real POST to one subscriber through the pusher's own request code —
// the same address policy, timeout and no-redirect rule — without touching any queue. It carries
// the subscriber's headers and Iron-Message-Id 0, which names no message, and no reservation or
// acknowledgement URL: there is no delivery to acknowledge.
import { performance } from 'node:perf_hooks';
import { subscriberKey } from '../engine/subscribers';
import type { Subscriber } from '../engine/types';
import type { AddressPolicy } from './address-policy';
import { sendPush, systemResolver, type PushResponse, type Resolver } from './push-request';

/** Bytes of the subscriber's answer shown to the person. */
export const TEST_PUSH_PREVIEW_BYTES = 4096;

export interface TestPushRequest {
  /** An http or https subscriber. */
  subscriber: Subscriber;
  body: string;
  policy: AddressPolicy;
  timeoutMs: number;
  resolve?: Resolver;
}

export interface TestPushResult {
  /** 0 when no answer came. */
  statusCode: number;
  outcome: 'delivered' | 'accepted' | 'failed';
  errorMessage: string | null;
  headers: Array<[string, string]>;
  bodyPreview: string;
  isBodyTruncated: boolean;
  durationMs: number;
}

export async function sendTestPush(request: TestPushRequest): Promise<TestPushResult> {
  const { subscriber } = request;
  const headers = {
    'User-Agent': 'IronMQ Pusherd',
    'Content-Type': 'text/plain; encoding=utf-8',
    ...subscriber.headers,
    'Iron-Message-Id': '0',
    'Iron-Subscriber-Name': subscriberKey(subscriber),
  };
  let response: PushResponse | undefined;
  const startedMs = performance.now();
  const result = await sendPush(
    { url: new URL(subscriber.url), headers, body: request.body, timeoutMs: request.timeoutMs, policy: request.policy, resolve: request.resolve ?? systemResolver },
    (answer) => (response = answer),
  );
  const durationMs = Math.round(performance.now() - startedMs);
  const body = response?.body ?? Buffer.alloc(0);
  return {
    statusCode: result.statusCode,
    outcome: result.result,
    errorMessage: result.errorMessage,
    headers: response?.headers ?? [],
    bodyPreview: body.subarray(0, TEST_PUSH_PREVIEW_BYTES).toString('utf8'),
    isBodyTruncated: body.length > TEST_PUSH_PREVIEW_BYTES || (response?.isTruncated ?? false),
    durationMs,
  };
}
