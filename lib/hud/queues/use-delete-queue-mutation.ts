'use client';
// DELETE /api/projects/{projectId}/queues/{queueName} — delete a queue and its messages.
import { apiPaths } from '../api-paths';
import { fetchJson } from '../fetch-json';
import { hudKeys } from '../query-keys';
import { useHudMutation } from '../use-hud-mutation';

export function deleteQueue(variables: { projectId: string; queueName: string }): Promise<unknown> {
  return fetchJson(apiPaths.queue(variables.projectId, variables.queueName), { method: 'DELETE', body: { queue: variables.queueName } });
}

export function useDeleteQueueMutation() {
  return useHudMutation({
    mutationFn: deleteQueue,
    removes: ({ projectId, queueName }) => [hudKeys.queue(projectId, queueName)],
    invalidates: ({ projectId }) => [hudKeys.queues(projectId), hudKeys.projects()],
    successText: (_data, { queueName }) => `Queue “${queueName}” deleted`,
  });
}
