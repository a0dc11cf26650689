import type { ExternalContactSetting, HiddenEntry, VisibilityPreview, VisibilityRule, externalContactRequest, hiddenEntryRequest, visibilityRuleRequest } from '@orgdesk/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../api/client';
import type { Ok } from '../../api/types';

export type RuleInput = z.input<typeof visibilityRuleRequest>;
export type HiddenInput = z.input<typeof hiddenEntryRequest>;
export type ExternalContactInput = z.input<typeof externalContactRequest>;

const visibilityKey = ['visibility'] as const;

/** Every change refreshes rules, hidden entries, previews and the audit log. */
function useVisibilityMutation<Input, Output>(mutationFn: (input: Input) => Promise<Output>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: visibilityKey });
      void queryClient.invalidateQueries({ queryKey: ['audit'] });
    },
  });
}

export function useVisibilityRules() {
  return useQuery({ queryKey: [...visibilityKey, 'rules'], queryFn: () => api.get<{ items: VisibilityRule[] }>('/access/visibility/rules').then(({ items }) => items) });
}

/** Creates a rule, or replaces rule `id` when given. */
export function useSaveRule() {
  return useVisibilityMutation(({ id, input }: { id?: string; input: RuleInput }) =>
    id ? api.put<VisibilityRule>(`/access/visibility/rules/${id}`, input) : api.post<VisibilityRule>('/access/visibility/rules', input),
  );
}

export function useDeleteRule() {
  return useVisibilityMutation((id: string) => api.delete<Ok>(`/access/visibility/rules/${id}`));
}

export function useHiddenEntries() {
  return useQuery({ queryKey: [...visibilityKey, 'hidden'], queryFn: () => api.get<{ items: HiddenEntry[] }>('/access/visibility/hidden').then(({ items }) => items) });
}

/** Hides a department or member, or replaces entry `id` when given. */
export function useSaveHidden() {
  return useVisibilityMutation(({ id, input }: { id?: string; input: HiddenInput }) =>
    id ? api.put<HiddenEntry>(`/access/visibility/hidden/${id}`, input) : api.post<HiddenEntry>('/access/visibility/hidden', input),
  );
}

export function useDeleteHidden() {
  return useVisibilityMutation((id: string) => api.delete<Ok>(`/access/visibility/hidden/${id}`));
}

/** What a member sees: one page, optionally searched; nothing is asked until a member is chosen. */
export function useVisibilityPreview(params: { userid: string | null; q: string; page: number; pageSize: number }) {
  return useQuery({
    queryKey: [...visibilityKey, 'preview', params],
    queryFn: () => api.get<VisibilityPreview>('/access/visibility/preview', { ...params, userid: params.userid ?? '' }),
    enabled: params.userid !== null,
    placeholderData: keepPreviousData,
  });
}

export function useExternalContacts() {
  return useQuery({ queryKey: [...visibilityKey, 'external-contacts'], queryFn: () => api.get<ExternalContactSetting>('/access/external-contacts') });
}

export function useSaveExternalContacts() {
  return useVisibilityMutation((input: ExternalContactInput) => api.put<ExternalContactSetting>('/access/external-contacts', input));
}

/** Whether one member may add external contacts under the saved setting. */
export function useExternalContactCheck(userid: string | null) {
  return useQuery({
    queryKey: [...visibilityKey, 'external-contacts', 'check', userid],
    queryFn: () => api.get<{ userid: string; allowed: boolean }>('/access/external-contacts/check', { userid }),
    enabled: userid !== null,
  });
}
