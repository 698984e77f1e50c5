'use client';
// POST …/messages/{messageId}/touch — extend a reservation (its holder's reservation id stops working).
import { apiPaths } from '../api-paths';
import { fetchJson } from '../fetch-json';
import { hudKeys } from '../query-keys';
import type { ReservationView } from '../types';
import { useHudMutation } from '../use-hud-mutation';

export function touchMessage(variables: { projectId: string; queueName: string; messageId: string }): Promise<ReservationView> {
  return fetchJson(`${apiPaths.message(variables.projectId, variables.queueName, variables.messageId)}/touch`, { method: 'POST', body: {} });
}

export function useTouchMessageMutation() {
  return useHudMutation({
    mutationFn: touchMessage,
    invalidates: ({ projectId }) => [hudKeys.queues(projectId)],
    successText: (_data, { messageId }) => `Reservation of message ${messageId} extended`,
  });
}
