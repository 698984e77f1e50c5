// The one wrapper every HUD route handler goes through: refuses cross-origin writes, requires a
// session (and, for user management, an admin), checks the user's grant on the project named in the path (never trusting the URL
// alone), then runs the handler and maps any failure through errors.ts.
import { queueNameFromSegment } from '../hud/queue-name-segment';
import { getRuntimeOrThrow, type Runtime } from '../runtime-access';
import { BffError, toBffReply } from './errors';
import { assertSameOrigin } from './same-origin';
import { getHudUserOrNull, type HudUser } from './session';

export interface BffCall<P> {
  request: Request;
  params: P;
  user: HudUser;
  engine: Runtime['engine'];
  auth: Runtime['auth'];
  stats: Runtime['stats'];
  sampler: Runtime['sampler'];
  push: Runtime['push'];
}

type Params = Record<string, string>;
type Handler<P extends Params> = (call: BffCall<P>) => Promise<Response>;

/** A JSON reply the browser must not cache: every answer is live data. */
export function json(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: { 'cache-control': 'no-store' } });
}

async function assertProjectAccess(auth: Runtime['auth'], user: HudUser, projectId: string): Promise<void> {
  if (!(await auth.hasProjectAccess(user.id, projectId))) throw new BffError('PROJECT_NOT_FOUND');
}

export interface BffRouteOptions {
  /** Refuse anyone but an admin with 403 ADMIN_ONLY, before any lookup that could reveal data. */
  isAdminOnly?: boolean;
}

/** Wraps a handler; routes whose path has `[projectId]` get the grant check for free. */
export function bffRoute<P extends Params = Params>(handler: Handler<P>, options: BffRouteOptions = {}) {
  return async (request: Request, context: { params: Promise<P> }): Promise<Response> => {
    try {
      assertSameOrigin(request);
      const user = await getHudUserOrNull();
      if (!user) throw new BffError('UNAUTHENTICATED');
      if (options.isAdminOnly && !user.isAdmin) throw new BffError('ADMIN_ONLY');
      const params = { ...((await context?.params) ?? {}) } as P;
      // Next has percent-decoded the segment; the HUD's escape for dot-only names comes off here.
      if (params.queueName !== undefined) (params as Params).queueName = queueNameFromSegment(params.queueName);
      const { engine, auth, stats, sampler, push } = getRuntimeOrThrow();
      if (params.projectId !== undefined) await assertProjectAccess(auth, user, params.projectId);
      return await handler({ request, params, user, engine, auth, stats, sampler, push });
    } catch (error) {
      const reply = toBffReply(error);
      return json(reply.body, reply.status);
    }
  };
}
