'use client';
// GET …/queues/{queueName}/deliveries?subscriber=&status=&after= — a page of the push delivery log.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiPaths } from '../api-paths';
import { fetchJson } from '../fetch-json';
import { useRefetchInterval } from '../polling-context';
import { hudKeys } from '../query-keys';
import type { DeliveryPageView } from '../types';

export interface DeliveryLogFilter {
  subscriber: string;
  status: string;
  after: string;
}

export function fetchDeliveries(projectId: string, queueName: string, filter: DeliveryLogFilter): Promise<DeliveryPageView> {
  return fetchJson(apiPaths.deliveries(projectId, queueName, filter));
}

export function useDeliveriesQuery(projectId: string, queueName: string, filter: DeliveryLogFilter) {
  return useQuery({
    queryKey: hudKeys.deliveryPage(projectId, queueName, filter),
    queryFn: () => fetchDeliveries(projectId, queueName, filter),
    refetchInterval: useRefetchInterval(),
    placeholderData: keepPreviousData,
  });
}
