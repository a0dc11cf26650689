// The corp of bench/wecom.ts: 302 departments and 20,000 members (plus the founder), written directly with
// multi-row INSERTs in one transaction, then ANALYZE.
//   root 1 → 10 事业部 (2..11) → 29 部门 each (100..389, 290 leaves), and 万人部 (900) under the root.
//   Members 0..9,999 sit only in 万人部 (the message/send target: exactly 10,000, all active); members
//   10,000..19,999 round-robin over the 290 leaves (34–35 each). Every member is active (status 1).
import { sql, type Insertable, type Kysely } from 'kysely';
import type { DB } from '@orgdesk/server';
import { memberSearchText, nameSortKey } from '../../packages/server/src/modules/directory';
import { member as memberFields } from './import-data';

export const ROOT_ID = 1;
export const DIVISIONS = 10;
export const LEAVES_PER_DIVISION = 29;
export const LEAVES = DIVISIONS * LEAVES_PER_DIVISION; // 290
export const divisionId = (d: number) => 2 + d; // 2..11
export const leafId = (l: number) => 100 + l; // 100..389
/** The department message/send goes to: exactly BROADCAST_MEMBERS active members, no sub-departments. */
export const BROADCAST_ID = 900;
export const BROADCAST_MEMBERS = 10_000;
export const SPREAD_MEMBERS = 10_000;
export const MEMBERS = BROADCAST_MEMBERS + SPREAD_MEMBERS;
/** The whole tree: root + divisions + leaves + 万人部. */
export const DEPARTMENTS = 1 + DIVISIONS + LEAVES + 1; // 302
const BATCH = 1_000;

/** Userid of member i (the import benchmark's generator: xh000001, xh000002, …). */
export const useridOf = (i: number) => memberFields(i, LEAVES).userid;

/** Seeds the corp made by services.corps.create (root department 1 and the founder already there). */
export async function seedWecomCorp(db: Kysely<DB>, corpId: string, now: Date): Promise<void> {
  const departments: { corp_id: string; id: number; parent_id: number; name: string; sort_order: number }[] = [];
  for (let d = 0; d < DIVISIONS; d++) departments.push({ corp_id: corpId, id: divisionId(d), parent_id: ROOT_ID, name: `事业部${d}`, sort_order: DIVISIONS - d });
  departments.push({ corp_id: corpId, id: BROADCAST_ID, parent_id: ROOT_ID, name: '万人部', sort_order: 0 });
  for (let l = 0; l < LEAVES; l++) {
    const d = Math.floor(l / LEAVES_PER_DIVISION);
    departments.push({ corp_id: corpId, id: leafId(l), parent_id: divisionId(d), name: `部门${d}-${l % LEAVES_PER_DIVISION}`, sort_order: LEAVES_PER_DIVISION - (l % LEAVES_PER_DIVISION) });
  }
  const rows: Insertable<DB['members']>[] = [];
  for (let i = 0; i < MEMBERS; i++) {
    const f = memberFields(i, LEAVES);
    rows.push({
      corp_id: corpId,
      userid: f.userid,
      name: f.name,
      mobile: f.mobile,
      email: f.email,
      position: f.position,
      gender: f.gender === '男' ? '1' : '2',
      main_department: i < BROADCAST_MEMBERS ? BROADCAST_ID : leafId((i - BROADCAST_MEMBERS) % LEAVES),
      status: 1,
      search_text: memberSearchText({ name: f.name, userid: f.userid, mobile: f.mobile, email: f.email }),
      name_sort: nameSortKey(f.name),
      activated_at: now,
    });
  }
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < departments.length; i += BATCH) await trx.insertInto('departments').values(departments.slice(i, i + BATCH)).execute();
    for (let i = 0; i < rows.length; i += BATCH) {
      const inserted = await trx.insertInto('members').values(rows.slice(i, i + BATCH)).returning(['id', 'main_department']).execute();
      await trx
        .insertInto('member_departments')
        .values(inserted.map((m) => ({ corp_id: corpId, member_id: m.id, department_id: m.main_department, sort_order: 0, is_leader: false })))
        .execute();
    }
  });
  await sql`analyze`.execute(db);
}
