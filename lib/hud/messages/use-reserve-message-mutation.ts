'use client';
// POST …/queues/{queueName}/reservations — reserve the next available message, as a consumer would.
import { apiPaths } from '../api-paths';
import { fetchJson } from '../fetch-json';
import { hudKeys } from '../query-keys';
import type { ReservationView } from '../types';
import { useHudMutation } from '../use-hud-mutation';

export function reserveMessage(variables: { projectId: string; queueName: string }): Promise<{ reservations: ReservationView[] }> {
  return fetchJson(apiPaths.reservations(variables.projectId, variables.queueName), { method: 'POST', body: {} });
}

export function useReserveMessageMutation() {
  return useHudMutation({
    mutationFn: reserveMessage,
    invalidates: ({ projectId }) => [hudKeys.queues(projectId)],
    successText: ({ reservations }) =>
      reservations.length === 0 ? 'No message is available to reserve' : `Message ${reservations[0].id} reserved`,
  });
}
