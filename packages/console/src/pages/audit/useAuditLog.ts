import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { api, apiUrl } from '../../api/client';
import type { AuditPage, AuditVerification } from '../../api/types';

/** Filters as sent to the server; from/to are ISO datetimes. */
export interface AuditFilters {
  actor?: string;
  action?: string;
  from?: string;
  to?: string;
}

export function useAuditLog(filters: AuditFilters, page: number, pageSize: number) {
  return useQuery({
    queryKey: ['audit', 'log', filters, page, pageSize],
    queryFn: () => api.get<AuditPage>('/audit', { ...filters, page, pageSize }),
    // Keep the current rows on screen while the next page loads.
    placeholderData: keepPreviousData,
  });
}

/** A check the admin starts on purpose, so it runs as a mutation rather than on mount. */
export function useVerifyAudit() {
  return useMutation({ mutationFn: () => api.get<AuditVerification>('/audit/verify') });
}

/** The CSV export is a plain download link carrying the same filters. */
export function auditExportUrl(filters: AuditFilters): string {
  return apiUrl('/audit/export.csv', { ...filters });
}
