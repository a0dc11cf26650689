import { queryOptions, useMutation, useQueries, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Department, DepartmentCreate, DepartmentUpdate, Ok } from '../../api/types';

export const directoryKey = ['directory'] as const;
export const departmentsKey = ['directory', 'departments'] as const;
const childrenListsKey = [...departmentsKey, 'children'] as const;

/** Member counts, tag counts and the audit log follow from directory changes; these are the lists to refresh. */
export function invalidateDirectory(queryClient: QueryClient, parts: ('departments' | 'members' | 'tags')[], keep?: (key: readonly unknown[]) => boolean) {
  for (const part of parts) {
    void queryClient.invalidateQueries({ queryKey: [...directoryKey, part], predicate: keep && ((query) => keep(query.queryKey)) });
  }
  void queryClient.invalidateQueries({ queryKey: ['audit'] });
}

/** A department already loaded by some tree (their children lists are the cheapest place to find one). */
export function cachedDepartment(queryClient: QueryClient, id: number): { department: Department; updatedAt: number } | undefined {
  for (const [key, items] of queryClient.getQueriesData<Department[]>({ queryKey: childrenListsKey })) {
    const department = items?.find((item) => item.id === id);
    if (department) return { department, updatedAt: queryClient.getQueryState(key)?.dataUpdatedAt ?? 0 };
  }
  return undefined;
}

/** The children of a department (larger `order` first), or the root alone when parentId is null. */
export function childrenQuery(parentId: number | null) {
  return queryOptions({
    queryKey: [...childrenListsKey, parentId ?? 'root'],
    queryFn: () => api.get<{ items: Department[] }>('/departments', { parentId }).then(({ items }) => items),
    staleTime: 30_000,
  });
}

function departmentQuery(queryClient: QueryClient, id: number) {
  return queryOptions({
    queryKey: [...departmentsKey, 'detail', id],
    queryFn: () => api.get<Department>(`/departments/${id}`),
    staleTime: 30_000,
    initialData: () => cachedDepartment(queryClient, id)?.department,
    initialDataUpdatedAt: () => cachedDepartment(queryClient, id)?.updatedAt,
  });
}

export function useRootDepartment() {
  return useQuery({ ...childrenQuery(null), select: (items) => items[0] });
}

/** The children lists of the given parents, by parent id (absent while loading). */
export function useDepartmentChildren(parentIds: number[]): Map<number, Department[]> {
  const results = useQueries({ queries: parentIds.map((id) => childrenQuery(id)) });
  const byParent = new Map<number, Department[]>();
  parentIds.forEach((id, index) => {
    const items = results[index]?.data;
    if (items) byParent.set(id, items);
  });
  return byParent;
}

export function useDepartment(id: number | undefined) {
  const queryClient = useQueryClient();
  return useQuery({ ...departmentQuery(queryClient, id ?? 0), enabled: id !== undefined });
}

/** Names of departments by id, for members and tags (which carry only ids); missing until loaded. */
export function useDepartmentNames(ids: number[]): Map<number, string> {
  const queryClient = useQueryClient();
  const results = useQueries({ queries: ids.map((id) => departmentQuery(queryClient, id)) });
  const names = new Map<number, string>();
  ids.forEach((id, index) => {
    const name = results[index]?.data?.name;
    if (name !== undefined) names.set(id, name);
  });
  return names;
}

export function useCreateDepartment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: DepartmentCreate) => api.post<Department>('/departments', input),
    onSuccess: () => invalidateDirectory(queryClient, ['departments']),
  });
}

export function useUpdateDepartment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: number; patch: DepartmentUpdate }) => api.patch<Department>(`/departments/${id}`, patch),
    // A move changes which members a recursive listing includes.
    onSuccess: (_department, { patch }) => invalidateDirectory(queryClient, patch.parentId === undefined ? ['departments'] : ['departments', 'members']),
  });
}

export function useDeleteDepartment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.delete<Ok>(`/departments/${id}`),
    onSuccess: (_ok, id) => {
      queryClient.removeQueries({ queryKey: [...departmentsKey, 'detail', id] });
      invalidateDirectory(queryClient, ['departments', 'tags']);
    },
  });
}
