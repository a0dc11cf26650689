import type { App, AppCallbackRequest, AppSecretResponse, CallbackDelivery, appCreateRequest, appList, appUpdateRequest } from '@orgdesk/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../api/client';

export type AppCreate = z.input<typeof appCreateRequest>;
export type AppUpdate = z.input<typeof appUpdateRequest>;
export type AppListResponse = z.infer<typeof appList>;
export type DeliveryStatus = CallbackDelivery['status'];
export interface DeliveryPage {
  items: CallbackDelivery[];
  total: number;
}

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

/** The largest logo the server takes (apps.logo_invalid above it). */
export const maxLogoBytes = 1024 * 1024;
export const logoExtensions = ['.png', '.jpg', '.jpeg'] as const;

/** Replaces the app's logo: a multipart PUT of one file, with the same session token as every other write. */
export function useSetLogo() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, file }: { id: string; file: File }) => {
      const form = new FormData();
      form.append('logo', file, file.name);
      return api.put<App>(`/apps/${id}/logo`, form);
    },
    onSuccess: (app) => refresh(queryClient, app),
  });
}

/** 接收消息: saved only once the URL answers WeCom's echostr handshake. */
export function useSetCallback() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: AppCallbackRequest }) => api.put<App>(`/apps/${id}/callback`, input),
    onSuccess: (app) => refresh(queryClient, app),
  });
}

export function useClearCallback() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<App>(`/apps/${id}/callback`),
    onSuccess: (app) => refresh(queryClient, app),
  });
}

/** 回调记录: what was sent (or is being sent) to the app's callback URL, refreshed every 10 s while shown. */
export function useCallbackDeliveries(id: string, status: DeliveryStatus | undefined, page: number, pageSize: number) {
  return useQuery({
    queryKey: [...appsKey, 'deliveries', id, status, page, pageSize],
    queryFn: () => api.get<DeliveryPage>(`/apps/${id}/callback/deliveries`, { status, page, pageSize }),
    placeholderData: keepPreviousData,
    refetchInterval: 10_000,
  });
}
