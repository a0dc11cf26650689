import type { Assignment, appointRequest, assignmentUpdateRequest } from '@orgdesk/contracts';
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../api/client';
import type { Ok } from '../../api/types';

/** What POST /access/admins takes: a member by userid or mobile, a role and a scope. */
export type AppointRequest = z.input<typeof appointRequest>;
/** A change to an assignment's role and/or scope. */
export type AssignmentUpdate = z.input<typeof assignmentUpdateRequest>;

/** Every 权限管理 query lives under this key. */
export const accessKey = ['access'] as const;

/** Roles count their admins and the conflicts report follows both, so every change refreshes all of 权限管理 (and the audit log). */
export function invalidateAccess(queryClient: QueryClient) {
  void queryClient.invalidateQueries({ queryKey: accessKey });
  void queryClient.invalidateQueries({ queryKey: ['audit'] });
}

/** Every admin assignment of the corp. */
export function useAdmins() {
  return useQuery({
    queryKey: [...accessKey, 'admins'],
    queryFn: () => api.get<{ items: Assignment[] }>('/access/admins').then(({ items }) => items),
  });
}

/** 设置管理员: appoints a member to a role over a scope. */
export function useAppoint() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: AppointRequest) => api.post<Assignment>('/access/admins', input),
    onSuccess: () => invalidateAccess(queryClient),
  });
}

/** Changes an assignment's role or scope. */
export function useUpdateAssignment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: AssignmentUpdate }) => api.patch<Assignment>(`/access/admins/${id}`, patch),
    onSuccess: () => invalidateAccess(queryClient),
  });
}

/** Removes an assignment (the member keeps any others). */
export function useRemoveAssignment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<Ok>(`/access/admins/${id}`),
    onSuccess: () => invalidateAccess(queryClient),
  });
}
