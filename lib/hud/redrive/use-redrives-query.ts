'use client';
// GET …/queues/{queueName}/redrives — the queue's recent redrive jobs; every second while one runs,
// so progress moves on screen (the job itself runs on the server whether or not anyone watches).
import { useQuery } from '@tanstack/react-query';
import { apiPaths } from '../api-paths';
import { fetchJson } from '../fetch-json';
import { POLL_INTERVAL_MS, usePolling } from '../polling-context';
import { hudKeys } from '../query-keys';
import type { RedriveView } from '../types';

const PROGRESS_POLL_MS = 1_000;

export function fetchRedrives(projectId: string, queueName: string): Promise<{ redrives: RedriveView[] }> {
  return fetchJson(apiPaths.redrives(projectId, queueName));
}

export function useRedrivesQuery(projectId: string, queueName: string) {
  const { isPaused } = usePolling();
  return useQuery({
    queryKey: hudKeys.redrives(projectId, queueName),
    queryFn: () => fetchRedrives(projectId, queueName),
    refetchInterval: (query) => {
      if (isPaused) return false;
      const isRunning = query.state.data?.redrives.some((job) => job.state === 'running') ?? false;
      return isRunning ? PROGRESS_POLL_MS : POLL_INTERVAL_MS;
    },
  });
}
