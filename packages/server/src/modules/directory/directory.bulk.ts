import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { sql } from 'kysely';
import type { Executor, Trx } from '../../db';
import type { NewMember } from './directory.table';

/** The member fields bulk work compares and writes. */
export interface MemberFields {
  userid: string;
  name: string;
  alias: string;
  mobile: string | null;
  email: string | null;
  position: string;
  gender: string;
  telephone: string;
  address: string;
  status: number;
  mainDepartment: number;
}

/** A member's departments, each with its order and leader flag. */
export type DepartmentLinks = { id: number; order: number; isLeader: boolean }[];

/** A member as bulk work sees them: every field an import can compare or change. */
export interface MemberSnapshot extends MemberFields {
  id: string;
  activatedAt: Date | null;
  departments: DepartmentLinks;
}

/** Every member of a corp (those who left included: a userid of theirs is a rehire), with their departments. */
export async function snapshotMembers(db: Executor, corpId: string): Promise<MemberSnapshot[]> {
  const [rows, links] = await Promise.all([
    db
      .selectFrom('members')
      .select(['id', 'userid', 'name', 'alias', 'mobile', 'email', 'position', 'gender', 'telephone', 'address', 'status', 'activated_at', 'main_department'])
      .where('corp_id', '=', corpId)
      .execute(),
    db.selectFrom('member_departments').select(['member_id', 'department_id', 'sort_order', 'is_leader']).where('corp_id', '=', corpId).orderBy('member_id').orderBy('department_id').execute(),
  ]);
  const byMember = new Map<string, MemberSnapshot['departments']>();
  for (const l of links) {
    const list = byMember.get(l.member_id) ?? [];
    list.push({ id: l.department_id, order: l.sort_order, isLeader: l.is_leader });
    byMember.set(l.member_id, list);
  }
  return rows.map((r) => ({
    id: r.id,
    userid: r.userid,
    name: r.name,
    alias: r.alias,
    mobile: r.mobile,
    email: r.email,
    position: r.position,
    gender: r.gender,
    telephone: r.telephone,
    address: r.address,
    status: r.status,
    activatedAt: r.activated_at,
    mainDepartment: r.main_department,
    departments: byMember.get(r.id) ?? [],
  }));
}

/** Every department of a corp. */
export async function snapshotDepartments(db: Executor, corpId: string) {
  return db.selectFrom('departments').select(['id', 'parent_id as parentId', 'name', 'sort_order as order']).where('corp_id', '=', corpId).execute();
}

// Rows per statement: enough that round trips stop mattering, few enough that one statement holds PGlite (and so
// the event loop, on the same thread) for about 50 ms at most.
const BATCH = 500;

function* batches<T>(items: T[], size = BATCH): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

/** Inserts departments (parents before children), in batches. */
export async function insertDepartments(trx: Trx, corpId: string, departments: { id: number; parentId: number; name: string; order: number }[]): Promise<void> {
  for (const batch of batches(departments)) {
    await trx.insertInto('departments').values(batch.map((d) => ({ corp_id: corpId, id: d.id, parent_id: d.parentId, name: d.name, sort_order: d.order }))).execute();
  }
}

/**
 * Inserts members in batches and returns their ids by lowercased userid. `toRow` builds each batch's rows
 * (search text, pinyin) while the database is still writing the batch before it.
 */
export async function insertMembers<T>(trx: Trx, items: T[], toRow: (item: T) => NewMember, onBatch?: (done: number) => Promise<void>): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  let writing: Promise<void> = Promise.resolve();
  for (const batch of batches(items)) {
    const rows = batch.map(toRow);
    await writing;
    writing = trx
      .insertInto('members')
      .values(rows)
      .returning(['id', 'userid'])
      .execute()
      .then(async (inserted) => {
        for (const r of inserted) ids.set(r.userid.toLowerCase(), r.id);
        await onBatch?.(rows.length);
      });
    writing.catch(() => {}); // awaited before the next batch; meanwhile not an unhandled rejection
  }
  await writing;
  return ids;
}

/** The fields a bulk update sets on an existing member. */
export interface MemberBulkUpdate extends MemberFields {
  id: string;
  searchText: string;
  nameSort: string;
  activatedAt: Date | null;
}

/** Updates members in batches with one statement per batch (UPDATE … FROM VALUES). */
export async function updateMembers(trx: Trx, rows: MemberBulkUpdate[], at: Date, onBatch?: (done: number) => Promise<void>): Promise<void> {
  for (const batch of batches(rows)) {
    const values = sql.join(
      batch.map(
        (r) =>
          sql`(${r.id}::uuid, ${r.userid}, ${r.name}, ${r.alias}, ${r.mobile}::text, ${r.email}::text, ${r.position}, ${r.gender}, ${r.telephone}, ${r.address}, ${r.status}::smallint, ${r.mainDepartment}::int, ${r.searchText}, ${r.nameSort}, ${r.activatedAt}::timestamptz)`,
      ),
    );
    await sql`
      update members as m set
        userid = v.userid, name = v.name, alias = v.alias, mobile = v.mobile, email = v.email, position = v.position,
        gender = v.gender, telephone = v.telephone, address = v.address, status = v.status, main_department = v.main_department,
        search_text = v.search_text, name_sort = v.name_sort, activated_at = v.activated_at, updated_at = ${at}
      from (values ${values}) as v(id, userid, name, alias, mobile, email, position, gender, telephone, address, status, main_department, search_text, name_sort, activated_at)
      where m.id = v.id`.execute(trx);
    await onBatch?.(batch.length);
  }
}

/** Replaces the department links of the given members; `fresh` members have none yet, so nothing is deleted first. */
export async function replaceDepartmentLinks(trx: Trx, corpId: string, links: { memberId: string; departments: DepartmentLinks }[], options: { fresh?: boolean } = {}): Promise<void> {
  for (const batch of batches(links)) {
    if (!options.fresh) await trx.deleteFrom('member_departments').where('member_id', 'in', batch.map((l) => l.memberId)).execute();
    const rows = batch.flatMap((l) => l.departments.map((d) => ({ corp_id: corpId, member_id: l.memberId, department_id: d.id, sort_order: d.order, is_leader: d.isLeader })));
    for (const chunk of batches(rows, 5000)) await trx.insertInto('member_departments').values(chunk).execute();
    // PGlite answers on this thread without a turn of the event loop in between: yield, or the server stalls.
    await yieldToEventLoop();
  }
}

/** Refreshes the planner's statistics after bulk work (PGlite has no autovacuum to do it). */
export async function analyzeDirectory(db: Executor): Promise<void> {
  await sql`analyze members, member_departments, departments`.execute(db);
}

/** Sets one status on many members. */
export async function setStatuses(trx: Trx, memberIds: string[], status: number, at: Date): Promise<void> {
  for (const batch of batches(memberIds)) {
    await trx.updateTable('members').set({ status, updated_at: at }).where('id', 'in', batch).execute();
    await yieldToEventLoop();
  }
}
