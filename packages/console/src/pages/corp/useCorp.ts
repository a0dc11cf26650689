import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { meQueryKey } from '../../api/queryClient';
import type { CorpInfo, CorpProfileUpdate, CorpSettings } from '../../api/types';

export const corpQueryKey = ['corp'] as const;

export function useCorp() {
  return useQuery({ queryKey: corpQueryKey, queryFn: () => api.get<CorpInfo>('/corp') });
}

function afterCorpChange(queryClient: QueryClient, corp: CorpInfo) {
  queryClient.setQueryData(corpQueryKey, corp);
  // The header shows the corp name and language from me; the change also lands in the audit log.
  void queryClient.invalidateQueries({ queryKey: meQueryKey });
  void queryClient.invalidateQueries({ queryKey: ['audit'] });
}

export function useUpdateCorpProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (update: CorpProfileUpdate) => api.patch<CorpInfo>('/corp', update),
    onSuccess: (corp) => afterCorpChange(queryClient, corp),
  });
}

export function useSaveCorpSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (settings: CorpSettings) => api.put<CorpInfo>('/corp/settings', settings),
    onSuccess: (corp) => afterCorpChange(queryClient, corp),
  });
}
