import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, isApiError } from '../api/client';
import type { Ok } from '../api/types';
import { useErrorReporter } from '../api/useErrorReporter';
import { clearSession } from './useMe';

/** After sign-out (or revoking the current session) the console returns to the sign-in page. */
export function useLeaveSession() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { t } = useTranslation();
  return () => {
    clearSession(queryClient);
    void message.success(t('header.signedOut'));
    void navigate('/sign-in', { replace: true });
  };
}

export function useSignOut() {
  const leave = useLeaveSession();
  const reportError = useErrorReporter();
  return useMutation({
    mutationFn: () => api.post<Ok>('/auth/sign-out'),
    onSuccess: leave,
    // A session that already ended needs no sign-out; just leave.
    onError: (error) => (isApiError(error) && error.status === 401 ? leave() : reportError(error)),
  });
}
