import type { Conflict } from '@orgdesk/contracts';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { accessKey } from './useAdmins';

/** The conflicts report: what to tidy up in the corp's assignments. */
export function useConflicts() {
  return useQuery({
    queryKey: [...accessKey, 'conflicts'],
    queryFn: () => api.get<{ items: Conflict[] }>('/access/conflicts').then(({ items }) => items),
  });
}
