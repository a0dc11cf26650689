import { useQuery, type QueryClient } from '@tanstack/react-query';
import { api, isApiError, setCsrfToken } from '../api/client';
import { meQueryKey } from '../api/queryClient';
import type { Me } from '../api/types';

/** Who is signed in; null when signed out (the server answers 401). */
async function fetchMe(): Promise<Me | null> {
  try {
    const me = await api.get<Me>('/auth/me');
    setCsrfToken(me.csrfToken);
    return me;
  } catch (error) {
    if (isApiError(error) && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export function useMe() {
  // Only refreshed on purpose: a background refetch must not move the user off a page mid-flow
  // (e.g. the recovery codes shown right after TOTP enrolment).
  return useQuery({ queryKey: meQueryKey, queryFn: fetchMe, staleTime: Infinity });
}

/** Reloads me after a step that changes the session, before navigating on. */
export function refreshMe(queryClient: QueryClient): Promise<Me | null> {
  return queryClient.fetchQuery({ queryKey: meQueryKey, queryFn: fetchMe, staleTime: 0 });
}

/** Where a session at a given stage belongs. */
export function pathForStage(me: Me | null | undefined): string {
  if (!me) return '/sign-in';
  if (me.stage === 'second_factor') return '/sign-in/totp';
  if (me.stage === 'enroll_totp') return '/sign-in/enroll';
  return me.member.isAdmin ? '/' : '/portal';
}

/** The page a guard bounced the user from, to return there once signed in. */
export function returnPath(state: unknown, search = ''): string {
  const from = (state as { from?: unknown } | null)?.from;
  if (typeof from === 'string' && /^\/(?!\/|sign-in)/.test(from)) return from;
  // An app's OAuth link sends members here to sign in first, with itself as `?return=`.
  const back = new URLSearchParams(search).get('return');
  return back && isOAuthReturn(back) ? back : '/';
}

/** The server's OAuth authorize link: leaving the console for it needs a full page load. */
export function isOAuthReturn(path: string): boolean {
  return /^\/connect\/oauth2\/authorize\?/.test(path);
}

/** Goes on to a path after sign-in: inside the console by the router, to the OAuth link by the browser. */
export function goOn(navigate: (path: string, options: { replace: boolean }) => void | Promise<void>, path: string): void {
  if (isOAuthReturn(path)) window.location.assign(path);
  else void navigate(path, { replace: true });
}

/** Forget everything about the previous session. */
export function clearSession(queryClient: QueryClient) {
  setCsrfToken(null);
  queryClient.clear();
  queryClient.setQueryData(meQueryKey, null);
}
