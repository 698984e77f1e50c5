'use client';
// Whether live counters refresh on their own. One switch for the whole HUD, so a person reading
// a page can freeze it and every query on screen stops polling together.
import { createContext, useContext } from 'react';

/** How often live counters and lists refresh while polling is on. */
export const POLL_INTERVAL_MS = 5_000;

export interface PollingState {
  isPaused: boolean;
  setPaused: (isPaused: boolean) => void;
}

export const PollingContext = createContext<PollingState>({ isPaused: false, setPaused: () => undefined });

export function usePolling(): PollingState {
  return useContext(PollingContext);
}

/** The `refetchInterval` for a live query: the poll period, or false while paused. */
export function useRefetchInterval(): number | false {
  return usePolling().isPaused ? false : POLL_INTERVAL_MS;
}
