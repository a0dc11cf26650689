import type { Executor } from '../../db';
import { AppError } from '../../platform/kernel/app-error';
import { departmentsOutside, directoryBulk, reachSets, type DirectoryScope, type MemberSnapshot } from '../directory';
import { columnKeys, templateHeader, type ColumnKey } from './template';

const genderText: Record<string, string> = { '1': '男', '2': '女', '0': '' };

/**
 * The directory (or one department's subtree) as template rows, written so that importing the export
 * incrementally changes nothing: departments as paths from the root (ids where a name holds / or ;),
 * leader flags and orders aligned with them, 禁用 as 是/否.
 */
export async function exportRows(db: Executor, scope: DirectoryScope, departmentId?: number): Promise<string[][]> {
  const corpId = scope.corpId;
  if (departmentId !== undefined && (await departmentsOutside(db, corpId, scope.reach, [departmentId])).length) throw new AppError('directory.department_not_found');
  const [members, departments, reach] = await Promise.all([directoryBulk.snapshotMembers(db, corpId), directoryBulk.snapshotDepartments(db, corpId), reachSets(db, corpId, scope.reach)]);
  const byId = new Map(departments.map((d) => [d.id, d]));
  const path = (id: number): string => {
    const names: string[] = [];
    for (let at = byId.get(id); at; at = at.parentId === null ? undefined : byId.get(at.parentId)) names.unshift(at.name);
    return names.some((n) => /[/;；／]/.test(n)) ? String(id) : names.join('/');
  };
  const inScope = departmentId === undefined ? null : subtree(departments, departmentId);
  const rows = members
    .filter((m) => m.status !== 5 && (reach === null || reach.members.has(m.id)) && (inScope === null || m.departments.some((d) => inScope.has(d.id))))
    .sort((a, b) => a.userid.localeCompare(b.userid))
    .map((m) => columnKeys.map((key) => cell(key, m, path)));
  return [columnKeys.map(templateHeader), ...rows];
}

function cell(key: ColumnKey, m: MemberSnapshot, path: (id: number) => string): string {
  // The main department first, so an import picks the same one back.
  const departments = [...m.departments].sort((a, b) => Number(b.id === m.mainDepartment) - Number(a.id === m.mainDepartment) || a.id - b.id);
  switch (key) {
    case 'departments':
      return departments.map((d) => path(d.id)).join(';');
    case 'isLeader':
      return departments.map((d) => (d.isLeader ? '是' : '否')).join(';');
    case 'order':
      return departments.map((d) => String(d.order)).join(';');
    case 'gender':
      return genderText[m.gender] ?? '';
    case 'disabled':
      return m.status === 2 ? '是' : '否';
    default:
      return m[key] ?? '';
  }
}

function subtree(departments: { id: number; parentId: number | null }[], rootId: number): Set<number> {
  const children = new Map<number, number[]>();
  for (const d of departments) if (d.parentId !== null) children.set(d.parentId, [...(children.get(d.parentId) ?? []), d.id]);
  const ids = new Set<number>();
  for (const queue = [rootId]; queue.length; ) {
    const id = queue.pop()!;
    ids.add(id);
    queue.push(...(children.get(id) ?? []));
  }
  return ids;
}
