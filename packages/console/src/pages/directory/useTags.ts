import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Ok, Tag, TagDetail, TagMembersChange, TagMembersResult } from '../../api/types';
import { directoryKey, invalidateDirectory } from './useDepartments';

const tagsKey = [...directoryKey, 'tags'] as const;

export function useTags() {
  return useQuery({ queryKey: [...tagsKey, 'list'], queryFn: () => api.get<{ items: Tag[] }>('/tags').then(({ items }) => items) });
}

export function useTag(id: number | null) {
  return useQuery({
    queryKey: [...tagsKey, 'detail', id],
    queryFn: () => api.get<TagDetail>(`/tags/${id}`),
    enabled: id !== null,
  });
}

function useTagMutation<Input, Output>(mutationFn: (input: Input) => Promise<Output>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn, onSuccess: () => invalidateDirectory(queryClient, ['tags']) });
}

export function useCreateTag() {
  return useTagMutation((name: string) => api.post<Tag>('/tags', { name }));
}

export function useRenameTag() {
  return useTagMutation(({ id, name }: { id: number; name: string }) => api.patch<Ok>(`/tags/${id}`, { name }));
}

export function useDeleteTag() {
  return useTagMutation((id: number) => api.delete<Ok>(`/tags/${id}`));
}

/** Adds or removes members and departments; ids the server did not recognise come back. */
export function useChangeTagMembers() {
  return useTagMutation(({ id, change, ...body }: TagMembersChange & { id: number; change: 'add' | 'remove' }) =>
    api.post<TagMembersResult>(`/tags/${id}/${change}-members`, body),
  );
}
