import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from './client';

export const meQueryKey = ['auth', 'me'] as const;

/** A failed request can reveal that the session ended or moved to another stage; the route guard reacts to me. */
function reactToSessionErrors(error: unknown) {
  if (!(error instanceof ApiError)) return;
  if (error.code === 'auth.unauthenticated') {
    queryClient.setQueryData(meQueryKey, null);
  } else if (
    error.code === 'auth.second_factor_required' ||
    error.code === 'auth.totp_enrollment_required' ||
    error.code === 'auth.csrf_failed'
  ) {
    void queryClient.invalidateQueries({ queryKey: meQueryKey });
  }
}

function shouldRetry(failureCount: number, error: unknown) {
  const transient = !(error instanceof ApiError) || error.status === 0 || error.status >= 500;
  return transient && failureCount < 2;
}

export const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError: reactToSessionErrors }),
  mutationCache: new MutationCache({ onError: reactToSessionErrors }),
  defaultOptions: {
    queries: { retry: shouldRetry, refetchOnWindowFocus: false },
    mutations: { retry: false },
  },
});
