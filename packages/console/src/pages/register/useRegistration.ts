import { useMutation } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { RegistrationCodeResponse, RegistrationRequest, RegistrationResponse } from '../../api/types';

/** Both calls precede any session, so they carry no CSRF token. */
export function useSmsCode() {
  return useMutation({
    mutationFn: (mobile: string) =>
      api.post<RegistrationCodeResponse>('/registration/sms-code', { mobile }, { csrf: false }),
  });
}

export function useRegistration() {
  return useMutation({
    mutationFn: (request: RegistrationRequest) =>
      api.post<RegistrationResponse>('/registration', request, { csrf: false }),
  });
}
