import type { corpNotificationSettingsSchema, deliveryPage, NotificationPreferences, notificationPreferencesView, NotificationStreamEvent, webhookList, Webhook, webhookWithSecret } from '@orgdesk/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { z } from 'zod';
import { api, apiUrl } from '../../api/client';

/** A member's preferences with the corp's apps and the calendar's zone. */
export type PreferencesView = z.infer<typeof notificationPreferencesView>;
/** The corp's notification rules. */
export type CorpNotificationSettings = z.infer<typeof corpNotificationSettingsSchema>;
/** A webhook with its secret, shown once. */
export type WebhookWithSecret = z.infer<typeof webhookWithSecret>;
/** A page of email and webhook deliveries. */
export type DeliveryPage = z.infer<typeof deliveryPage>;
/** The contract types the pages use. */
export type { NotificationPreferences, Webhook };

/** The inbox's query keys (see pages/portal/useInbox.ts): the stream writes the unread count straight into them. */
const inboxKey = ['portal', 'inbox'] as const;

/**
 * Keeps the unread badge live: an EventSource on the member's stream sets the count the moment a notice arrives
 * or is read elsewhere, and refreshes the inbox list. The browser reconnects by itself after a drop.
 */
export function useInboxStream(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const source = new EventSource(apiUrl('/portal/notifications/stream'));
    source.addEventListener('unread', (event) => {
      const data = JSON.parse((event as MessageEvent<string>).data) as NotificationStreamEvent;
      queryClient.setQueryData([...inboxKey, 'unread-count'], data.unread);
      void queryClient.invalidateQueries({ queryKey: [...inboxKey, 'list'] });
    });
    return () => source.close();
  }, [queryClient]);
}

const preferencesKey = ['notifications', 'preferences'] as const;

/** The signed-in member's own notification rules. */
export function usePreferences() {
  return useQuery({ queryKey: preferencesKey, queryFn: () => api.get<PreferencesView>('/portal/notifications/preferences') });
}

/** Saves the member's rules. */
export function useSavePreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (preferences: NotificationPreferences) => api.put<PreferencesView>('/portal/notifications/preferences', preferences),
    onSuccess: (view) => queryClient.setQueryData(preferencesKey, view),
  });
}

const corpKey = ['notifications', 'corp'] as const;

/** The corp's notification rules (corp.manage). */
export function useCorpNotificationSettings() {
  return useQuery({ queryKey: [...corpKey, 'settings'], queryFn: () => api.get<CorpNotificationSettings>('/notifications/settings') });
}

/** Saves the corp's notification rules. */
export function useSaveCorpNotificationSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (settings: CorpNotificationSettings) => api.put<CorpNotificationSettings>('/notifications/settings', settings),
    onSuccess: (settings) => queryClient.setQueryData([...corpKey, 'settings'], settings),
  });
}

/** The corp's webhooks. */
export function useWebhooks() {
  return useQuery({ queryKey: [...corpKey, 'webhooks'], queryFn: () => api.get<z.infer<typeof webhookList>>('/notifications/webhooks').then((r) => r.items) });
}

/** Webhook writes refresh the list (and the delivery history, which names webhooks). */
function useWebhookMutation<A, R>(fn: (arg: A) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: fn, onSettled: () => queryClient.invalidateQueries({ queryKey: corpKey }) });
}

/** Adds a webhook; the answer carries its secret, shown once. */
export const useCreateWebhook = () => useWebhookMutation((input: { name: string; url: string }) => api.post<WebhookWithSecret>('/notifications/webhooks', input));
/** Renames, re-points, enables or disables a webhook. */
export const useUpdateWebhook = () => useWebhookMutation(({ id, ...patch }: { id: string; name?: string; url?: string; enabled?: boolean }) => api.patch<Webhook>(`/notifications/webhooks/${encodeURIComponent(id)}`, patch));
/** Gives a webhook a new secret, shown once. */
export const useRotateWebhookSecret = () => useWebhookMutation((id: string) => api.post<WebhookWithSecret>(`/notifications/webhooks/${encodeURIComponent(id)}/secret`));
/** Deletes a webhook. */
export const useDeleteWebhook = () => useWebhookMutation((id: string) => api.delete<{ ok: true }>(`/notifications/webhooks/${encodeURIComponent(id)}`));

/** A page of the corp's deliveries, refreshed every 15 s while open. */
export function useDeliveries(params: { page: number; pageSize: number }) {
  return useQuery({
    queryKey: [...corpKey, 'deliveries', params],
    queryFn: () => api.get<DeliveryPage>('/notifications/deliveries', params),
    placeholderData: keepPreviousData,
    refetchInterval: 15_000,
  });
}
