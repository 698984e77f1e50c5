'use client';
// GET …/queues/{queueName}/messages?after= — a page of every message in any state, without consuming.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiPaths } from '../api-paths';
import { fetchJson } from '../fetch-json';
import { useRefetchInterval } from '../polling-context';
import { hudKeys } from '../query-keys';
import type { MessagePageView } from '../types';

export function fetchMessages(projectId: string, queueName: string, after: string): Promise<MessagePageView> {
  return fetchJson(apiPaths.messages(projectId, queueName, { after }));
}

export function useMessagesQuery(projectId: string, queueName: string, after: string) {
  return useQuery({
    queryKey: hudKeys.messagePage(projectId, queueName, after),
    queryFn: () => fetchMessages(projectId, queueName, after),
    refetchInterval: useRefetchInterval(),
    placeholderData: keepPreviousData,
  });
}
