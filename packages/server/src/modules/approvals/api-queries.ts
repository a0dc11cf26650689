import type { WorkCalendar } from '@orgdesk/contracts';
import type { Executor } from '../../db';
import type { Reach } from '../../platform/http/access';
import { memberWithin } from '../directory';

/** Where a page of the approval API's list starts: after a (created_at, id) pair, or (the legacy int cursor) an offset. */
export type ApiPageStart = { after: { createdAt: Date; id: string } } | { offset: number } | null;

/** The approval API's list filters: different keys AND, the values of one key OR; empty lists filter nothing. */
export interface ApiListFilters {
  templateIds: string[];
  creators: string[];
  departments: number[];
  statuses: number[];
  /** Request kinds a record_type stands for; null: no record_type filter. */
  kinds: string[] | null;
}

/**
 * sp_no of the requests made in [from, to] by applicants within a reach (an app's visible range), oldest first, a
 * page at a time. Oldest first keeps both cursors stable: a request made later lands after every page read so far.
 */
export async function apiRequestPage(db: Executor, corpId: string, reach: Reach, window: { from: Date; to: Date }, filters: ApiListFilters, start: ApiPageStart, size: number) {
  let query = db
    .selectFrom('approval_requests as r')
    .innerJoin('members as m', 'm.id', 'r.applicant_id')
    .select(['r.id', 'r.sp_no', 'r.created_at'])
    .where('r.corp_id', '=', corpId)
    .where('r.created_at', '>=', window.from)
    .where('r.created_at', '<=', window.to)
    .where(memberWithin(corpId, reach, 'r.applicant_id'));
  if (filters.templateIds.length) query = query.where('r.template_id', 'in', filters.templateIds);
  if (filters.creators.length) query = query.where((eb) => eb(eb.fn('lower', ['m.userid']), 'in', filters.creators.map((c) => c.toLowerCase())));
  if (filters.departments.length) query = query.where('r.department_id', 'in', filters.departments);
  if (filters.statuses.length) query = query.where('r.status', 'in', filters.statuses);
  if (filters.kinds) query = filters.kinds.length ? query.where('r.kind', 'in', filters.kinds) : query.where((eb) => eb.val(false));
  if (start && 'after' in start) {
    const { createdAt, id } = start.after;
    query = query.where((eb) => eb.or([eb('r.created_at', '>', createdAt), eb.and([eb('r.created_at', '=', createdAt), eb('r.id', '>', id)])]));
  }
  // One row more than the page tells whether there is a next page.
  const rows = await query
    .orderBy('r.created_at')
    .orderBy('r.id')
    .offset(start && 'offset' in start ? start.offset : 0)
    .limit(size + 1)
    .execute();
  const page = rows.slice(0, size);
  const last = page.at(-1);
  return { spNos: page.map((r) => r.sp_no), more: rows.length > size, last: last ? { createdAt: last.created_at, id: last.id } : null };
}

/** The request with an sp_no, and whether its applicant lies within the reach; null when the corp has none. */
export async function apiRequestBySpNo(db: Executor, corpId: string, reach: Reach, spNo: string): Promise<{ id: string; inReach: boolean } | null> {
  const row = await db
    .selectFrom('approval_requests as r')
    .select(['r.id', memberWithin(corpId, reach, 'r.applicant_id').as('in_reach')])
    .where('r.corp_id', '=', corpId)
    .where('r.sp_no', '=', spNo)
    .executeTakeFirst();
  return row ? { id: row.id, inReach: row.in_reach } : null;
}

/** The corp's time zone: WeCom's timestamps become the local dates and times forms hold. */
export async function corpTimezone(db: Executor, corpId: string): Promise<string> {
  const row = await db.selectFrom('corps').select('calendar').where('id', '=', corpId).executeTakeFirstOrThrow();
  return (row.calendar as WorkCalendar).timezone;
}

/** Names of members (by lower-cased userid) and departments, for the values WeCom answers with names. */
export async function directoryNames(db: Executor, corpId: string, userids: readonly string[], departmentIds: readonly number[]): Promise<{ members: Map<string, string>; departments: Map<number, string> }> {
  const [members, departments] = await Promise.all([
    userids.length ? db.selectFrom('members').select(['userid', 'name']).where('corp_id', '=', corpId).where((eb) => eb(eb.fn('lower', ['userid']), 'in', userids.map((u) => u.toLowerCase()))).execute() : [],
    departmentIds.length ? db.selectFrom('departments').select(['id', 'name']).where('corp_id', '=', corpId).where('id', 'in', [...departmentIds]).execute() : [],
  ]);
  return { members: new Map(members.map((m) => [m.userid.toLowerCase(), m.name])), departments: new Map(departments.map((d) => [d.id, d.name])) };
}

/** The member id of a userid (any status: submitting decides what an inactive applicant gets); null when unknown. */
export async function memberIdOf(db: Executor, corpId: string, userid: string): Promise<string | null> {
  const row = await db.selectFrom('members').select('id').where('corp_id', '=', corpId).where((eb) => eb(eb.fn('lower', ['userid']), '=', userid.toLowerCase())).executeTakeFirst();
  return row?.id ?? null;
}
