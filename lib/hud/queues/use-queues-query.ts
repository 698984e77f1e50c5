'use client';
// GET /api/projects/{projectId}/queues — one page of queues with counters, by prefix and cursor.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiPaths } from '../api-paths';
import { fetchJson } from '../fetch-json';
import { useRefetchInterval } from '../polling-context';
import { hudKeys } from '../query-keys';
import type { QueuePage } from '../types';

export function fetchQueues(projectId: string, prefix: string, after: string): Promise<QueuePage> {
  return fetchJson(apiPaths.queues(projectId, { prefix, after }));
}

export function useQueuesQuery(projectId: string, prefix: string, after: string) {
  return useQuery({
    queryKey: hudKeys.queuePage(projectId, prefix, after),
    queryFn: () => fetchQueues(projectId, prefix, after),
    refetchInterval: useRefetchInterval(),
    placeholderData: keepPreviousData,
  });
}
