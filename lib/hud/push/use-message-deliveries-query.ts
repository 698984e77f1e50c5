'use client';
// GET …/queues/{queueName}/deliveries?message= — one message's deliveries, for the inspector in
// its drawer: refreshed every second until every delivery has settled (delivered or failed).
import { useQuery } from '@tanstack/react-query';
import { apiPaths } from '../api-paths';
import { fetchJson } from '../fetch-json';
import { usePolling } from '../polling-context';
import { hudKeys } from '../query-keys';
import type { DeliveryPageView, DeliveryView } from '../types';

/** Faster than the HUD's usual poll: a person watching a delivery wants each attempt as it happens. */
const LIVE_DELIVERY_POLL_MS = 1_000;

export const isSettled = (delivery: DeliveryView) => delivery.status === 'deleted' || delivery.status === 'error';

export function fetchMessageDeliveries(projectId: string, queueName: string, messageId: string): Promise<DeliveryPageView> {
  return fetchJson(apiPaths.deliveries(projectId, queueName, { message: messageId }));
}

export function useMessageDeliveriesQuery(projectId: string, queueName: string, messageId: string) {
  const { isPaused } = usePolling();
  return useQuery({
    queryKey: hudKeys.messageDeliveries(projectId, queueName, messageId),
    queryFn: () => fetchMessageDeliveries(projectId, queueName, messageId),
    refetchInterval: (query) => {
      const deliveries = query.state.data?.deliveries;
      const isDone = deliveries !== undefined && deliveries.every(isSettled);
      return isPaused || isDone || query.state.status === 'error' ? false : LIVE_DELIVERY_POLL_MS;
    },
  });
}
