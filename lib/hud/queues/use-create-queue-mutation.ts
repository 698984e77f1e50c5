'use client';
// POST /api/projects/{projectId}/queues — create a queue (never overwrites an existing one).
import { apiPaths } from '../api-paths';
import { fetchJson } from '../fetch-json';
import { hudKeys } from '../query-keys';
import type { QueueSummary } from '../types';
import { useHudMutation } from '../use-hud-mutation';
import type { QueueSettingsInput } from './queue-settings-input';

export function createQueue(variables: { projectId: string; name: string; settings: QueueSettingsInput }): Promise<QueueSummary> {
  return fetchJson(apiPaths.queues(variables.projectId), { method: 'POST', body: { name: variables.name, ...variables.settings } });
}

export function useCreateQueueMutation() {
  return useHudMutation({
    mutationFn: createQueue,
    invalidates: ({ projectId }) => [hudKeys.queues(projectId), hudKeys.projects()],
    successText: (queue) => `Queue “${queue.name}” created`,
    isErrorShownInline: true,
  });
}
