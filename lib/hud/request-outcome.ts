// What the HUD does with the outcome of any BFF call, decided in one place for every query and
// mutation: an expired session goes back to sign-in with a return address, and the last outcome
// says whether the server is reachable (for the connection banner).
import { HudApiError, HudNetworkError } from './fetch-json';

/** True when the BFF said the session is gone (expired cookie, signed out in another tab). */
export function isSignedOutError(error: unknown): boolean {
  return error instanceof HudApiError && error.status === 401;
}

/** The sign-in page that brings the person back to `location` (path, query and fragment) afterwards. */
export function signInPathFor(location: { pathname: string; search: string; hash: string }): string {
  const search = new URLSearchParams({ callbackUrl: `${location.pathname}${location.search}${location.hash}` });
  return `/login?${search.toString()}`;
}

/**
 * Whether the server answered the most recent BFF call. Any reply, even a 4xx or 5xx, proves it
 * is reachable; only a HudNetworkError says it is not.
 */
export class ReachabilityStore {
  private isUnreachable = false;
  private readonly listeners = new Set<() => void>();

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getIsUnreachable = (): boolean => this.isUnreachable;

  /** Records a call's outcome: null for success, else the error it failed with. */
  report(error: unknown): void {
    const isUnreachable = error instanceof HudNetworkError;
    if (isUnreachable === this.isUnreachable) return;
    this.isUnreachable = isUnreachable;
    for (const listener of this.listeners) listener();
  }
}
