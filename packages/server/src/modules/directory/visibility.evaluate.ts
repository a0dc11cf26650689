import { hideableFields, type HideableField } from '@orgdesk/contracts';
import type { RawBuilder, SqlBool } from 'kysely';
import type { Executor } from '../../db';
import { ROOT_DEPARTMENT_ID } from './department.service';
import { departmentVisibleSql, memberVisibleRowSql, memberVisibleSql, type ResolvedVisibility } from './visibility-sql';
import { memberPasses, viewerFacts, type ViewerFacts } from './viewer.repository';

/**
 * Everything about what one member may see of the directory, resolved once per request (one query):
 * embed `memberFilter()` / `departmentFilter()` in the queries that list, search, count or read members and
 * departments, and pass what comes back through `mask()`.
 */
export interface ViewerVisibility extends ResolvedVisibility {
  /** The rules that apply to the viewer; none means the WeCom default, the whole organization. */
  rules: { id: string; name: string }[];
  /** Fields hidden from the viewer on everyone but themself: those every applying rule hides. */
  hiddenFields: HideableField[];
  /**
   * Condition on `members as <alias>` (default `m`): visible to the viewer. `rows: 'few'` suits a query that
   * reads one member or a handful by key (a detail page); the default suits lists, searches and counts.
   */
  memberFilter(alias?: string, rows?: 'many' | 'few'): RawBuilder<SqlBool>;
  /** Condition on `departments as <alias>` (default `d`): visible to the viewer. */
  departmentFilter(alias?: string): RawBuilder<SqlBool>;
  /** A copy of a member record with the hidden fields blanked (`''`), unless it is the viewer's own. */
  mask<T extends MaskableMember>(member: T): T;
}

/** A member record as any module shapes it: an internal `id` or a `userid` tells whether it is the viewer. */
export type MaskableMember = { id?: string; userid?: string } & { [K in HideableField]?: string | null };

/** Resolves a viewer's rules and hidden entries into what the SQL fragments need. */
export function resolveVisibility(corpId: string, viewerId: string, facts: ViewerFacts | null): ViewerVisibility {
  const exists = facts !== null && facts.status !== 5;
  const rules = exists ? facts.rules : [];
  const seenDepartments = new Set<number>();
  const seenTags = new Set<number>();
  let seesAll = rules.length === 0;
  for (const rule of rules) {
    if (rule.sees === 'all') seesAll = true;
    else if (rule.sees === 'own_departments') facts!.ownDepartments.forEach((id) => seenDepartments.add(id));
    else {
      rule.seenDepartments.forEach((id) => seenDepartments.add(id));
      rule.seenTags.forEach((id) => seenTags.add(id));
    }
  }
  // The root's subtree is the whole tree: skip expanding it.
  if (seenDepartments.has(ROOT_DEPARTMENT_ID)) seesAll = true;
  const hiddenFields = rules.length === 0 ? [] : hideableFields.filter((field) => rules.every((rule) => rule.hiddenFields.includes(field)));
  const resolved: ResolvedVisibility = {
    corpId,
    viewerId,
    exists,
    seesAll,
    seenDepartments: seesAll ? [] : [...seenDepartments],
    seenTags: seesAll ? [] : [...seenTags],
    blockedDepartments: exists ? facts.blockedDepartments : [],
    blockedMembers: exists ? facts.blockedMembers : [],
  };
  return {
    ...resolved,
    rules: rules.map((r) => ({ id: r.id, name: r.name })),
    hiddenFields,
    memberFilter: (alias = 'm', rows = 'many') => (rows === 'few' ? memberVisibleRowSql(resolved, alias) : memberVisibleSql(resolved, alias)),
    departmentFilter: (alias = 'd') => departmentVisibleSql(resolved, alias),
    mask: <T extends MaskableMember>(member: T): T => {
      const self = member.id !== undefined ? member.id === viewerId : facts !== null && member.userid?.toLowerCase() === facts.userid.toLowerCase();
      if (self || hiddenFields.length === 0) return member;
      const copy = { ...member };
      for (const field of hiddenFields) if (field in copy) (copy as Record<string, unknown>)[field] = '';
      return copy;
    },
  };
}

/** What a member (by internal id) may see of their corp's directory; one query. A member who left sees nobody. */
export async function viewerVisibility(db: Executor, corpId: string, viewerMemberId: string): Promise<ViewerVisibility> {
  return resolveVisibility(corpId, viewerMemberId, await viewerFacts(db, corpId, viewerMemberId));
}

/** A condition on `members as <alias>` that keeps only the members the viewer may see (left members never). */
export async function visibleMemberFilter(db: Executor, corpId: string, viewerMemberId: string, alias = 'm'): Promise<RawBuilder<SqlBool>> {
  return (await viewerVisibility(db, corpId, viewerMemberId)).memberFilter(alias);
}

/** A condition on `departments as <alias>` that keeps only the departments the viewer may see. */
export async function visibleDepartmentFilter(db: Executor, corpId: string, viewerMemberId: string, alias = 'd'): Promise<RawBuilder<SqlBool>> {
  return (await viewerVisibility(db, corpId, viewerMemberId)).departmentFilter(alias);
}

/** The fields hidden from the viewer on other members' records (never on their own). */
export async function hiddenFieldsFor(db: Executor, corpId: string, viewerMemberId: string): Promise<HideableField[]> {
  return (await viewerVisibility(db, corpId, viewerMemberId)).hiddenFields;
}

/** Whether the viewer may see one member (by internal id): for a member detail page. */
export async function isMemberVisible(db: Executor, corpId: string, viewerMemberId: string, memberId: string): Promise<boolean> {
  return memberPasses(db, memberId, (await viewerVisibility(db, corpId, viewerMemberId)).memberFilter('m', 'few'));
}
