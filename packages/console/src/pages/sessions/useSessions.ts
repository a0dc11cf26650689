import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { meQueryKey } from '../../api/queryClient';
import type { Ok, RecoveryCodes, SessionSummary } from '../../api/types';

const sessionsQueryKey = ['auth', 'sessions'] as const;

export function useSessions() {
  return useQuery({
    queryKey: sessionsQueryKey,
    queryFn: () => api.get<{ items: SessionSummary[] }>('/auth/sessions'),
  });
}

export function useRevokeSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<Ok>(`/auth/sessions/${encodeURIComponent(id)}/revoke`),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: sessionsQueryKey }),
  });
}

export function useRegenerateRecoveryCodes() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<RecoveryCodes>('/auth/recovery-codes'),
    // me carries how many unused codes are left.
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: meQueryKey }),
  });
}
