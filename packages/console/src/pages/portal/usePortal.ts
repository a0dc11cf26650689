import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { ActivationInfo, ActivationRequest, PortalDepartment, PortalMember, PortalMemberPage, PortalPasswordChange, PortalProfile, PortalProfileUpdate } from '../../api/types';

const portalKey = ['portal'] as const;

/** Whom an activation link is for (public: no session yet). */
export function useActivationInfo(token: string | null) {
  return useQuery({
    queryKey: [...portalKey, 'activation', token],
    queryFn: () => api.get<ActivationInfo>('/portal/activation', { token }),
    enabled: token !== null,
    retry: false,
  });
}

export function useActivate() {
  // Activation opens no session, so it carries no CSRF token.
  return useMutation({ mutationFn: (request: ActivationRequest) => api.post<{ corpId: string; userid: string }>('/portal/activation', request, { csrf: false }) });
}

export function useMyProfile() {
  return useQuery({ queryKey: [...portalKey, 'me'], queryFn: () => api.get<PortalProfile>('/portal/me') });
}

export function useUpdateMyProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: PortalProfileUpdate) => api.patch<PortalProfile>('/portal/me', patch),
    onSuccess: (profile) => {
      queryClient.setQueryData([...portalKey, 'me'], profile);
      void queryClient.invalidateQueries({ queryKey: [...portalKey, 'members'] });
    },
  });
}

/** Changes the member's own password; the server ends their other sessions and keeps this one. */
export function useChangeMyPassword() {
  return useMutation({ mutationFn: (request: PortalPasswordChange) => api.post<{ ok: true }>('/portal/password', request) });
}

/** One level of the visible department tree; without a parent, where the member's tree starts. */
export function fetchPortalDepartments(parentId?: number): Promise<PortalDepartment[]> {
  return api.get<{ items: PortalDepartment[] }>('/portal/departments', { parentId }).then((r) => r.items);
}

export function usePortalDepartmentTops() {
  return useQuery({ queryKey: [...portalKey, 'departments', 'tops'], queryFn: () => fetchPortalDepartments() });
}

export function usePortalMembers(params: { department?: number; q?: string; page: number; pageSize: number }) {
  return useQuery({
    queryKey: [...portalKey, 'members', 'list', params],
    queryFn: () => api.get<PortalMemberPage>('/portal/members', params),
    placeholderData: keepPreviousData,
  });
}

export function usePortalMember(userid: string | null) {
  return useQuery({
    queryKey: [...portalKey, 'members', 'detail', userid],
    queryFn: () => api.get<PortalMember>(`/portal/members/${encodeURIComponent(userid ?? '')}`),
    enabled: userid !== null,
  });
}
