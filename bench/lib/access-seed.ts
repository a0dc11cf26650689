// The corp of bench/access.ts: 10,111 departments in four levels, 100,000 members, 20 tags, 200 admin assignments,
// written with multi-row INSERTs in one transaction. It also keeps its own model of that corp in memory (who sits
// where, which tags, which assignments), so the benchmark can work out every expected answer without the server's
// code: the permission rules below are written out from the documented semantics, not imported.
import { sql, type Insertable, type Kysely } from 'kysely';
import type { DB } from '@orgdesk/server';
import { memberSearchText, nameSortKey } from '../../packages/server/src/modules/directory';
import { member as memberFields } from './import-data';

// --- the tree: root 1 → 10 divisions → 10 regions each → 10 groups each → 9 teams each ---
export const DIVISIONS = 10;
export const REGIONS = DIVISIONS * 10; // 100
export const GROUPS = REGIONS * 10; // 1,000
export const TEAMS = GROUPS * 9; // 9,000
export const ROOT_ID = 1;
export const divisionId = (d: number) => 2 + d; // 2..11
export const regionId = (r: number) => 100 + r; // 100..199
export const groupId = (g: number) => 1_000 + g; // 1000..1999
export const teamId = (t: number) => 10_000 + t; // 10000..18999
export const DEPARTMENTS = 1 + DIVISIONS + REGIONS + GROUPS + TEAMS; // 10,111
export const MEMBERS = 100_000;
export const TAGS = 20;
const BATCH = 1_000;

/** Member i's status: mostly active, some disabled (2), not yet activated (4) or left (5). */
export function statusOf(i: number): number {
  if (i % 100 === 7) return 2;
  if (i % 50 === 23) return 4;
  if (i % 200 === 111) return 5;
  return 1;
}

/** The i-th admin member (index into the members): every 500th, all active (i % 100 === 1). */
export const adminIndex = (j: number) => j * 500 + 1;

export type RoleKey = 'super_admin' | 'directory_admin' | 'app_admin' | 'approval_admin' | 'security_admin' | 'auditor' | 'custom';
export interface PlannedAssignment {
  member: number;
  role: RoleKey;
  departments: number[];
  tags: number[];
  own: boolean;
  status: 'active' | 'pending';
}

/** The one custom role of the corp: an HR clerk with directory view and edit. */
export const CUSTOM_ROLE = { name: '人事专员', permissions: ['directory.view', 'directory.edit'] };

/**
 * The 199 assignments besides the founder's super admin (which services.corps.create made): mixed built-in roles
 * scoped to divisions, regions, groups, teams, tags and own departments, a custom role, some pending, and several
 * admins holding two assignments (so their reaches add up). The admin of division 0 holds only that one assignment:
 * it is the admin whose member page is measured.
 */
export function plannedAssignments(): PlannedAssignment[] {
  const out: PlannedAssignment[] = [];
  const add = (member: number, role: RoleKey, scope: { departments?: number[]; tags?: number[]; own?: boolean } = {}, status: 'active' | 'pending' = 'active') =>
    out.push({ member: adminIndex(member), role, departments: scope.departments ?? [], tags: scope.tags ?? [], own: scope.own ?? false, status });
  add(0, 'super_admin');
  add(1, 'super_admin');
  for (let d = 0; d < DIVISIONS; d++) add(2 + d, 'directory_admin', { departments: [divisionId(d)] });
  for (let k = 0; k < 30; k++) add(12 + k, 'directory_admin', { departments: [regionId(k * 3 + 1)] });
  for (let k = 0; k < 30; k++) add(42 + k, 'directory_admin', { departments: [groupId(k * 33 + 5)] });
  for (let k = 0; k < 10; k++) add(72 + k, 'directory_admin', { departments: [teamId(k * 877), teamId(k * 877 + 1), teamId((k * 877 + 500) % TEAMS)] });
  for (let k = 0; k < 5; k++) add(82 + k, 'directory_admin', { tags: k < 3 ? [k + 1] : [k + 6, k + 7] });
  for (let k = 0; k < 5; k++) add(87 + k, 'directory_admin', { own: true, departments: k === 0 ? [teamId(4321)] : [] });
  for (let k = 0; k < 15; k++) add(k < 10 ? 42 + k : 92 + k - 10, 'custom', { departments: [regionId(k * 6 + 2)], tags: k % 3 === 0 ? [10 + (k % 5)] : [] });
  for (let k = 0; k < 25; k++) add(k < 15 ? 12 + k : 97 + k - 15, 'app_admin', { departments: k % 2 === 0 ? [divisionId(k % DIVISIONS)] : [regionId(k * 4)] });
  for (let k = 0; k < 35; k++) add(107 + k, 'approval_admin', { departments: k % 2 === 0 ? [regionId(k * 2)] : [groupId(k * 29)] });
  for (let k = 0; k < 12; k++) add(142 + k, 'security_admin');
  for (let k = 0; k < 10; k++) add(154 + k, 'auditor', { departments: [divisionId(k)] });
  for (let k = 0; k < 10; k++) add(k < 5 ? 72 + k : 164 + k - 5, 'directory_admin', { departments: [divisionId(k)] }, 'pending');
  return out;
}
/** The member whose scoped member page is measured: the directory admin of division 0 (≈ 10,000 members). */
export const PAGE_ADMIN = adminIndex(2);

