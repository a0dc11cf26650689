import type { Permission, myAccessSchema } from '@orgdesk/contracts';
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../api/client';
import { useMe } from './useMe';

/** What GET /access/me answers. */
export type MyAccess = z.infer<typeof myAccessSchema>;

/** Under the session's key, so signing out (which clears the cache) forgets it with the rest of the session. */
export const myAccessQueryKey = ['auth', 'access'] as const;

/** What the signed-in admin holds: the console shows only the pages and buttons they may use. */
export function useMyAccess() {
  const me = useMe().data;
  return useQuery({
    // Keyed by who is signed in: after an expired session another admin may sign in without a sign-out.
    queryKey: [...myAccessQueryKey, me?.corp.corpId, me?.member.userid],
    queryFn: () => api.get<MyAccess>('/access/me'),
    enabled: me?.stage === 'full',
    // An admin cannot change their own assignments, so this only moves when someone else changes them.
    staleTime: 60_000,
  });
}

/** Whether the admin holds a permission (anywhere in their scope); false while unknown. */
export function useCan(permission: Permission): boolean {
  const access = useMyAccess().data;
  return access ? can(access, permission) : false;
}

/** Whether an admin holding `access` has a permission (super admins hold all). */
export function can(access: MyAccess, permission: Permission): boolean {
  return access.superAdmin || access.permissions.includes(permission);
}
