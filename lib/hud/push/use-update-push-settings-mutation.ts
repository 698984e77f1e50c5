'use client';
// PATCH …/queues/{queueName} {push} — change a push queue's retries, retries_delay and error queue.
import { apiPaths } from '../api-paths';
import { fetchJson } from '../fetch-json';
import { hudKeys } from '../query-keys';
import type { QueueDetail } from '../types';
import { useHudMutation } from '../use-hud-mutation';

export interface PushSettingsVariables {
  projectId: string;
  queueName: string;
  push: { retries: number; retriesDelayMs: number; errorQueue: string };
}

export function updatePushSettings(variables: PushSettingsVariables): Promise<QueueDetail> {
  return fetchJson(apiPaths.queue(variables.projectId, variables.queueName), { method: 'PATCH', body: { push: variables.push } });
}

export function useUpdatePushSettingsMutation() {
  return useHudMutation({
    mutationFn: updatePushSettings,
    invalidates: ({ projectId }) => [hudKeys.queues(projectId)],
    successText: (_queue, { queueName }) => `Push settings of “${queueName}” saved`,
    isErrorShownInline: true,
  });
}
