'use client';
// DELETE /api/projects/{projectId}/queues/{queueName}/messages — remove every message of a queue.
import { apiPaths } from '../api-paths';
import { fetchJson } from '../fetch-json';
import { hudKeys } from '../query-keys';
import { useHudMutation } from '../use-hud-mutation';

export function clearQueue(variables: { projectId: string; queueName: string }): Promise<unknown> {
  return fetchJson(apiPaths.messages(variables.projectId, variables.queueName), { method: 'DELETE', body: { queue: variables.queueName } });
}

export function useClearQueueMutation() {
  return useHudMutation({
    mutationFn: clearQueue,
    invalidates: ({ projectId }) => [hudKeys.queues(projectId), hudKeys.projects()],
    successText: (_data, { queueName }) => `Queue “${queueName}” cleared`,
  });
}
