import type { FieldError } from '@orgdesk/contracts';
import type { Executor } from '../../db';
import { AppError } from '../../platform/kernel/app-error';
import * as repo from './visibility.repository';

// Visibility rules, hidden entries and the external-contact permission name departments, tags and members:
// checked when written (an unknown one is a 400 naming the field), named when read.

/** Names of stored ids; ids deleted since are left out of the lists. */
export interface References {
  departmentList(ids: readonly number[]): { id: number; name: string }[];
  tagList(ids: readonly number[]): { id: number; name: string }[];
  /** Members by internal id; those who left are left out unless asked for. */
  memberList(ids: readonly string[], options?: { includeLeft?: boolean }): { userid: string; name: string }[];
}

/** Looks up the names of departments, tags and members (by internal id) in three queries at most. */
export async function namesOf(db: Executor, corpId: string, ids: { departments?: readonly number[]; tags?: readonly number[]; members?: readonly string[] }): Promise<References> {
  const departments = await repo.departmentNames(db, corpId, [...new Set(ids.departments ?? [])]);
  const tags = await repo.tagNames(db, corpId, [...new Set(ids.tags ?? [])]);
  const members = await repo.memberNames(db, corpId, [...new Set(ids.members ?? [])]);
  const named = <K>(list: readonly K[], names: Map<K, string>) => list.filter((id) => names.has(id)).map((id) => ({ id, name: names.get(id)! }));
  return {
    departmentList: (list) => named(list, departments),
    tagList: (list) => named(list, tags),
    memberList: (list, options = {}) =>
      list.flatMap((id) => {
        const member = members.get(id);
        return member && (options.includeLeft || member.status !== 5) ? [{ userid: member.userid, name: member.name }] : [];
      }),
  };
}

/** One list of references to check, reported under `path`. */
export interface ReferenceCheck {
  path: string;
  departments?: readonly number[];
  tags?: readonly number[];
  userids?: readonly string[];
}

/**
 * Checks that every department and tag exists and every userid is a current member; all unknown ones are
 * reported at once, each under its field. Returns the members found, by lowercased userid.
 */
export async function checkReferences(db: Executor, corpId: string, checks: readonly ReferenceCheck[]) {
  const departments = await repo.departmentNames(db, corpId, [...new Set(checks.flatMap((c) => c.departments ?? []))]);
  const tags = await repo.tagNames(db, corpId, [...new Set(checks.flatMap((c) => c.tags ?? []))]);
  const found = await repo.currentMembersByUserids(db, corpId, [...new Set(checks.flatMap((c) => c.userids ?? []))]);
  const members = new Map(found.map((m) => [m.userid.toLowerCase(), m]));
  const fields: FieldError[] = [];
  for (const check of checks) {
    const unknown = [
      ...(check.departments ?? []).filter((id) => !departments.has(id)),
      ...(check.tags ?? []).filter((id) => !tags.has(id)),
      ...(check.userids ?? []).filter((userid) => !members.has(userid.toLowerCase())),
    ];
    if (unknown.length) fields.push({ path: check.path, reason: `unknown: ${[...new Set(unknown)].join(', ')}` });
  }
  if (fields.length) throw new AppError('visibility.unknown_reference', { fields });
  return { members };
}
