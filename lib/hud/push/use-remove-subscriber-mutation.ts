'use client';
// DELETE …/queues/{queueName}/subscribers {"subscriber"} — remove one subscriber (never the last).
import { apiPaths } from '../api-paths';
import { fetchJson } from '../fetch-json';
import { hudKeys } from '../query-keys';
import { useHudMutation } from '../use-hud-mutation';

export function removeSubscriber(variables: { projectId: string; queueName: string; subscriber: string }): Promise<unknown> {
  return fetchJson(apiPaths.subscribers(variables.projectId, variables.queueName), { method: 'DELETE', body: { subscriber: variables.subscriber } });
}

export function useRemoveSubscriberMutation() {
  return useHudMutation({
    mutationFn: removeSubscriber,
    invalidates: ({ projectId, queueName }) => [hudKeys.queue(projectId, queueName)],
    successText: (_data, { subscriber }) => `Subscriber “${subscriber}” removed`,
    isErrorShownInline: true,
  });
}
