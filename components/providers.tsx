'use client';
// The HUD's client-side context: one react-query cache, the polling switch, toasts, and the one
// place that reacts to every BFF outcome (sign in again on 401, server reachability).
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useMemo, useState, type ReactNode } from 'react';
import { HudApiError } from '@/lib/hud/fetch-json';
import { PollingContext } from '@/lib/hud/polling-context';
import { ReachabilityContext } from '@/lib/hud/reachability-context';
import { isSignedOutError, ReachabilityStore, signInPathFor } from '@/lib/hud/request-outcome';
import { ToastProvider } from './ui/toast-provider';

/** A 4xx will not change on retry (no session, no access, not found); network blips might. */
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof HudApiError && error.status < 500) return false;
  return failureCount < 2;
}

/** Several queries fail together when a session expires; the first one navigates, the rest wait for it. */
let isLeavingForSignIn = false;

function signInAgainOnExpiry(error: unknown): void {
  if (!isSignedOutError(error) || isLeavingForSignIn) return;
  isLeavingForSignIn = true;
  window.location.assign(signInPathFor(window.location));
}

function createQueryClient(reachability: ReachabilityStore): QueryClient {
  const onError = (error: unknown) => {
    reachability.report(error);
    signInAgainOnExpiry(error);
  };
  const onSuccess = () => reachability.report(null);
  return new QueryClient({
    queryCache: new QueryCache({ onError, onSuccess }),
    mutationCache: new MutationCache({ onError, onSuccess }),
    defaultOptions: { queries: { staleTime: 2_000, retry: shouldRetry, refetchOnWindowFocus: true } },
  });
}

export function Providers({ children }: { children: ReactNode }) {
  const [reachability] = useState(() => new ReachabilityStore());
  const [queryClient] = useState(() => createQueryClient(reachability));
  const [isPaused, setPaused] = useState(false);
  const polling = useMemo(() => ({ isPaused, setPaused }), [isPaused]);
  return (
    <QueryClientProvider client={queryClient}>
      <ReachabilityContext.Provider value={reachability}>
        <PollingContext.Provider value={polling}>
          <ToastProvider>{children}</ToastProvider>
        </PollingContext.Provider>
      </ReachabilityContext.Provider>
    </QueryClientProvider>
  );
}
