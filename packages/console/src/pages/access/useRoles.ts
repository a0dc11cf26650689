import type { Role, roleCreateRequest, roleUpdateRequest } from '@orgdesk/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../api/client';
import type { Ok } from '../../api/types';
import { accessKey, invalidateAccess } from './useAdmins';

/** A new custom role. */
export type RoleCreate = z.input<typeof roleCreateRequest>;
/** A change to a custom role. */
export type RoleUpdate = z.input<typeof roleUpdateRequest>;

/** The built-in roles and the corp's custom ones. */
export function useRoles() {
  return useQuery({
    queryKey: [...accessKey, 'roles'],
    queryFn: () => api.get<{ items: Role[] }>('/access/roles').then(({ items }) => items),
  });
}

/** Creates a custom role. */
export function useCreateRole() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: RoleCreate) => api.post<Role>('/access/roles', input),
    onSuccess: () => invalidateAccess(queryClient),
  });
}

/** Renames a custom role or changes its permissions. */
export function useUpdateRole() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: RoleUpdate }) => api.patch<Role>(`/access/roles/${id}`, patch),
    onSuccess: () => invalidateAccess(queryClient),
  });
}

/** Deletes a custom role nobody holds. */
export function useDeleteRole() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<Ok>(`/access/roles/${id}`),
    onSuccess: () => invalidateAccess(queryClient),
  });
}
