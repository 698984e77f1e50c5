'use client';
// GET …/queues/{queueName}/alert-messages — what this queue's alerts posted lately, read without consuming.
import { useQuery } from '@tanstack/react-query';
import { apiPaths } from '../api-paths';
import { fetchJson } from '../fetch-json';
import { useRefetchInterval } from '../polling-context';
import { hudKeys } from '../query-keys';
import type { AlertFiringView } from '../types';

export function fetchAlertMessages(projectId: string, queueName: string): Promise<{ firings: AlertFiringView[] }> {
  return fetchJson(apiPaths.alertMessages(projectId, queueName));
}

export function useAlertMessagesQuery(projectId: string, queueName: string) {
  return useQuery({
    queryKey: hudKeys.alertMessages(projectId, queueName),
    queryFn: () => fetchAlertMessages(projectId, queueName),
    refetchInterval: useRefetchInterval(),
  });
}
