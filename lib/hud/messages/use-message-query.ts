'use client';
// GET …/queues/{queueName}/messages/{messageId} — one message with its state and times.
import { useQuery } from '@tanstack/react-query';
import { apiPaths } from '../api-paths';
import { fetchJson } from '../fetch-json';
import { useRefetchInterval } from '../polling-context';
import { hudKeys } from '../query-keys';
import type { MessageView } from '../types';

export function fetchMessage(projectId: string, queueName: string, messageId: string): Promise<MessageView> {
  return fetchJson(apiPaths.message(projectId, queueName, messageId));
}

export function useMessageQuery(projectId: string, queueName: string, messageId: string) {
  return useQuery({
    queryKey: hudKeys.message(projectId, queueName, messageId),
    queryFn: () => fetchMessage(projectId, queueName, messageId),
    refetchInterval: useRefetchInterval(),
  });
}
