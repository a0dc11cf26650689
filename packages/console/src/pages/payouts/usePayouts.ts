import type { AuditEntry, Payout, PayoutBatch, PayoutFilter, ReconciliationSummary, StatementMatch, payoutBatchConfirmResponse, payoutBatchDetail } from '@orgdesk/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, apiUrl } from '../../api/client';

/** A batch with its lines, as the server answers it. */
export type BatchDetail = z.infer<typeof payoutBatchDetail>;
/** The answer of a confirmation. */
export type ConfirmAnswer = z.infer<typeof payoutBatchConfirmResponse>;
/** A page of payouts with the sum of the whole filter. */
export interface PayoutPage {
  items: Payout[];
  total: number;
  totalFen: number;
}
/** A page of batches. */
export interface BatchPage {
  items: PayoutBatch[];
  total: number;
}

const key = ['payouts'] as const;

/** Every change moves payouts between tabs: refresh them all, and the audit log that recorded it. */
function refresh(queryClient: QueryClient) {
  void queryClient.invalidateQueries({ queryKey: key });
  void queryClient.invalidateQueries({ queryKey: ['audit'] });
}

/** A page of payouts; the filter goes to the server as it is. */
export function usePayoutList(filter: PayoutFilter, page: number, pageSize: number) {
  return useQuery({
    queryKey: [...key, 'list', filter, page, pageSize],
    queryFn: () => api.get<PayoutPage>('/payouts', { ...filter, page, pageSize }),
    placeholderData: keepPreviousData,
  });
}

/** A payout's history, from the audit log. */
export function usePayoutHistory(id: string) {
  return useQuery({ queryKey: [...key, 'history', id], queryFn: () => api.get<{ items: AuditEntry[] }>(`/payouts/${id}/history`) });
}

/** A page of batches, newest first. */
export function useBatches(page: number, pageSize: number) {
  return useQuery({ queryKey: [...key, 'batches', page, pageSize], queryFn: () => api.get<BatchPage>('/payouts/batches', { page, pageSize }), placeholderData: keepPreviousData });
}

/** A batch with its lines (for its row and the confirmation form). */
export function useBatch(id: string | null) {
  return useQuery({ queryKey: [...key, 'batch', id], queryFn: () => api.get<BatchDetail>(`/payouts/batches/${id}`), enabled: id !== null });
}

/** The reconciliation summary for a period. */
export function useReconciliation(range: { from?: string; to?: string }) {
  return useQuery({ queryKey: [...key, 'reconciliation', range], queryFn: () => api.get<ReconciliationSummary>('/payouts/reconciliation', range) });
}

/** A batch of the chosen payouts, or of every pending one in the admin's scope. */
export function useCreateBatch() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { payoutIds: string[] } | { allPending: true }) => api.post<PayoutBatch>('/payouts/batches', input),
    onSuccess: () => refresh(queryClient),
  });
}

/** Records the bank's confirmation of a batch. */
export function useConfirmBatch() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...input }: { id: string; bankReference: string; failures: { payoutId: string; reason: string }[] }) => api.post<ConfirmAnswer>(`/payouts/batches/${id}/confirm`, input),
    onSuccess: () => refresh(queryClient),
  });
}

/** Voids a batch the bank never received. */
export function useVoidBatch() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: (id: string) => api.post<PayoutBatch>(`/payouts/batches/${id}/void`, {}), onSuccess: () => refresh(queryClient) });
}

/** Cancel or mark failed: both take a reason. */
export function usePayoutAction(action: 'cancel' | 'fail') {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: ({ id, reason }: { id: string; reason: string }) => api.post<Payout>(`/payouts/${id}/${action}`, { reason }), onSuccess: () => refresh(queryClient) });
}

/** Matches an uploaded bank statement against the settled batches (nothing is stored, so nothing to refresh). */
export function useMatchStatement() {
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file);
      return api.upload<StatementMatch>('/payouts/reconciliation/statement', form);
    },
  });
}

/** The bank file's address: downloads are plain links, the browser keeps the session cookie. */
export const batchFileUrl = (id: string) => apiUrl(`/payouts/batches/${id}/file`);
/** The history CSV's address, with the filter. */
export const historyExportUrl = (filter: PayoutFilter) => apiUrl('/payouts/export.csv', { ...filter });
