// The permission checks of bench/access.ts: the pairs asked, the code paths timed, and the independent answers
// (the corp's model and a recursive SQL of this file's own) every timed answer is compared with.
import { performance } from 'node:perf_hooks';
import { sql, type Kysely } from 'kysely';
import type { DB } from '@orgdesk/server';
import { explain, loadGrants } from '../../packages/server/src/modules/access';
import { memberIsWithin } from '../../packages/server/src/modules/directory';
import type { Reach } from '../../packages/server/src/platform/http/access';
import { random } from './common';
import { CorpModel, type ModelMember } from './access-seed';
import { latency } from './access-report';

const NOWHERE: Reach = { departments: [], tags: [] };


export interface Pair {
  admin: ModelMember;
  target: ModelMember;
  expected: boolean;
}

/**
 * Random (admin, target) pairs for directory.edit: admins with a scoped edit grant, targets alternately inside and
 * outside their scope (by the model). Deterministic, so both engines answer the same questions.
 */
export function makePairs(model: CorpModel, count: number): { pairs: Pair[]; pool: number } {
  const next = random(20261126);
  const pool: { admin: ModelMember; reach: Exclude<ReturnType<CorpModel['reach']>, 'all'>; inside: ModelMember[] }[] = [];
  for (const index of model.adminMembers()) {
    const reach = model.reach(index, 'directory.edit');
    if (reach === 'all' || (reach.departments.size === 0 && reach.tags.size === 0)) continue;
    pool.push({ admin: model.members[index]!, reach, inside: model.members.filter((m) => CorpModel.within(reach, m)) });
  }
  const pairs: Pair[] = [];
  for (let i = 0; i < count; i++) {
    const p = pool[Math.floor(next() * pool.length)]!;
    if (i % 2 === 0) {
      pairs.push({ admin: p.admin, target: p.inside[Math.floor(next() * p.inside.length)]!, expected: true });
    } else {
      let target: ModelMember;
      do target = model.members[Math.floor(next() * model.members.length)]!;
      while (CorpModel.within(p.reach, target));
      pairs.push({ admin: p.admin, target, expected: false });
    }
  }
  return { pairs, pool: pool.length };
}

/** The request's path: the admin's grants, then the scope test for the target. */
export async function check(db: Kysely<DB>, corpId: string, pair: Pair): Promise<boolean> {
  const { grants } = await loadGrants(db, corpId, pair.admin.id);
  return memberIsWithin(db, corpId, grants.get('directory.edit') ?? NOWHERE, pair.target.id);
}

/**
 * Diagnostic, not the shipped code: the same scope test walking up from the target's departments towards the root
 * (a handful of primary-key lookups) instead of expanding the reach down into all of its members, as
 * memberIsWithin's `m.id = any(array(…))` does. Timed and verified like the real check, to size the gain.
 */
async function memberIsWithinByAncestors(db: Kysely<DB>, corpId: string, reach: Reach, memberId: string): Promise<boolean> {
  if (reach === 'all') return true;
  const tags = sql`${sql.val([...reach.tags])}::int[]`;
  const { rows } = await sql<{ inside: boolean }>`
    select exists (
        with recursive up(id) as (
          select md.department_id from member_departments md where md.corp_id = ${corpId} and md.member_id = ${memberId}
          union
          select d.parent_id from up join departments d on d.corp_id = ${corpId} and d.id = up.id where d.parent_id is not null)
        select 1 from up
         where up.id = any(${sql.val([...reach.departments])}::int[])
            or up.id in (select td.department_id from tag_departments td where td.corp_id = ${corpId} and td.tag_id = any(${tags})))
      or exists (select 1 from tag_members tm where tm.corp_id = ${corpId} and tm.member_id = ${memberId} and tm.tag_id = any(${tags})) as inside`.execute(db);
  return rows[0]!.inside;
}

export async function proposedCheck(db: Kysely<DB>, corpId: string, pair: Pair): Promise<boolean> {
  const { grants } = await loadGrants(db, corpId, pair.admin.id);
  return memberIsWithinByAncestors(db, corpId, grants.get('directory.edit') ?? NOWHERE, pair.target.id);
}

export async function explainCheck(db: Kysely<DB>, corpId: string, pair: Pair): Promise<boolean> {
  return (await explain(db, corpId, pair.admin.userid, 'directory.edit', { type: 'member', userid: pair.target.userid })).allowed;
}

/** Runs `run` over the pairs for `seconds`, `inFlight` at a time, after an unmeasured half second; counts wrong answers. */
export async function timeChecks(pairs: Pair[], start: number, seconds: number, inFlight: number, run: (pair: Pair) => Promise<boolean>) {
  let next = start;
  let mismatches = 0;
  const latencies: number[] = [];
  const loop = async (until: number, record: boolean) => {
    while (performance.now() < until) {
      const pair = pairs[next++ % pairs.length]!;
      const started = performance.now();
      const answer = await run(pair);
      if (record) latencies.push(performance.now() - started);
      if (answer !== pair.expected) mismatches++;
    }
  };
  const warm = performance.now() + 500;
  await Promise.all(Array.from({ length: inFlight }, () => loop(warm, false)));
  const from = performance.now();
  const cpu = process.cpuUsage();
  const until = from + seconds * 1_000;
  await Promise.all(Array.from({ length: inFlight }, () => loop(until, true)));
  return { latency: latency(latencies, performance.now() - from, process.cpuUsage(cpu)), mismatches, checked: next - start, next };
}

