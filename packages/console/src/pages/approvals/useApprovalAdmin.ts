import type { ApprovalDetail, Template, TemplateInput } from '@orgdesk/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiUrl } from '../../api/client';
import type { ApprovalPage, LeaveBalance } from '../portal/approvals/useApprovals';

/** The admin list's filters, as the API names them. */
export interface RequestFilters {
  status?: number;
  templateId?: string;
  applicant?: string;
  from?: string;
  to?: string;
}

const adminKey = ['approvals'] as const;

/** Every template the admin manages: the built-in 报销 / 请假 / 通用 and custom ones. */
export function useTemplates() {
  return useQuery({ queryKey: [...adminKey, 'templates'], queryFn: () => api.get<{ items: Template[] }>('/approvals/templates').then((r) => r.items) });
}

/** One template, as the editor starts from it. */
export function useTemplate(id: string | undefined) {
  return useQuery({ queryKey: [...adminKey, 'templates', id], queryFn: () => api.get<Template>(`/approvals/templates/${id ?? ''}`), enabled: Boolean(id) });
}

/** Creates a template (no id) or saves a new version of one; requests already made keep the version they used. */
export function useSaveTemplate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id?: string; input: TemplateInput }) => (id ? api.put<Template>(`/approvals/templates/${id}`, input) : api.post<Template>('/approvals/templates', input)),
    onSuccess: (template) => {
      queryClient.setQueryData([...adminKey, 'templates', template.id], template);
      void queryClient.invalidateQueries({ queryKey: [...adminKey, 'templates'], exact: true });
      void queryClient.invalidateQueries({ queryKey: ['audit'] });
    },
  });
}

/** The input a saved template would be sent back as (for the enabled switch and the editor). */
export function toInput(template: Template): TemplateInput {
  const { name, description, controls, flow, settings, rangeDepartments, enabled } = template;
  return { name, description, controls, flow, settings, rangeDepartments, enabled };
}

/** One page of every request in the admin's scope, newest first, filtered. */
export function useAdminRequests(filters: RequestFilters, page: number, pageSize: number) {
  return useQuery({
    queryKey: [...adminKey, 'requests', filters, page, pageSize],
    queryFn: () => api.get<ApprovalPage>('/approvals/requests', { ...filters, page, pageSize }),
    placeholderData: keepPreviousData,
  });
}

/** One request in full (read-only: admins do not act on requests here). */
export function useAdminRequest(id: string | null) {
  return useQuery({ queryKey: [...adminKey, 'requests', 'detail', id], queryFn: () => api.get<ApprovalDetail>(`/approvals/requests/${id ?? ''}`), enabled: id !== null });
}

/** The CSV of the filtered list, downloaded by the browser with the session cookie. */
export function exportUrl(filters: RequestFilters): string {
  return apiUrl('/approvals/requests/export.csv', { ...filters });
}

/** Balances of every member in scope who has an allowance. */
export function useLeaveBalances() {
  return useQuery({ queryKey: [...adminKey, 'leave-balances'], queryFn: () => api.get<{ items: LeaveBalance[] }>('/approvals/leave-balances').then((r) => r.items) });
}

/** Sets a member's yearly allowance of 年假 or 调休假; what they used stays. */
export function useSetLeaveBalance() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { userid: string; type: 'annual' | 'compensatory'; totalDays: number }) => api.put<{ ok: true }>('/approvals/leave-balances', input),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: [...adminKey, 'leave-balances'] }),
  });
}
