import type { App, AppSecretResponse, appCreateRequest, appList, appUpdateRequest } from '@orgdesk/contracts';
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../api/client';

export type AppCreate = z.input<typeof appCreateRequest>;
export type AppUpdate = z.input<typeof appUpdateRequest>;
export type AppListResponse = z.infer<typeof appList>;

const appsKey = ['apps'] as const;

/** Every change refreshes the list, the app's own record and the audit log. */
function refresh(queryClient: QueryClient, app?: App) {
  if (app) queryClient.setQueryData([...appsKey, 'detail', app.id], app);
  void queryClient.invalidateQueries({ queryKey: appsKey });
  void queryClient.invalidateQueries({ queryKey: ['audit'] });
}

/** The corp's apps (custom ones and the directory-sync app) and its CorpID. */
export function useApps() {
  return useQuery({ queryKey: [...appsKey, 'list'], queryFn: () => api.get<AppListResponse>('/apps') });
}

export function useApp(id: string) {
  return useQuery({ queryKey: [...appsKey, 'detail', id], queryFn: () => api.get<App>(`/apps/${id}`) });
}

/** Creates a custom app; its secret is in the answer and never again. */
export function useCreateApp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: AppCreate) => api.post<AppSecretResponse>('/apps', input),
    onSuccess: ({ app }) => refresh(queryClient, app),
  });
}

export function useUpdateApp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: AppUpdate }) => api.patch<App>(`/apps/${id}`, patch),
    onSuccess: (app) => refresh(queryClient, app),
  });
}

/** A new secret for an app, confirmed with the admin's current authenticator code. */
export function useResetSecret() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, code }: { id: string; code: string }) => api.post<AppSecretResponse>(`/apps/${id}/secret`, { code }),
    onSuccess: ({ app }) => refresh(queryClient, app),
  });
}

/** The directory-sync app's secret: creates the app the first time, replaces its secret after. */
export function useContactsSyncSecret() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { code: string; apiWrite?: boolean }) => api.post<AppSecretResponse>('/apps/contacts-sync/secret', input),
    onSuccess: ({ app }) => refresh(queryClient, app),
  });
}
