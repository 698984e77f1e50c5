// The BFF's authorisation rules over plain HTTP, table-driven: no session, a project the user has
// no grant on, and cross-origin writes are each refused with the documented code and status.
import { expect, test, type APIRequestContext } from '@playwright/test';
import { ADMIN_STATE, BASE_URL, PROJECT_ID } from '../support/env';

const UNKNOWN_PROJECT = 'aaaaaaaaaaaaaaaaaaaaaaaa';
const QUEUE = 'bff-auth-queue';

const ROUTES: Array<{ method: string; path: (projectId: string) => string; data?: unknown }> = [
  { method: 'GET', path: () => '/api/projects' },
  { method: 'GET', path: (p) => `/api/projects/${p}/tokens` },
  { method: 'POST', path: (p) => `/api/projects/${p}/tokens`, data: { name: 'x' } },
  { method: 'GET', path: (p) => `/api/projects/${p}/queues` },
  { method: 'POST', path: (p) => `/api/projects/${p}/queues`, data: { name: QUEUE, type: 'pull' } },
  { method: 'GET', path: (p) => `/api/projects/${p}/queues/${QUEUE}` },
  { method: 'GET', path: (p) => `/api/projects/${p}/queues/${QUEUE}/stats?range=1h` },
  { method: 'GET', path: (p) => `/api/projects/${p}/queue-sparklines` },
  { method: 'PATCH', path: (p) => `/api/projects/${p}/queues/${QUEUE}`, data: { messageTimeoutMs: 30_000 } },
  { method: 'GET', path: (p) => `/api/projects/${p}/queues/${QUEUE}/messages` },
  { method: 'POST', path: (p) => `/api/projects/${p}/queues/${QUEUE}/messages`, data: { messages: [{ body: 'x' }] } },
  { method: 'DELETE', path: (p) => `/api/projects/${p}/queues/${QUEUE}/messages`, data: { queue: QUEUE } },
  { method: 'DELETE', path: (p) => `/api/projects/${p}/queues/${QUEUE}`, data: { queue: QUEUE } },
  // A wrong name: should any check above it ever fail, the e2e project still survives.
  { method: 'DELETE', path: (p) => `/api/projects/${p}`, data: { name: 'not-this-project' } },
  { method: 'GET', path: (p) => `/api/projects/${p}/queues/${QUEUE}/messages/1` },
];

const PROJECT_ROUTES = ROUTES.filter((route) => route.path('P') !== '/api/projects');

function send(request: APIRequestContext, method: string, url: string, data: unknown, origin: string | null) {
  return request.fetch(`${BASE_URL}${url}`, { method, data, headers: origin ? { origin } : {} });
}

test.describe('without a session', () => {
  test.use({ storageState: { cookies: [], origins: [] } });
  for (const route of ROUTES) {
    test(`${route.method} ${route.path(':project')} answers 401`, async ({ request }) => {
      const reply = await send(request, route.method, route.path(PROJECT_ID), route.data, BASE_URL);
      expect(reply.status()).toBe(401);
      expect(await reply.json()).toEqual({ code: 'UNAUTHENTICATED', msg: 'Sign in to continue' });
    });
  }
});

test.describe('signed in as the admin', () => {
  test.use({ storageState: ADMIN_STATE });

  for (const route of PROJECT_ROUTES) {
    test(`${route.method} ${route.path(':unknown-project')} answers 404`, async ({ request }) => {
      const reply = await send(request, route.method, route.path(UNKNOWN_PROJECT), route.data, BASE_URL);
      expect(reply.status()).toBe(404);
      expect((await reply.json()).code).toBe('PROJECT_NOT_FOUND');
    });
  }

  for (const route of ROUTES.filter((r) => r.method !== 'GET')) {
    for (const origin of ['http://evil.test', null]) {
      test(`${route.method} ${route.path(':project')} from origin ${origin} answers 403`, async ({ request }) => {
        const reply = await send(request, route.method, route.path(PROJECT_ID), route.data, origin);
        expect(reply.status()).toBe(403);
        expect((await reply.json()).code).toBe('CROSS_ORIGIN');
      });
    }
  }

  test('malformed JSON answers 400', async ({ request }) => {
    const reply = await request.post(`${BASE_URL}/api/projects`, {
      headers: { origin: BASE_URL, 'content-type': 'application/json' },
      data: '{not json',
    });
    expect(reply.status()).toBe(400);
    expect((await reply.json()).code).toBe('BAD_REQUEST');
  });

  test('a token list never contains a secret', async ({ request }) => {
    const reply = await request.get(`${BASE_URL}/api/projects/${PROJECT_ID}/tokens`);
    expect(reply.status()).toBe(200);
    expect(JSON.stringify(await reply.json())).not.toContain('ferro-e2e-token');
  });
});
