// The baseline of bench/import.ts: a raw multi-row INSERT of the same rows for a second corp, one transaction.
import type { Kysely } from 'kysely';
import type { DB } from '@orgdesk/server';
import { divisionName, LEAVES_PER_DIVISION, leafName, member, type Layout } from './import-data';

export const RAW_BATCH = 1_000;

/** The departments and members of the file as table rows for the corp (departments numbered from 2, under the root). */
export function rawBaselineRows(corpId: string, l: Layout, members: number, departments: number) {
  const departmentRows = [
    ...Array.from({ length: l.divisions }, (_, d) => ({ corp_id: corpId, id: 2 + d, parent_id: 1, name: divisionName(l, d) })),
    ...Array.from({ length: departments }, (_, j) => ({ corp_id: corpId, id: 2 + l.divisions + j, parent_id: 2 + Math.floor(j / LEAVES_PER_DIVISION), name: leafName(l, j) })),
  ];
  const memberRows = Array.from({ length: members }, (_, i) => {
    const m = member(i, departments);
    return { corp_id: corpId, userid: m.userid, name: m.name, mobile: m.mobile, email: m.email, position: m.position, gender: m.gender === '男' ? '1' : '2', main_department: 2 + l.divisions + m.leaf };
  });
  return { departmentRows, memberRows };
}

/** Inserts the rows, RAW_BATCH per statement, in one transaction: departments, then members and their links. */
export function insertRawBaseline(db: Kysely<DB>, corpId: string, { departmentRows, memberRows }: ReturnType<typeof rawBaselineRows>) {
  return db.transaction().execute(async (trx) => {
    for (let i = 0; i < departmentRows.length; i += RAW_BATCH) await trx.insertInto('departments').values(departmentRows.slice(i, i + RAW_BATCH)).execute();
    for (let i = 0; i < memberRows.length; i += RAW_BATCH) {
      const batch = memberRows.slice(i, i + RAW_BATCH);
      const ids = await trx.insertInto('members').values(batch).returning('id').execute();
      await trx
        .insertInto('member_departments')
        .values(ids.map((r, k) => ({ corp_id: corpId, member_id: r.id, department_id: batch[k]!.main_department })))
        .execute();
    }
  });
}