/** One member of the model (index = position in `members`; the founder is last). */
export interface ModelMember {
  id: string;
  userid: string;
  mobile: string;
  status: number;
  departments: number[];
  tags: number[];
  searchText: string;
}

/**
 * The corp as the benchmark knows it, independent of the server's code: the tree, the members, the tags and the
 * assignments, and the permission rules spelled out here (which roles carry which permission, a scope's reach).
 */
export class CorpModel {
  readonly children = new Map<number, number[]>();
  readonly members: ModelMember[] = [];
  readonly byId = new Map<string, ModelMember>();
  readonly tagDepartments = new Map<number, number[]>();
  readonly assignments: PlannedAssignment[] = [];
  /** The founder (member index MEMBERS): a super admin in the root department. */
  founder = MEMBERS;

  /** Roles that carry a permission: written out here (see @orgdesk/contracts builtinRoles; the custom role is CUSTOM_ROLE). */
  static readonly ROLES_WITH: Record<'directory.edit' | 'directory.view', ReadonlySet<RoleKey>> = {
    'directory.edit': new Set(['super_admin', 'directory_admin', 'custom']),
    'directory.view': new Set(['super_admin', 'directory_admin', 'app_admin', 'approval_admin', 'auditor', 'custom']),
  };

  /** The departments of a subtree (the root included). */
  subtree(roots: Iterable<number>): Set<number> {
    const seen = new Set<number>();
    const stack = [...roots];
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      for (const c of this.children.get(id) ?? []) stack.push(c);
    }
    return seen;
  }

  /** What a member's active assignments reach for a permission: 'all', or the departments (expanded) and tags. */
  reach(memberIndex: number, permission: 'directory.edit' | 'directory.view'): 'all' | { departments: Set<number>; tags: Set<number> } {
    const roots = new Set<number>();
    const tags = new Set<number>();
    for (const a of this.assignments) {
      if (a.member !== memberIndex || a.status !== 'active' || !CorpModel.ROLES_WITH[permission].has(a.role)) continue;
      if (a.role === 'super_admin') return 'all';
      for (const d of a.departments) roots.add(d);
      if (a.own) for (const d of this.members[memberIndex]!.departments) roots.add(d);
      for (const t of a.tags) {
        tags.add(t);
        for (const d of this.tagDepartments.get(t) ?? []) roots.add(d);
      }
    }
    return { departments: this.subtree(roots), tags };
  }

  /** Whether a member lies inside a reach. */
  static within(reach: ReturnType<CorpModel['reach']>, m: ModelMember): boolean {
    return reach === 'all' || m.departments.some((d) => reach.departments.has(d)) || m.tags.some((t) => reach.tags.has(t));
  }

  /** The distinct members holding any assignment. */
  adminMembers(): number[] {
    return [...new Set(this.assignments.map((a) => a.member))].sort((a, b) => a - b);
  }
}

/** Inserts rows `BATCH` per statement. */
async function insertBatched<T extends keyof DB & string>(trx: Kysely<DB>, table: T, rows: readonly Insertable<DB[T]>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await trx.insertInto(table).values(rows.slice(i, i + BATCH) as never).execute();
}

/**
 * Seeds the corp (created beforehand by services.corps.create: root department 1, founder `admin` in it, holding
 * super_admin) in one transaction, runs ANALYZE, and returns the model. `founderId` is the founder's member id.
 */
