'use client';
// POST /api/users — create a HUD user.
import { apiPaths } from '../api-paths';
import { fetchJson } from '../fetch-json';
import { hudKeys } from '../query-keys';
import type { UserView } from '../types';
import { useHudMutation } from '../use-hud-mutation';

export function createUser(variables: { email: string; password: string; isAdmin: boolean }): Promise<UserView> {
  return fetchJson(apiPaths.users(), { method: 'POST', body: variables });
}

export function useCreateUserMutation() {
  return useHudMutation({
    mutationFn: createUser,
    invalidates: () => [hudKeys.users()],
    successText: (user) => `User ${user.email} created`,
  });
}
