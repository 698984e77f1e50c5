'use client';
// POST …/queues/{queueName}/messages — post one body `copies` times, all or none.
import { apiPaths } from '../api-paths';
import { fetchJson } from '../fetch-json';
import { hudKeys } from '../query-keys';
import { useHudMutation } from '../use-hud-mutation';

export interface PostMessagesVariables {
  projectId: string;
  queueName: string;
  body: string;
  delayMs: number;
  copies: number;
}

export function postMessages(variables: PostMessagesVariables): Promise<{ ids: string[] }> {
  const messages = Array.from({ length: variables.copies }, () => ({ body: variables.body, delayMs: variables.delayMs }));
  return fetchJson(apiPaths.messages(variables.projectId, variables.queueName), { method: 'POST', body: { messages } });
}

export function usePostMessagesMutation() {
  return useHudMutation({
    mutationFn: postMessages,
    invalidates: ({ projectId }) => [hudKeys.queues(projectId), hudKeys.projects()],
    successText: ({ ids }) => (ids.length === 1 ? `Message ${ids[0]} posted` : `${ids.length} messages posted`),
  });
}
