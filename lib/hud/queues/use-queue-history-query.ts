'use client';
// GET /api/projects/{projectId}/queues/{queueName}/stats?range= — size and rates per bucket, for the charts.
import { useQuery } from '@tanstack/react-query';
import { apiPaths } from '../api-paths';
import { fetchJson } from '../fetch-json';
import { useRefetchInterval } from '../polling-context';
import { hudKeys } from '../query-keys';
import type { HistoryRange, QueueHistory } from '../types';

export function fetchQueueHistory(projectId: string, queueName: string, range: HistoryRange): Promise<QueueHistory> {
  return fetchJson(apiPaths.queueHistory(projectId, queueName, range));
}

/** Only the live range polls: the longer ones barely move in a few seconds. */
export function useQueueHistoryQuery(projectId: string, queueName: string, range: HistoryRange) {
  const refetchInterval = useRefetchInterval();
  return useQuery({
    queryKey: hudKeys.queueHistory(projectId, queueName, range),
    queryFn: () => fetchQueueHistory(projectId, queueName, range),
    refetchInterval: range === 'live' ? refetchInterval : false,
  });
}
