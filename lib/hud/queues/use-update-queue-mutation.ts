'use client';
// PATCH /api/projects/{projectId}/queues/{queueName} — change a queue's settings.
import { apiPaths } from '../api-paths';
import { fetchJson } from '../fetch-json';
import { hudKeys } from '../query-keys';
import type { QueueDetail } from '../types';
import { useHudMutation } from '../use-hud-mutation';
import type { QueueSettingsInput } from './queue-settings-input';

export function updateQueue(variables: { projectId: string; queueName: string; settings: QueueSettingsInput }): Promise<QueueDetail> {
  return fetchJson(apiPaths.queue(variables.projectId, variables.queueName), { method: 'PATCH', body: variables.settings });
}

export function useUpdateQueueMutation() {
  return useHudMutation({
    mutationFn: updateQueue,
    invalidates: ({ projectId }) => [hudKeys.queues(projectId)],
    successText: (_queue, { queueName }) => `Settings of “${queueName}” saved`,
  });
}
