'use client';
// GET /api/projects/{projectId}/queue-sparklines?prefix=&after= — last-hour sizes of a whole page of the queue list.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiPaths } from '../api-paths';
import { fetchJson } from '../fetch-json';
import { useRefetchInterval } from '../polling-context';
import { hudKeys } from '../query-keys';
import type { QueueSparklines } from '../types';

export function fetchQueueSparklines(projectId: string, prefix: string, after: string): Promise<QueueSparklines> {
  return fetchJson(apiPaths.queueSparklines(projectId, { prefix, after }));
}

export function useQueueSparklinesQuery(projectId: string, prefix: string, after: string) {
  return useQuery({
    queryKey: hudKeys.queueSparklines(projectId, prefix, after),
    queryFn: () => fetchQueueSparklines(projectId, prefix, after),
    refetchInterval: useRefetchInterval(),
    placeholderData: keepPreviousData,
  });
}
