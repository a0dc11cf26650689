import { useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { RecoveryCodes, TotpEnrollment } from '../../api/types';

export function useTotpEnrollment() {
  return useQuery({
    queryKey: ['auth', 'totp', 'enrollment'],
    queryFn: () => api.get<TotpEnrollment>('/auth/totp/enrollment'),
    // The secret must stay the one the user scanned; never refetch it behind their back.
    staleTime: Infinity,
    gcTime: 0,
  });
}

export function useConfirmTotp() {
  return useMutation({
    mutationFn: (code: string) => api.post<RecoveryCodes>('/auth/totp/enrollment', { code }),
  });
}
