import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { BatchResult, InviteResult, Member, MemberCreate, MemberPage, MemberStatus, MemberUpdate, Ok } from '../../api/types';
import { directoryKey, invalidateDirectory } from './useDepartments';

export const membersKey = [...directoryKey, 'members'] as const;

export type MemberSortField = 'name' | 'userid' | 'joinDate';

/** What the member table asks the server for. */
export interface MemberListParams {
  department?: number;
  recursive: boolean;
  status?: MemberStatus;
  q?: string;
  sort: MemberSortField;
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

export function useMemberList(params: MemberListParams) {
  return useQuery({
    queryKey: [...membersKey, 'list', params],
    queryFn: () => api.get<MemberPage>('/members', { ...params, recursive: params.recursive ? 'true' : 'false' }),
    placeholderData: keepPreviousData,
  });
}

/** A short list of members matching a search, for pickers (direct leaders, tag members). */
export function useMemberSearch(q: string) {
  return useQuery({
    queryKey: [...membersKey, 'search', q],
    queryFn: () => api.get<MemberPage>('/members', { q, pageSize: 20 }).then(({ items }) => items),
    enabled: q.length > 0,
    staleTime: 30_000,
    placeholderData: keepPreviousData,
  });
}

const memberKey = (userid: string | null) => [...membersKey, 'detail', userid] as const;

export function useMember(userid: string | null, initial?: Member) {
  return useQuery({
    queryKey: memberKey(userid),
    queryFn: () => api.get<Member>(`/members/${encodeURIComponent(userid ?? '')}`),
    enabled: userid !== null,
    // The row that was clicked shows at once; the fresh record replaces it.
    placeholderData: initial?.userid === userid ? initial : undefined,
  });
}

/** Members count toward their departments and tags, so those lists refresh too. */
function useMemberMutation<Input, Output>(mutationFn: (input: Input) => Promise<Output>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn, onSuccess: () => invalidateDirectory(queryClient, ['members', 'departments', 'tags']) });
}

const path = (userid: string) => `/members/${encodeURIComponent(userid)}`;

export function useCreateMember() {
  return useMemberMutation((input: MemberCreate) => api.post<Member>('/members', input));
}

export function useUpdateMember() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userid, patch }: { userid: string; patch: MemberUpdate }) => api.patch<Member>(path(userid), patch),
    onSuccess: (member, { userid }) => {
      queryClient.setQueryData(memberKey(member.userid), member);
      // The record was just set; and a renamed member no longer answers to the old userid, so neither is refetched.
      invalidateDirectory(queryClient, ['members', 'departments', 'tags'], (key) => key[2] !== 'detail' || (key[3] !== userid && key[3] !== member.userid));
    },
  });
}

export function useSetMemberEnabled() {
  return useMemberMutation(({ userid, enabled }: { userid: string; enabled: boolean }) => api.post<Member>(`${path(userid)}/${enabled ? 'enable' : 'disable'}`));
}

/** Sends a member who has not activated a one-time activation link: by SMS when they have a mobile, else by email. */
export function useInviteMember() {
  // No channel: the server picks SMS when the member has a mobile, else email.
  return useMutation({ mutationFn: ({ userid, channel }: { userid: string; channel?: 'sms' | 'email' }) => api.post<InviteResult>(`${path(userid)}/invite`, channel ? { channel } : {}) });
}

export function useDeleteMember() {
  return useMemberMutation((userid: string) => api.delete<Ok>(path(userid)));
}

export function useBatchDeleteMembers() {
  return useMemberMutation((userids: string[]) => api.post<BatchResult>('/members/batch-delete', { userids }));
}

export function useMoveMembers() {
  return useMemberMutation((input: { userids: string[]; departmentId: number }) => api.post<BatchResult>('/members/move', input));
}
