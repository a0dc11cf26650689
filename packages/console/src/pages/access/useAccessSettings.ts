import type { AccessSettings } from '@orgdesk/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { accessKey, invalidateAccess } from './useAdmins';

const settingsKey = [...accessKey, 'settings'] as const;

/** The corp's 权限管理 settings (the maximum of super admins). */
export function useAccessSettings() {
  return useQuery({ queryKey: settingsKey, queryFn: () => api.get<AccessSettings>('/access/settings') });
}

/** Saves the settings (a super admin's decision). */
export function useSaveAccessSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (settings: AccessSettings) => api.put<AccessSettings>('/access/settings', settings),
    onSuccess: (saved) => {
      queryClient.setQueryData(settingsKey, saved);
      invalidateAccess(queryClient);
    },
  });
}
