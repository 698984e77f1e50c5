// The user-management BFF over plain HTTP: sessions, admin-only access, CSRF, input rules, and
// that no reply ever carries a password or its hash.
import { expect, test, type APIRequestContext } from '@playwright/test';
import { ADMIN_STATE, BASE_URL, PROJECT_ID } from '../support/env';
import { uniqueName } from '../support/hud';

const UNKNOWN_ID = 'bbbbbbbbbbbbbbbbbbbbbbbb';
const ROUTES: Array<{ method: string; path: string; data?: unknown }> = [
  { method: 'GET', path: '/api/users' },
  { method: 'POST', path: '/api/users', data: { email: 'x@example.test', password: 'long enough password' } },
  { method: 'PUT', path: `/api/projects/${PROJECT_ID}/members/${UNKNOWN_ID}` },
  { method: 'DELETE', path: `/api/projects/${PROJECT_ID}/members/${UNKNOWN_ID}` },
];

function send(request: APIRequestContext, method: string, path: string, data?: unknown, origin: string | null = BASE_URL) {
  return request.fetch(`${BASE_URL}${path}`, { method, data, headers: origin ? { origin } : {} });
}

test.describe('without a session', () => {
  test.use({ storageState: { cookies: [], origins: [] } });
  for (const route of ROUTES) {
    test(`${route.method} ${route.path} answers 401`, async ({ request }) => {
      const reply = await send(request, route.method, route.path, route.data);
      expect(reply.status()).toBe(401);
      expect((await reply.json()).code).toBe('UNAUTHENTICATED');
    });
  }
});

test.describe('signed in as the admin', () => {
  test.use({ storageState: ADMIN_STATE });

  for (const route of ROUTES.filter((r) => r.method !== 'GET')) {
    test(`${route.method} ${route.path} from another origin answers 403`, async ({ request }) => {
      const reply = await send(request, route.method, route.path, route.data, 'http://evil.test');
      expect(reply.status()).toBe(403);
      expect((await reply.json()).code).toBe('CROSS_ORIGIN');
    });
  }

  const BAD_INPUT: Array<{ name: string; data: unknown; status: number; code: string }> = [
    { name: 'a short password', data: { email: `${uniqueName('short')}@example.test`, password: 'short' }, status: 400, code: 'INVALID_ARGUMENT' },
    { name: 'a bad email', data: { email: 'not-an-email', password: 'long enough password' }, status: 400, code: 'INVALID_ARGUMENT' },
    { name: 'a missing password', data: { email: 'x@example.test' }, status: 400, code: 'BAD_REQUEST' },
    { name: 'a non-boolean isAdmin', data: { email: 'x@example.test', password: 'long enough password', isAdmin: 'yes' }, status: 400, code: 'BAD_REQUEST' },
  ];
  for (const input of BAD_INPUT) {
    test(`creating a user with ${input.name} answers ${input.status} ${input.code}`, async ({ request }) => {
      const reply = await send(request, 'POST', '/api/users', input.data);
      expect(reply.status()).toBe(input.status);
      expect((await reply.json()).code).toBe(input.code);
    });
  }

  test('a created user is listed without any password, and a second create answers 409', async ({ request }) => {
    const email = `${uniqueName('api-user')}@example.test`;
    const password = 'a secret password 123';
    const created = await send(request, 'POST', '/api/users', { email, password });
    expect(created.status()).toBe(201);
    const again = await send(request, 'POST', '/api/users', { email: email.toUpperCase(), password });
    expect(again.status()).toBe(409);
    expect((await again.json()).code).toBe('USER_EXISTS');

    const list = await send(request, 'GET', '/api/users');
    const text = await list.text();
    expect(text).toContain(email);
    expect(text).not.toContain(password);
    expect(text).not.toMatch(/password|hash|scrypt/i);
  });

  test('granting to an unknown user or on an unknown project answers 404', async ({ request }) => {
    const unknownUser = await send(request, 'PUT', `/api/projects/${PROJECT_ID}/members/${UNKNOWN_ID}`);
    expect(unknownUser.status()).toBe(404);
    expect((await unknownUser.json()).code).toBe('USER_NOT_FOUND');
    const unknownProject = await send(request, 'PUT', `/api/projects/${UNKNOWN_ID}/members/${UNKNOWN_ID}`);
    expect(unknownProject.status()).toBe(404);
    expect((await unknownProject.json()).code).toBe('PROJECT_NOT_FOUND');
  });
});
