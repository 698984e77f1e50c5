'use client';
// The HUD's client-side context: one react-query cache, the polling switch and toasts.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useMemo, useState, type ReactNode } from 'react';
import { HudApiError } from '@/lib/hud/fetch-json';
import { PollingContext } from '@/lib/hud/polling-context';
import { ToastProvider } from './ui/toast-provider';

/** A 4xx will not change on retry (no session, no access, not found); network blips might. */
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof HudApiError && error.status < 500) return false;
  return failureCount < 2;
}

export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(
    () => new QueryClient({ defaultOptions: { queries: { staleTime: 2_000, retry: shouldRetry, refetchOnWindowFocus: true } } }),
  );
  const [isPaused, setPaused] = useState(false);
  const polling = useMemo(() => ({ isPaused, setPaused }), [isPaused]);
  return (
    <QueryClientProvider client={queryClient}>
      <PollingContext.Provider value={polling}>
        <ToastProvider>{children}</ToastProvider>
      </PollingContext.Provider>
    </QueryClientProvider>
  );
}
