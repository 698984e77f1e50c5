// Extends a reserved message's reservation from the HUD. Consuming: the reservation gets a new
// id, so the consumer that held it can no longer delete the message.
import { optionalInteger, readJsonObject } from '@/lib/bff/parse';
import { bffRoute, json } from '@/lib/bff/route';
import { reservationView } from '@/lib/bff/views';

type Params = { projectId: string; queueName: string; messageId: string };

// POST …/messages/{messageId}/touch — body {timeoutMs?}
export const POST = bffRoute<Params>(async ({ request, params, engine }) => {
  const timeoutMs = optionalInteger(await readJsonObject(request), 'timeoutMs');
  const ref = { id: params.messageId, isReservationIgnored: true };
  return json(reservationView(await engine.touchMessage(params.projectId, params.queueName, ref, timeoutMs)));
});