export async function seedCorp(db: Kysely<DB>, corpId: string, founderId: string, now: Date): Promise<CorpModel> {
  const model = new CorpModel();
  const departments: { corp_id: string; id: number; parent_id: number; name: string; sort_order: number }[] = [];
  const addDepartment = (id: number, parent: number, name: string, order: number) => {
    departments.push({ corp_id: corpId, id, parent_id: parent, name, sort_order: order });
    const siblings = model.children.get(parent) ?? [];
    siblings.push(id);
    model.children.set(parent, siblings);
  };
  // Level by level, so every parent exists before its children (the parent foreign key).
  for (let d = 0; d < DIVISIONS; d++) addDepartment(divisionId(d), ROOT_ID, `事业部${d}`, DIVISIONS - d);
  for (let r = 0; r < REGIONS; r++) addDepartment(regionId(r), divisionId(Math.floor(r / 10)), `大区${Math.floor(r / 10)}-${r % 10}`, 10 - (r % 10));
  for (let g = 0; g < GROUPS; g++) addDepartment(groupId(g), regionId(Math.floor(g / 10)), `部门${Math.floor(g / 100)}-${Math.floor(g / 10) % 10}-${g % 10}`, 10 - (g % 10));
  for (let t = 0; t < TEAMS; t++) addDepartment(teamId(t), groupId(Math.floor(t / 9)), `小组${Math.floor(t / 900)}-${Math.floor(t / 90) % 10}-${Math.floor(t / 9) % 10}-${t % 9}`, 9 - (t % 9));

  // Members round-robin over the teams; every 10th also in a team of another division; the first member of each
  // group's first team leads the group, and the first of each region's first team (second round) leads the region.
  const memberRows: Insertable<DB['members']>[] = [];
  const links: { member: number; department: number; order: number; leader: boolean }[] = [];
  for (let i = 0; i < MEMBERS; i++) {
    const f = memberFields(i, TEAMS);
    const team = i % TEAMS;
    const status = statusOf(i);
    const searchText = memberSearchText({ name: f.name, userid: f.userid, mobile: f.mobile, email: f.email });
    memberRows.push({
      corp_id: corpId,
      userid: f.userid,
      name: f.name,
      mobile: f.mobile,
      email: f.email,
      position: f.position,
      gender: f.gender === '男' ? '1' : '2',
      main_department: teamId(team),
      status,
      search_text: searchText,
      name_sort: nameSortKey(f.name),
      activated_at: status === 1 || status === 2 ? now : null,
    });
    const m: ModelMember = { id: '', userid: f.userid, mobile: f.mobile, status, departments: [teamId(team)], tags: [], searchText };
    links.push({ member: i, department: teamId(team), order: 0, leader: false });
    if (i % 10 === 3) {
      const second = teamId((team + 4_537) % TEAMS);
      m.departments.push(second);
      links.push({ member: i, department: second, order: 1, leader: false });
    }
    if (i < TEAMS && team % 9 === 0) {
      m.departments.push(groupId(team / 9));
      links.push({ member: i, department: groupId(team / 9), order: 2, leader: true });
    }
    if (i >= TEAMS && i < 2 * TEAMS && team % 90 === 0) {
      m.departments.push(regionId(team / 90));
      links.push({ member: i, department: regionId(team / 90), order: 2, leader: true });
    }
    if (i % 7 === 0) m.tags.push(1 + (Math.floor(i / 7) % TAGS));
    model.members.push(m);
  }
  model.members.push({ id: founderId, userid: 'admin', mobile: '', status: 1, departments: [ROOT_ID], tags: [], searchText: '' });
  for (let k = 1; k <= 5; k++) model.tagDepartments.set(k, [groupId(k * 37), teamId(k * 101)]);
  model.assignments.push({ member: model.founder, role: 'super_admin', departments: [], tags: [], own: false, status: 'active' });
  const planned = plannedAssignments();
  model.assignments.push(...planned);

  await db.transaction().execute(async (trx) => {
    await insertBatched(trx, 'departments', departments);
    // Ids matched back by userid (not by the order RETURNING happens to keep).
    const byUserid = new Map<string, string>();
    for (let i = 0; i < memberRows.length; i += BATCH) {
      for (const r of await trx.insertInto('members').values(memberRows.slice(i, i + BATCH)).returning(['id', 'userid']).execute()) byUserid.set(r.userid, r.id);
    }
    const ids = model.members.map((m) => (m.id = m.id || byUserid.get(m.userid)!));
    await insertBatched(
      trx,
      'member_departments',
      links.map((l) => ({ corp_id: corpId, member_id: ids[l.member]!, department_id: l.department, sort_order: l.order, is_leader: l.leader })),
    );
    await insertBatched(trx, 'tags', Array.from({ length: TAGS }, (_, k) => ({ corp_id: corpId, id: k + 1, name: `标签${k + 1}` })));
    await insertBatched(trx, 'tag_members', model.members.flatMap((m) => m.tags.map((t) => ({ corp_id: corpId, tag_id: t, member_id: m.id }))));
    await insertBatched(trx, 'tag_departments', [...model.tagDepartments].flatMap(([t, ds]) => ds.map((d) => ({ corp_id: corpId, tag_id: t, department_id: d }))));
    const customRole = (await trx.insertInto('admin_roles').values({ corp_id: corpId, name: CUSTOM_ROLE.name, permissions: CUSTOM_ROLE.permissions }).returning('id').executeTakeFirstOrThrow()).id;
    await insertBatched(
      trx,
      'admin_assignments',
      planned.map((a) => ({
        corp_id: corpId,
        member_id: model.members[a.member]!.id,
        role_id: a.role === 'custom' ? customRole : a.role,
        scope_departments: a.departments,
        scope_tags: a.tags,
        scope_own_departments: a.own,
        status: a.status,
        activated_at: a.status === 'active' ? now : null,
      })),
    );
  });
  await sql`analyze`.execute(db);
  for (const m of model.members) model.byId.set(m.id, m);
  return model;
}
