import type { ApprovalDetail, ApprovalSummary, Template, leaveBalanceSchema } from '@orgdesk/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../../api/client';

/** The portal's four lists. */
export type Box = 'mine' | 'todo' | 'done' | 'cc';
/** One leave type's allowance, use and rest, in days. */
export type LeaveBalance = z.infer<typeof leaveBalanceSchema>;
/** One page of requests and how many there are in all. */
export interface ApprovalPage {
  items: ApprovalSummary[];
  total: number;
}
/** What the apply page sends; `key` makes a retried submit answer the request the first one created. */
export interface ApplyBody {
  templateId: string;
  form: Record<string, unknown>;
  departmentId?: number;
  chosenApprovers: Record<string, string[]>;
  urgent: boolean;
  key: string;
}
/** An action on a request, by its path under /portal/approvals/:id/. */
export type ActionPath = 'decide' | 'return' | 'transfer' | 'add-approvers' | 'withdraw' | 'delete' | 'comment' | 'urge' | 'resubmit';

/** Everything under this key is refreshed after any action, so boxes, counts and the detail agree. */
const approvalsKey = ['portal', 'approvals'] as const;

/** The templates the member may apply with (enabled, and their department in range). */
export function usePortalTemplates() {
  return useQuery({ queryKey: [...approvalsKey, 'templates'], queryFn: () => api.get<{ items: Template[] }>('/portal/approvals/templates').then((r) => r.items) });
}

/** One page of a box: 我发起的 / 待我审批 / 我已审批 / 抄送我的. */
export function useApprovalBox(box: Box, page: number, pageSize: number) {
  return useQuery({
    queryKey: [...approvalsKey, 'box', box, page, pageSize],
    queryFn: () => api.get<ApprovalPage>('/portal/approvals', { box, page, pageSize }),
    placeholderData: keepPreviousData,
  });
}

/** How many requests wait on the member (the 待我审批 tab's count), refreshed every 30 seconds. */
export function useTodoCount() {
  return useQuery({
    queryKey: [...approvalsKey, 'box', 'todo', 'count'],
    queryFn: () => api.get<ApprovalPage>('/portal/approvals', { box: 'todo', page: 1, pageSize: 1 }).then((r) => r.total),
    refetchInterval: 30_000,
  });
}

/** One request as the member sees it, with what they may do now (`can`). */
export function useApproval(id: string | undefined) {
  return useQuery({ queryKey: [...approvalsKey, 'detail', id], queryFn: () => api.get<ApprovalDetail>(`/portal/approvals/${id ?? ''}`), enabled: Boolean(id) });
}

/** Submits a request; the answer is the new request in full. */
export function useApply() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ApplyBody) => api.post<ApprovalDetail>('/portal/approvals', body),
    onSuccess: (detail) => {
      queryClient.setQueryData([...approvalsKey, 'detail', detail.id], detail);
      void queryClient.invalidateQueries({ queryKey: approvalsKey });
    },
  });
}

/** Any action on a request; every one answers the request as it now stands. */
export function useApprovalAction(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ path, body }: { path: ActionPath; body: Record<string, unknown> & { key: string } }) => api.post<ApprovalDetail>(`/portal/approvals/${id}/${path}`, body),
    onSuccess: (detail) => {
      queryClient.setQueryData([...approvalsKey, 'detail', detail.id], detail);
      void queryClient.invalidateQueries({ queryKey: approvalsKey });
    },
  });
}

/** Working days a half-day range takes on the corp's calendar; only asked once the range is complete. */
export function useLeaveDuration(range: { start: string; startHalf: 'am' | 'pm'; end: string; endHalf: 'am' | 'pm' } | null) {
  return useQuery({
    queryKey: [...approvalsKey, 'leave-duration', range],
    queryFn: () => api.get<{ days: number }>('/portal/approvals/leave-duration', range ?? {}).then((r) => r.days),
    enabled: range !== null,
    retry: false,
  });
}

/** The member's own 年假 / 调休假 balances. */
export function useMyLeaveBalances(enabled: boolean) {
  return useQuery({ queryKey: [...approvalsKey, 'leave-balances'], queryFn: () => api.get<{ items: LeaveBalance[] }>('/portal/approvals/leave-balances').then((r) => r.items), enabled });
}
