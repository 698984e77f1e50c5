// Reserves the next available message from the HUD, as a consumer would: it leaves the ready set
// until the reservation ends, and counts toward max_reservations.
import { bffRoute, json } from '@/lib/bff/route';
import { reservationView } from '@/lib/bff/views';

type Params = { projectId: string; queueName: string };

// POST /api/projects/{projectId}/queues/{queueName}/reservations — reserve one message, no long poll
export const POST = bffRoute<Params>(async ({ params, engine }) => {
  const reserved = await engine.reserveMessages(params.projectId, params.queueName, { n: 1, waitMs: 0 });
  return json({ reservations: reserved.map(reservationView) });
});
