// A push queue's delivery log: every subscriber's delivery of every stored message, newest first,
// filtered by subscriber and status and paged by cursor; or, with ?message=, one message's
// deliveries for the inspector in its drawer.
import { BffError } from '@/lib/bff/errors';
import { deliveryView } from '@/lib/bff/operator-views';
import { bffRoute, json } from '@/lib/bff/route';
import type { DeliveryCursor, DeliveryQuery } from '@/lib/engine/delivery-log';
import type { DeliveryPageView, DeliveryStatus } from '@/lib/hud/types';

type Params = { projectId: string; queueName: string };

const STATUSES: DeliveryStatus[] = ['queued', 'retrying', 'reserved', 'deleted', 'error'];
/** Rows per page of the HUD's list. */
const DELIVERIES_PER_PAGE = 50;

/** `after` is `<message id>:<subscriber>`; the id has no colon, the subscriber (a url) may. */
function cursorOf(after: string): DeliveryCursor {
  const split = after.indexOf(':');
  if (split < 1) throw new BffError('BAD_REQUEST', 'after must be a cursor from a previous page');
  return { messageId: after.slice(0, split), subscriberName: after.slice(split + 1) };
}

// GET …/queues/{queueName}/deliveries?subscriber=&status=&after=&message= — a page of the delivery log
export const GET = bffRoute<Params>(async ({ request, params, engine }) => {
  const search = new URL(request.url).searchParams;
  const status = search.get('status') || undefined;
  if (status !== undefined && !STATUSES.includes(status as DeliveryStatus)) throw new BffError('BAD_REQUEST', `status must be one of ${STATUSES.join(', ')}`);
  const after = search.get('after');
  const query: DeliveryQuery = {
    messageId: search.get('message') || undefined,
    subscriberName: search.get('subscriber') || undefined,
    status: status as DeliveryStatus | undefined,
    after: after ? cursorOf(after) : undefined,
    limit: DELIVERIES_PER_PAGE,
  };
  const page = await engine.inspection.deliveries(params.projectId, params.queueName, query);
  const body: DeliveryPageView = {
    deliveries: page.deliveries.map(deliveryView),
    nextAfter: page.next && `${page.next.messageId}:${page.next.subscriberName}`,
  };
  return json(body);
});
