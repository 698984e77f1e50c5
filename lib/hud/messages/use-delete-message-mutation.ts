'use client';
// DELETE …/messages/{messageId} — delete a message in any state (a consumer holding it loses it).
import { apiPaths } from '../api-paths';
import { fetchJson } from '../fetch-json';
import { hudKeys } from '../query-keys';
import { useHudMutation } from '../use-hud-mutation';

export function deleteMessage(variables: { projectId: string; queueName: string; messageId: string }): Promise<unknown> {
  return fetchJson(apiPaths.message(variables.projectId, variables.queueName, variables.messageId), { method: 'DELETE' });
}

export function useDeleteMessageMutation() {
  return useHudMutation({
    mutationFn: deleteMessage,
    removes: ({ projectId, queueName, messageId }) => [hudKeys.message(projectId, queueName, messageId)],
    invalidates: ({ projectId }) => [hudKeys.queues(projectId), hudKeys.projects()],
    successText: (_data, { messageId }) => `Message ${messageId} deleted`,
  });
}
