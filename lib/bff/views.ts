// Engine and auth-store objects to the plain JSON the HUD renders (lib/hud/types.ts), in one
// place, so no component depends on a storage class and no secret field slips into a reply.
import type { ApiToken, Project, User } from '../auth/types';
import type { MessageDetail, Queue, QueueCounts, ReservedMessage } from '../engine/types';
import type { QueueEngine } from '../engine/engine';
import type {
  MessageView,
  ProjectSummary,
  QueueDetail,
  QueueRelations,
  QueueSummary,
  ReservationView,
  TokenView,
  UserView,
} from '../hud/types';
import { alertView } from './operator-views';

/** The wire API's own page ceiling (§1.7), used to walk every queue of a project. */
const QUEUE_NAMES_PER_READ = 100;

export function tokenView(token: ApiToken): TokenView {
  return { id: token.id, name: token.name, hint: token.hint, createdAtMs: token.createdAtMs, lastUsedAtMs: token.lastUsedAtMs };
}

/** A HUD user without the password hash; `projectIds` are the grants (empty for an admin, who sees all). */
export function userView(user: User, projectIds: string[]): UserView {
  return { id: user.id, email: user.email, isAdmin: user.isAdmin, createdAtMs: user.createdAtMs, projectIds };
}

export function queueSummary(queue: Queue): QueueSummary {
  return { name: queue.name, type: queue.type, size: queue.size, totalMessages: queue.totalMessages };
}

export function queueDetail(queue: Queue, counts: QueueCounts, relations: QueueRelations): QueueDetail {
  const { push } = queue;
  return {
    ...queueSummary(queue),
    createdAtMs: queue.createdAtMs,
    messageTimeoutMs: queue.messageTimeoutMs,
    messageExpirationMs: queue.messageExpirationMs,
    deadLetter: queue.deadLetter ? { ...queue.deadLetter } : null,
    push: push && {
      subscribers: push.subscribers.map(({ name, url, headers }) => ({ name, url, headers: { ...headers } })),
      retries: push.retries,
      retriesDelayMs: push.retriesDelayMs,
      errorQueue: push.errorQueue,
    },
    alerts: queue.alerts.map(alertView),
    relations,
    counts: { ...counts },
  };
}

export function messageView(message: MessageDetail): MessageView {
  return {
    id: message.id,
    body: message.body,
    state: message.state,
    reservedCount: message.reservedCount,
    createdAtMs: message.createdAtMs,
    dueAtMs: message.dueAtMs,
    expiresAtMs: message.expiresAtMs,
    isDelivered: message.isDelivered,
  };
}

export function reservationView(message: ReservedMessage): ReservationView {
  return { id: message.id, reservationId: message.reservationId, reservedUntilMs: message.reservedUntilMs };
}

/**
 * A project with its queue count and message totals, summed over every queue. A page of names and
 * then their queues per call to the engine: in the HUD's thread each call crosses to the main
 * thread, and one call per queue sent a project with 10,000 of them 10,000 messages there.
 */
export async function projectSummary(engine: QueueEngine, project: Project): Promise<ProjectSummary> {
  const summary: ProjectSummary = { id: project.id, name: project.name, createdAtMs: project.createdAtMs, queueCount: 0, size: 0, totalMessages: 0 };
  for (let previous = ''; ; ) {
    const names = await engine.listQueues(project.id, { previous, perPage: QUEUE_NAMES_PER_READ });
    for (const queue of await engine.findQueues(project.id, names)) {
      summary.queueCount += 1;
      summary.size += queue.size;
      summary.totalMessages += queue.totalMessages;
    }
    if (names.length < QUEUE_NAMES_PER_READ) return summary;
    previous = names[names.length - 1];
  }
}
