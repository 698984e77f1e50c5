// Session expiry and reachability: which failures send the person to sign in, where they come
// back to, and which outcomes raise or clear the "server unreachable" state.
import { describe, expect, it, vi } from 'vitest';
import { safeCallbackUrl } from './callback-url';
import { HudApiError, HudNetworkError } from './fetch-json';
import { isSignedOutError, ReachabilityStore, signInPathFor } from './request-outcome';

describe('isSignedOutError', () => {
  it('is true for a 401 only', () => {
    expect(isSignedOutError(new HudApiError(401, 'UNAUTHENTICATED', 'Sign in to continue'))).toBe(true);
    expect(isSignedOutError(new HudApiError(403, 'ADMIN_ONLY', 'x'))).toBe(false);
    expect(isSignedOutError(new HudNetworkError())).toBe(false);
  });
});

describe('signInPathFor', () => {
  it('round-trips the path, query and fragment through the sign-in page', () => {
    const location = { pathname: '/projects/abc/queues/a b%2F', search: '?tab=messages&after=7', hash: '#x' };
    const url = new URL(signInPathFor(location), 'http://hud.test');
    expect(url.pathname).toBe('/login');
    const back = url.searchParams.get('callbackUrl');
    expect(back).toBe('/projects/abc/queues/a b%2F?tab=messages&after=7#x');
    expect(safeCallbackUrl(back)).toBe(back);
  });
});

describe('ReachabilityStore', () => {
  it('turns unreachable on a network error and back on any reply, notifying only on change', () => {
    const store = new ReachabilityStore();
    const listener = vi.fn();
    store.subscribe(listener);
    store.report(new HudNetworkError());
    store.report(new HudNetworkError());
    expect(store.getIsUnreachable()).toBe(true);
    expect(listener).toHaveBeenCalledTimes(1);
    store.report(new HudApiError(500, 'INTERNAL', 'x'));
    expect(store.getIsUnreachable()).toBe(false);
    store.report(null);
    expect(listener).toHaveBeenCalledTimes(2);
  });
});
