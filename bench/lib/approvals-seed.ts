// The corp of bench/approvals.ts, made through the real services (corps.create, departments.create / update,
// members.create), so the built-in flows resolve their approvers exactly as in production:
//   root 1 → 4 事业部 (2..5) → 5 组 each (10..29, 20 teams). Each team has a leader (lead00..lead19, the approvers
//   the benchmark signs in), each 事业部 a leader (dlead0..dlead3, the 2nd level of long leave). 276 staff
//   (staff000..staff275) round-robin over the teams: 300 members, all active, plus the founder (super admin).
// Only the members who sign in get a password, and they share one argon2 hash (one hashPassword call): the
// benchmark measures approvals, not hashing.
import type { Kysely } from 'kysely';
import { creditCodeCheckChar, hashPassword, operatorContext, upsertPasswordHash, wholeCorp, type DB, type Services } from '@orgdesk/server';
import { Client } from './client';

/** 事业部 under the root. */
export const DIVISIONS = 4;
/** Teams under each 事业部. */
export const TEAMS_PER_DIVISION = 5;
/** Teams in all (20): each has a leader, the approvers. */
export const TEAMS = DIVISIONS * TEAMS_PER_DIVISION;
/** Staff members, the applicants. */
export const STAFF = 276;
/** Department id of 事业部 d (2..5). */
export const divisionId = (d: number) => 2 + d;
/** Department id of team t (10..29). */
export const teamId = (t: number) => 10 + t;
/** Userid of team t's leader. */
export const leaderUserid = (t: number) => `lead${String(t).padStart(2, '0')}`;
/** Userid of 事业部 d's leader. */
export const divisionLeaderUserid = (d: number) => `dlead${d}`;
/** Userid of staff member s. */
export const staffUserid = (s: number) => `staff${String(s).padStart(3, '0')}`;
/** The team of staff member s (round-robin). */
export const teamOfStaff = (s: number) => s % TEAMS;
/** Staff who sign in too, for the "mine" box (their own requests). */
export const SIGNED_IN_STAFF = 4;
const PASSWORD = 'Bench-Appr0vals-2026';

/** Who is who, by member id, as the history and the load need it. */
export interface ApprovalCorp {
  corpId: string;
  templates: Record<'expense' | 'leave' | 'general', { id: string; version: number; name: string; controls: unknown; settings: unknown }>;
  /** Staff member ids, index s. */
  staff: string[];
  /** Team leader member ids, index t. */
  leaders: string[];
  /** Division leader member ids, index d. */
  divisionLeaders: string[];
  /** Login (mobile) of every member by userid. */
  mobiles: Map<string, string>;
}

const mobileOf = (n: number) => `1380000${String(n).padStart(4, '0')}`;

/** Creates the corp, its tree and members with the services, one transaction, and the built-in templates. */
export async function seedApprovalCorp(db: Kysely<DB>, services: Services): Promise<ApprovalCorp> {
  const ctx = operatorContext('bench');
  const first17 = '91110108000000003';
  const mobiles = new Map<string, string>();
  const corp = await db.transaction().execute((trx) =>
    services.corps.create(trx, { name: '星河科技', creditCode: first17 + creditCodeCheckChar(first17), industry: 'it', size: '201-500', adminName: '系统管理员', adminMobile: '19912345678' }, ctx),
  );
  const corpId = corp.corpId;
  const scope = wholeCorp(corpId);
  await db.transaction().execute(async (trx) => {
    let n = 0;
    const add = async (userid: string, name: string, department: number) => {
      const mobile = mobileOf(n++);
      mobiles.set(userid, mobile);
      await services.members.create(trx, scope, { userid, name, mobile, departments: [{ id: department, order: 0, isLeader: false }] }, ctx, { activated: true });
    };
    for (let d = 0; d < DIVISIONS; d++) {
      await services.departments.create(trx, scope, { id: divisionId(d), parentId: 1, name: `事业部${d}` }, ctx);
      for (let k = 0; k < TEAMS_PER_DIVISION; k++) await services.departments.create(trx, scope, { id: teamId(d * TEAMS_PER_DIVISION + k), parentId: divisionId(d), name: `${d}组${k}` }, ctx);
    }
    for (let d = 0; d < DIVISIONS; d++) await add(divisionLeaderUserid(d), `总监${d}`, divisionId(d));
    for (let t = 0; t < TEAMS; t++) await add(leaderUserid(t), `组长${t}`, teamId(t));
    for (let s = 0; s < STAFF; s++) await add(staffUserid(s), `员工${s}`, teamId(teamOfStaff(s)));
    for (let d = 0; d < DIVISIONS; d++) await services.departments.update(trx, scope, divisionId(d), { leaders: [divisionLeaderUserid(d)] }, ctx);
    for (let t = 0; t < TEAMS; t++) await services.departments.update(trx, scope, teamId(t), { leaders: [leaderUserid(t)] }, ctx);
  });
  await services.approvalTemplates.ensureBuiltins(db, corpId);
  const templateRows = await db.selectFrom('approval_templates').select(['id', 'kind', 'version', 'name', 'controls', 'settings']).where('corp_id', '=', corpId).execute();
  const template = (kind: string) => {
    const row = templateRows.find((r) => r.kind === kind);
    if (!row) throw new Error(`no built-in ${kind} template`);
    return { id: row.id, version: row.version, name: row.name, controls: row.controls, settings: row.settings };
  };
  const ids = new Map((await db.selectFrom('members').select(['id', 'userid']).where('corp_id', '=', corpId).execute()).map((m) => [m.userid, m.id]));
  const idOf = (userid: string) => ids.get(userid) ?? raise(`no member ${userid}`);
  return {
    corpId,
    templates: { expense: template('expense'), leave: template('leave'), general: template('general') },
    staff: Array.from({ length: STAFF }, (_, s) => idOf(staffUserid(s))),
    leaders: Array.from({ length: TEAMS }, (_, t) => idOf(leaderUserid(t))),
    divisionLeaders: Array.from({ length: DIVISIONS }, (_, d) => idOf(divisionLeaderUserid(d))),
    mobiles,
  };
}

function raise(message: string): never {
  throw new Error(message);
}

/** Gives these members one shared password hash (as harness.ts addActiveMember does, status already 1). */
export async function givePasswords(db: Kysely<DB>, corp: ApprovalCorp, userids: string[], now: Date): Promise<void> {
  const hash = await hashPassword(PASSWORD);
  const rows = await db.selectFrom('members').select(['id', 'userid']).where('corp_id', '=', corp.corpId).where('userid', 'in', userids).execute();
  if (rows.length !== userids.length) throw new Error(`givePasswords: found ${rows.length} of ${userids.length} members`);
  await db.transaction().execute(async (trx) => {
    for (const row of rows) await upsertPasswordHash(trx, row.id, corp.corpId, hash, now);
  });
}

/** Signs a member in over HTTP (POST /auth/sign-in with mobile and password; members need no second factor). */
export async function signInMember(url: string, corp: ApprovalCorp, userid: string): Promise<Client> {
  const client = new Client(url);
  const answer = await client.request('POST', '/api/v1/auth/sign-in', { login: corp.mobiles.get(userid), password: PASSWORD });
  if (answer.status !== 200 || answer.body.next !== 'done') throw new Error(`sign-in of ${userid}: ${answer.status} ${JSON.stringify(answer.body)}`);
  const me = await client.me();
  if (me.stage !== 'full') throw new Error(`sign-in of ${userid}: stage ${String(me.stage)}`);
  return client;
}
