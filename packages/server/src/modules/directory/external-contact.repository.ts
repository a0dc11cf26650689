import { sql } from 'kysely';
import type { Executor } from '../../db';

export async function findExternalContactPermission(db: Executor, corpId: string, options: { lock?: boolean } = {}) {
  let query = db.selectFrom('external_contact_permissions').selectAll().where('corp_id', '=', corpId);
  if (options.lock) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function saveExternalContactPermission(db: Executor, corpId: string, fields: { mode: 'everyone' | 'listed'; departments: number[]; tags: number[]; member_ids: string[] }, at: Date): Promise<void> {
  await db
    .insertInto('external_contact_permissions')
    .values({ corp_id: corpId, ...fields, updated_at: at })
    .onConflict((oc) => oc.column('corp_id').doUpdateSet({ ...fields, updated_at: at }))
    .execute();
}

/**
 * Whether a member may add external contacts, in one query: no setting or `everyone` lets every member in
 * service; `listed` lets the listed members, members of the listed departments (with subtrees) and of the tags.
 */
export async function mayAddExternalContacts(db: Executor, corpId: string, memberId: string): Promise<boolean> {
  const result = await sql<{ allowed: boolean }>`
    with recursive
    up(id, parent_id) as (
      select d.id, d.parent_id from departments d
       where d.corp_id = ${corpId} and d.id in (select md.department_id from member_departments md where md.corp_id = ${corpId} and md.member_id = ${memberId})
      union
      select d.id, d.parent_id from departments d join up u on d.id = u.parent_id where d.corp_id = ${corpId}
    )
    select (m.status not in (2, 5) and (
             p.corp_id is null or p.mode = 'everyone'
             or m.id = any(p.member_ids)
             or p.departments && array(select id from up)
             or p.tags && array(select tm.tag_id from tag_members tm where tm.corp_id = ${corpId} and tm.member_id = m.id
                                union
                                select td.tag_id from tag_departments td where td.corp_id = ${corpId} and td.department_id in (select id from up)))) as "allowed"
      from members m left join external_contact_permissions p on p.corp_id = m.corp_id
     where m.corp_id = ${corpId} and m.id = ${memberId}`.execute(db);
  return result.rows[0]?.allowed ?? false;
}
