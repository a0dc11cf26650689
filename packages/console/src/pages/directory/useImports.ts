import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api, apiUrl } from '../../api/client';
import type { ImportErrorsPage, ImportJob, ImportMode, SheetFormat } from '../../api/types';
import { directoryKey, invalidateDirectory } from './useDepartments';

const importsKey = [...directoryKey, 'imports'] as const;
const jobKey = (id: string | null) => [...importsKey, 'job', id] as const;

/** How often a running import is asked for its progress. */
const pollMs = 500;

/** Largest file the server takes (imports.file_too_large above it). */
export const maxImportBytes = 50 * 1024 * 1024;
export const importExtensions = ['.xlsx', '.csv'] as const;

export interface ImportUpload {
  file: File;
  mode: ImportMode;
  createDepartments: boolean;
}

/** Uploads a file for preview; nothing in the directory changes yet. */
export function useUploadImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, mode, createDepartments }: ImportUpload) => {
      const form = new FormData();
      // The server reads the fields that come before the file, so they go first.
      form.append('mode', mode);
      form.append('createDepartments', String(createDepartments));
      form.append('file', file, file.name);
      return api.upload<ImportJob>('/imports', form);
    },
    onSuccess: (job) => queryClient.setQueryData(jobKey(job.id), job),
  });
}

/** One import; asked again every half second while it applies. */
export function useImportJob(id: string | null) {
  return useQuery({
    queryKey: jobKey(id),
    queryFn: () => api.get<ImportJob>(`/imports/${encodeURIComponent(id ?? '')}`),
    enabled: id !== null,
    refetchInterval: (query) => (query.state.data?.status === 'applying' ? pollMs : false),
  });
}

export function useImportErrors(id: string, page: number, pageSize: number) {
  return useQuery({
    queryKey: [...importsKey, 'errors', id, page, pageSize],
    queryFn: () => api.get<ImportErrorsPage>(`/imports/${encodeURIComponent(id)}/errors`, { page, pageSize }),
    placeholderData: keepPreviousData,
    staleTime: Infinity, // A preview's errors never change.
  });
}

/** What applying needs said explicitly when the preview found rows in error or a large disable. */
export interface ApplyChoices {
  skipBadRows: boolean;
  confirmDisable: boolean;
}

/**
 * Starts applying a previewed import. The answer is the job, usually still applying; with the embedded
 * database the server only answers once the import has finished.
 */
export function useApplyImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...choices }: ApplyChoices & { id: string }) =>
      api.post<ImportJob>(`/imports/${encodeURIComponent(id)}/apply`, choices),
    onSuccess: (job) => queryClient.setQueryData(jobKey(job.id), job),
    // Refused because it is already applied (another tab) or running: the job itself says what it is now.
    onError: (_error, { id }) => void queryClient.invalidateQueries({ queryKey: jobKey(id) }),
  });
}

/** Once an import has finished, every directory list may have changed. */
export function useRefreshAfterImport() {
  const queryClient = useQueryClient();
  return useCallback(() => invalidateDirectory(queryClient, ['departments', 'members', 'tags']), [queryClient]);
}

/** Downloads are plain links: GET needs no token and the browser saves the attachment. */
export const importTemplateUrl = (format: SheetFormat) => apiUrl('/imports/template', { format });
export const importErrorReportUrl = (id: string) => apiUrl(`/imports/${encodeURIComponent(id)}/error-report`);
export const directoryExportUrl = (format: SheetFormat, department?: number) => apiUrl('/directory/export', { format, department });
