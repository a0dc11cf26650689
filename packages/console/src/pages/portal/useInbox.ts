import type { InboxItem, inboxPage, unreadCount } from '@orgdesk/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../api/client';

export type { InboxItem };
export type InboxPage = z.infer<typeof inboxPage>;
type UnreadCount = z.infer<typeof unreadCount>;

/** Everything the inbox shows lives under this key, so marking read refreshes the list and the menu's badge. */
const inboxKey = ['portal', 'inbox'] as const;

/** One page of the member's own messages, newest first; with `unreadOnly`, only those not read yet. */
export function useInbox(params: { page: number; pageSize: number; unreadOnly: boolean }) {
  return useQuery({
    queryKey: [...inboxKey, 'list', params],
    queryFn: () => api.get<InboxPage>('/portal/inbox', { page: params.page, pageSize: params.pageSize, unread: String(params.unreadOnly) }),
    placeholderData: keepPreviousData,
  });
}

/** The unread count for the menu's badge, refreshed every 30 seconds while the portal is open. */
export function useUnreadCount() {
  return useQuery({
    queryKey: [...inboxKey, 'unread-count'],
    queryFn: () => api.get<UnreadCount>('/portal/inbox/unread-count').then((r) => r.unread),
    refetchInterval: 30_000,
  });
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<{ ok: true }>(`/portal/inbox/${encodeURIComponent(id)}/read`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: inboxKey }),
  });
}

export function useMarkAllRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ ok: true }>('/portal/inbox/read-all'),
    onSettled: () => queryClient.invalidateQueries({ queryKey: inboxKey }),
  });
}
