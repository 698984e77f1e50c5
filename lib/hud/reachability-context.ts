'use client';
// Whether the BFF answered its most recent call, for the connection banner; the store is fed by
// the QueryClient's caches in components/providers.tsx.
import { createContext, useContext, useSyncExternalStore } from 'react';
import { ReachabilityStore } from './request-outcome';

export const ReachabilityContext = createContext<ReachabilityStore>(new ReachabilityStore());

export function useIsServerUnreachable(): boolean {
  const store = useContext(ReachabilityContext);
  return useSyncExternalStore(store.subscribe, store.getIsUnreachable, () => false);
}
