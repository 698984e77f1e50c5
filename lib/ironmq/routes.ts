// Every route of both wire API versions, in the order the router tries them: literal segments
// (the webhook) come before the {message} parameter that would also match them. The server
// routes with it; the fault suite fuzzes every entry, so a new route is fuzzed automatically.
import { alertRoutesFor } from './alert-routes';
import type { RouteSpec } from './router';
import { messageRoutesV1 } from './v1/messages';
import { pushRoutesV1 } from './v1/push';
import { queueRoutesV1 } from './v1/queues';
import { messageRoutes } from './v3/messages';
import { pushRoutes } from './v3/push';
import { queueRoutes } from './v3/queues';

export const WIRE_ROUTES: RouteSpec[] = [
  ...queueRoutes,
  ...pushRoutes,
  ...alertRoutesFor(3),
  ...messageRoutes,
  ...queueRoutesV1,
  ...pushRoutesV1,
  ...alertRoutesFor(1),
  ...messageRoutesV1,
];
