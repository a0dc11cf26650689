import { useMutation } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Ok, SecondFactorRequest, SignInRequest, SignInResponse } from '../../api/types';

export function useSignIn() {
  return useMutation({
    // Sign-in starts a new session, so it carries no CSRF token.
    mutationFn: (request: SignInRequest) => api.post<SignInResponse>('/auth/sign-in', request, { csrf: false }),
  });
}

export function useSecondFactor() {
  return useMutation({
    mutationFn: (request: SecondFactorRequest) => api.post<Ok>('/auth/second-factor', request),
  });
}
