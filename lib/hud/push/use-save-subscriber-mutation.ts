'use client';
// POST …/queues/{queueName}/subscribers — add a subscriber (isNew: a name in use is refused) or save an edit of one.
import { apiPaths } from '../api-paths';
import { fetchJson } from '../fetch-json';
import { hudKeys } from '../query-keys';
import type { SubscriberView } from '../types';
import { useHudMutation } from '../use-hud-mutation';

export interface SaveSubscriberVariables {
  projectId: string;
  queueName: string;
  subscriber: SubscriberView;
  isNew: boolean;
}

export function saveSubscriber(variables: SaveSubscriberVariables): Promise<unknown> {
  const { subscriber, isNew } = variables;
  return fetchJson(apiPaths.subscribers(variables.projectId, variables.queueName), { method: 'POST', body: { subscriber, isNew } });
}

export function useSaveSubscriberMutation() {
  return useHudMutation({
    mutationFn: saveSubscriber,
    invalidates: ({ projectId, queueName }) => [hudKeys.queue(projectId, queueName)],
    successText: (_data, { subscriber, isNew }) => `Subscriber “${subscriber.name || subscriber.url}” ${isNew ? 'added' : 'saved'}`,
    isErrorShownInline: true,
  });
}
