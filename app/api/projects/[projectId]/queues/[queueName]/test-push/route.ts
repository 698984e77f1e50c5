// Sends one test push to one saved subscriber of a push queue, through the pusher's own address
// policy, timeout and no-redirect rule, and answers with what the subscriber said. The queue and
// its messages are not touched.
import { BffError } from '@/lib/bff/errors';
import { optionalString, readJsonObject, requiredString } from '@/lib/bff/parse';
import { bffRoute, json } from '@/lib/bff/route';
import type { TestPushView } from '@/lib/hud/types';
import { sendTestPush } from '@/lib/push/test-push';

type Params = { projectId: string; queueName: string };

const DEFAULT_BODY = 'Test push from the Ferro HUD';

// POST …/queues/{queueName}/test-push {subscriber, body?} — one real POST; the answer's status, headers, body start and time
export const POST = bffRoute<Params>(async ({ request, params, engine, push }) => {
  const body = await readJsonObject(request);
  const name = requiredString(body, 'subscriber');
  const queue = await engine.getQueue(params.projectId, params.queueName);
  if (!queue.push) throw new BffError('BAD_REQUEST', 'This operation is only supported on push queues');
  const subscriber = queue.push.subscribers.find((s) => (s.name || s.url) === name);
  if (!subscriber) throw new BffError('BAD_REQUEST', `This queue has no subscriber named ${JSON.stringify(name)}`);
  if (!/^https?:/.test(subscriber.url)) throw new BffError('BAD_REQUEST', 'Test pushes go to http and https subscribers only');
  const result: TestPushView = await sendTestPush({
    subscriber,
    body: optionalString(body, 'body') ?? DEFAULT_BODY,
    policy: push.policy,
    timeoutMs: push.requestTimeoutMs,
  });
  return json(result);
});
