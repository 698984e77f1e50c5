'use client';
// GET /api/projects/{projectId}/queues/{queueName} — settings and live counts by state.
import { useQuery } from '@tanstack/react-query';
import { apiPaths } from '../api-paths';
import { fetchJson } from '../fetch-json';
import { useRefetchInterval } from '../polling-context';
import { hudKeys } from '../query-keys';
import type { QueueDetail } from '../types';

export function fetchQueue(projectId: string, queueName: string): Promise<QueueDetail> {
  return fetchJson(apiPaths.queue(projectId, queueName));
}

export function useQueueQuery(projectId: string, queueName: string) {
  return useQuery({
    queryKey: hudKeys.queue(projectId, queueName),
    queryFn: () => fetchQueue(projectId, queueName),
    refetchInterval: useRefetchInterval(),
  });
}
