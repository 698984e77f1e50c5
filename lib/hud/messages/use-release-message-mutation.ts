'use client';
// POST …/messages/{messageId}/release — end a reservation; the message returns after delayMs.
import { apiPaths } from '../api-paths';
import { fetchJson } from '../fetch-json';
import { hudKeys } from '../query-keys';
import { useHudMutation } from '../use-hud-mutation';

export function releaseMessage(variables: { projectId: string; queueName: string; messageId: string; delayMs: number }): Promise<unknown> {
  return fetchJson(`${apiPaths.message(variables.projectId, variables.queueName, variables.messageId)}/release`, {
    method: 'POST',
    body: { delayMs: variables.delayMs },
  });
}

export function useReleaseMessageMutation() {
  return useHudMutation({
    mutationFn: releaseMessage,
    invalidates: ({ projectId }) => [hudKeys.queues(projectId)],
    successText: (_data, { messageId }) => `Message ${messageId} released`,
  });
}
