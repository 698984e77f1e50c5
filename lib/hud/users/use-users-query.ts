'use client';
// GET /api/users — every HUD user with their project grants (admins only).
import { useQuery } from '@tanstack/react-query';
import { apiPaths } from '../api-paths';
import { fetchJson } from '../fetch-json';
import { useRefetchInterval } from '../polling-context';
import { hudKeys } from '../query-keys';
import type { UserView } from '../types';

export async function fetchUsers(): Promise<UserView[]> {
  return (await fetchJson<{ users: UserView[] }>(apiPaths.users())).users;
}

export function useUsersQuery() {
  return useQuery({ queryKey: hudKeys.users(), queryFn: fetchUsers, refetchInterval: useRefetchInterval() });
}
