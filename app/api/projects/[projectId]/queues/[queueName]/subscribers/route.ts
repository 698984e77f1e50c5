// A push queue's subscribers, one at a time: add (or save an edit of) one, and remove one. Each is
// one atomic engine call, so two people editing different subscribers never undo each other.
import { BffError } from '@/lib/bff/errors';
import { optionalBoolean, readJsonObject, requiredString } from '@/lib/bff/parse';
import { bffRoute, json } from '@/lib/bff/route';
import { subscriberFromJson } from '@/lib/bff/subscriber-input';
import { assertSubscribersAllowed } from '@/lib/bff/subscriber-policy';

type Params = { projectId: string; queueName: string };

// POST …/queues/{queueName}/subscribers {subscriber, isNew} — add one (isNew: a name in use is refused) or replace the one of its name
export const POST = bffRoute<Params>(async ({ request, params, engine, push }) => {
  const body = await readJsonObject(request);
  const subscriber = subscriberFromJson(body.subscriber);
  await assertSubscribersAllowed([subscriber], push.policy);
  const isNew = optionalBoolean(body, 'isNew') ?? false;
  await engine.addSubscribers(params.projectId, params.queueName, [subscriber], { isNew });
  return json({ msg: isNew ? 'Added' : 'Saved' });
});

// DELETE …/queues/{queueName}/subscribers {"subscriber": name} — remove the subscriber of that name (its url when
// unnamed); the body names it, so no URL can turn this into a wider removal. Removing the last one is refused.
export const DELETE = bffRoute<Params>(async ({ request, params, engine }) => {
  const name = requiredString(await readJsonObject(request), 'subscriber');
  if (name === '') throw new BffError('BAD_REQUEST', 'Removing a subscriber needs {"subscriber": …} in the body, naming exactly what it removes');
  await engine.removeSubscribers(params.projectId, params.queueName, [{ name }]);
  return json({ msg: 'Removed' });
});