/**
 * This script's own answer, from the tables alone: the admin's active assignments whose role carries the
 * permission (built-in by key, custom by its stored permissions), their departments, own departments and tags'
 * departments expanded downwards by a recursive query, and the target's department links and tags.
 */
async function oracle(db: Kysely<DB>, corpId: string, adminId: string, targetId: string, permission: 'directory.edit' | 'directory.view'): Promise<boolean> {
  const builtins = [...CorpModel.ROLES_WITH[permission]].filter((r) => r !== 'custom');
  const { rows } = await sql<{ allowed: boolean }>`
    with recursive
      a as (select role_id, scope_departments, scope_tags, scope_own_departments from admin_assignments
             where corp_id = ${corpId} and member_id = ${adminId} and status = 'active'
               and (role_id = any(${sql.val(builtins)}::text[])
                    or role_id in (select id::text from admin_roles where corp_id = ${corpId} and ${permission} = any(permissions)))),
      roots(id) as (
        select unnest(scope_departments) from a
        union select md.department_id from a join member_departments md on md.corp_id = ${corpId} and md.member_id = ${adminId} where a.scope_own_departments
        union select td.department_id from a cross join lateral unnest(a.scope_tags) as t(tag) join tag_departments td on td.corp_id = ${corpId} and td.tag_id = t.tag),
      below(id) as (select id from roots union select d.id from departments d join below b on d.parent_id = b.id where d.corp_id = ${corpId})
    select exists (select 1 from a where role_id = 'super_admin')
        or exists (select 1 from member_departments md where md.corp_id = ${corpId} and md.member_id = ${targetId} and md.department_id in (select id from below))
        or exists (select 1 from tag_members tm where tm.corp_id = ${corpId} and tm.member_id = ${targetId} and tm.tag_id in (select unnest(scope_tags) from a)) as allowed`.execute(db);
  return rows[0]!.allowed;
}

/**
 * The correctness sample: for every admin member (all roles, pending assignments too) a target inside and one
 * outside their directory.edit scope, the same for directory.view where their roles differ in it, and 50 of the
 * timed pairs. The model, this script's recursive SQL and the request's path (loadGrants + memberIsWithin) must
 * agree, and explain() too on the directory.view questions (the timed explains cover directory.edit).
 */
export async function verifySample(db: Kysely<DB>, corpId: string, model: CorpModel, pairs: Pair[]): Promise<{ pairs: number; disagreements: string[] }> {
  const next = random(7);
  const questions: { admin: number; target: ModelMember; permission: 'directory.edit' | 'directory.view' }[] = [];
  for (const admin of model.adminMembers()) {
    const edit = model.reach(admin, 'directory.edit');
    const view = model.reach(admin, 'directory.view');
    const same = edit === 'all' ? view === 'all' : view !== 'all' && edit.departments.size === view.departments.size && edit.tags.size === view.tags.size;
    const asked: { permission: 'directory.edit' | 'directory.view'; reach: typeof edit }[] = [{ permission: 'directory.edit', reach: edit }];
    if (!same) asked.push({ permission: 'directory.view', reach: view });
    for (const { permission, reach } of asked) {
      const inside = reach === 'all' ? model.members : model.members.filter((m) => CorpModel.within(reach, m));
      if (inside.length > 0) questions.push({ admin, target: inside[Math.floor(next() * inside.length)]!, permission });
      if (reach !== 'all') {
        let outside: ModelMember;
        do outside = model.members[Math.floor(next() * model.members.length)]!;
        while (CorpModel.within(reach, outside));
        questions.push({ admin, target: outside, permission });
      }
    }
  }
  const indexOf = new Map(model.members.map((m, i) => [m.id, i]));
  for (const p of pairs.slice(0, 50)) questions.push({ admin: indexOf.get(p.admin.id)!, target: p.target, permission: 'directory.edit' });
  const disagreements: string[] = [];
  for (const q of questions) {
    const admin = model.members[q.admin]!;
    const expected = CorpModel.within(model.reach(q.admin, q.permission), q.target);
    const bySql = await oracle(db, corpId, admin.id, q.target.id, q.permission);
    const { grants } = await loadGrants(db, corpId, admin.id);
    const byCode = await memberIsWithin(db, corpId, grants.get(q.permission) ?? NOWHERE, q.target.id);
    const byExplain = q.permission === 'directory.view' ? (await explain(db, corpId, admin.userid, q.permission, { type: 'member', userid: q.target.userid })).allowed : expected;
    if (bySql !== expected || byCode !== expected || byExplain !== expected) {
      disagreements.push(`${admin.userid} ${q.permission} ${q.target.userid}: model ${expected}, sql ${bySql}, loadGrants+memberIsWithin ${byCode}, explain ${byExplain}`);
    }
  }
  return { pairs: questions.length, disagreements };
}
