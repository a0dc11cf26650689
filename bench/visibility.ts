// Member visibility at scale: a corp of ~10,000 departments and 100,000 members, and the member portal's two
// queries (browse page 1 and a search, both with their total) filtered for viewers of each kind of rule, and the
// check behind a member detail page (isMemberVisible). Every request resolves the viewer afresh, as the portal does.
// Run: npx tsx bench/visibility.ts [--requests 200] [--pg]   (--pg uses DATABASE_URL, a database it creates and drops)
// Target from the issue: a visibility-filtered search p99 ≤ 50 ms.
import { PGlite } from '@electric-sql/pglite';
import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import { performance } from 'node:perf_hooks';
import type { DB } from '../packages/server/src/db';
import { isMemberVisible, viewerVisibility } from '../packages/server/src/modules/directory';
import { openDatabase, type DatabaseHandle } from '../packages/server/src/platform/db/connect';
import { migrateToLatest } from '../packages/server/src/platform/db/migrate';
import { fmt, percentile, printTable, writeResult } from './lib/common';
import { scratchDatabase } from './lib/engines';

const REQUESTS = Number(process.argv[process.argv.indexOf('--requests') + 1]) || 200;
const usePg = process.argv.includes('--pg');
const CORP = 'ww00000000000000be';
const DIVISIONS = 20;
const GROUPS_PER_DIVISION = 25;
const TEAMS_PER_GROUP = 19;
const MEMBERS = 100_000;

async function open(): Promise<DatabaseHandle<DB>> {
  if (!usePg) return openDatabase<DB>({ databaseUrl: null, pglite: await PGlite.create() });
  const scratch = await scratchDatabase('orgdesk_bench_vis');
  const handle = await openDatabase<DB>({ databaseUrl: scratch.url, poolSize: 4 });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await scratch.drop();
    },
  };
}

async function seed(db: Kysely<DB>): Promise<void> {
  await sql`insert into corps (id, name, credit_code, industry, size, calendar) values (${CORP}, '星河科技', '91110108MA00000000', 'it', '5000+', '{}'::jsonb)`.execute(db);
  await sql`insert into departments (corp_id, id, parent_id, name) values (${CORP}, 1, null, '星河科技')`.execute(db);
  // Divisions 2..21, groups 100.., teams 10000..: parents resolved arithmetically.
  await sql`insert into departments (corp_id, id, parent_id, name) select ${CORP}, 1 + g, 1, '事业部' || g from generate_series(1, ${DIVISIONS}) g`.execute(db);
  await sql`insert into departments (corp_id, id, parent_id, name)
    select ${CORP}, 100 + g, 2 + (g / ${GROUPS_PER_DIVISION}), '部门' || g from generate_series(0, ${DIVISIONS * GROUPS_PER_DIVISION - 1}) g`.execute(db);
  await sql`insert into departments (corp_id, id, parent_id, name)
    select ${CORP}, 10000 + t, 100 + (t / ${TEAMS_PER_GROUP}), '小组' || t from generate_series(0, ${DIVISIONS * GROUPS_PER_DIVISION * TEAMS_PER_GROUP - 1}) t`.execute(db);
  const teams = DIVISIONS * GROUPS_PER_DIVISION * TEAMS_PER_GROUP;
  await sql`insert into members (corp_id, userid, name, mobile, main_department, status, search_text, name_sort)
    select ${CORP}, 'u' || i, '成员' || i, '139' || lpad(i::text, 8, '0'), 10000 + (i % ${teams}), case when i % 50 = 0 then 5 else 1 end,
           (array['zhang','wang','li','zhao','liu','chen','yang','huang'])[i % 8 + 1] || ' ' || 'u' || i || ' ' || md5(i::text),
           (array['zhang','wang','li','zhao','liu','chen','yang','huang'])[i % 8 + 1] || lpad(i::text, 6, '0')
      from generate_series(1, ${MEMBERS}) i`.execute(db);
  await sql`insert into member_departments (corp_id, member_id, department_id) select ${CORP}, id, main_department from members where corp_id = ${CORP}`.execute(db);
  // A fifth of the members also belong to a second team, in another division.
  await sql`insert into member_departments (corp_id, member_id, department_id)
    select ${CORP}, id, 10000 + ((main_department - 10000 + 4750) % ${teams}) from members where corp_id = ${CORP} and substr(userid, 2)::int % 5 = 0`.execute(db);
  await sql`insert into tags (corp_id, id, name) select ${CORP}, g, '标签' || g from generate_series(1, 50) g`.execute(db);
  await sql`insert into tag_members (corp_id, tag_id, member_id) select ${CORP}, 1 + (substr(userid, 2)::int % 50), id from members where corp_id = ${CORP} and substr(userid, 2)::int % 20 = 0`.execute(db);
  await sql`insert into tag_departments (corp_id, tag_id, department_id) select ${CORP}, g, 100 + g * 7 from generate_series(1, 50) g`.execute(db);
  await sql`analyze`.execute(db);
}

async function memberId(db: Kysely<DB>, userid: string): Promise<string> {
  return (await db.selectFrom('members').select('id').where('corp_id', '=', CORP).where('userid', '=', userid).executeTakeFirstOrThrow()).id;
}

type Scenario = { name: string; setup: (db: Kysely<DB>) => Promise<void>; viewer: string };

async function rule(db: Kysely<DB>, name: string, values: { viewer_departments?: number[]; viewer_tags?: number[]; sees: 'all' | 'own_departments' | 'listed'; seen_departments?: number[]; seen_tags?: number[] }): Promise<void> {
  await db.insertInto('visibility_rules').values({ corp_id: CORP, name, viewer_departments: [], viewer_tags: [], seen_departments: [], seen_tags: [], hidden_fields: ['mobile'], ...values }).execute();
}

const scenarios: Scenario[] = [
  { name: 'no rule (whole org)', viewer: 'u101', setup: async () => undefined },
  {
    name: 'whole org, a division + 20 members hidden',
    viewer: 'u102',
    setup: async (db) => {
      await db.insertInto('visibility_hidden').values({ corp_id: CORP, department_id: 5, allowed_tags: [49] }).execute();
      for (let i = 0; i < 20; i++) await db.insertInto('visibility_hidden').values({ corp_id: CORP, member_id: await memberId(db, `u${1000 + i * 37}`) }).execute();
    },
  },
  { name: 'own departments (a team)', viewer: 'u103', setup: (db) => rule(db, 'own', { viewer_departments: [10000 + (103 % 9500)], sees: 'own_departments' }) },
  { name: 'listed: 2 divisions + a tag', viewer: 'u104', setup: (db) => rule(db, 'two', { viewer_departments: [10000 + (104 % 9500)], sees: 'listed', seen_departments: [2, 3], seen_tags: [7] }) },
  { name: 'listed: 10 divisions (half the org)', viewer: 'u106', setup: (db) => rule(db, 'half', { viewer_departments: [10000 + (106 % 9500)], sees: 'listed', seen_departments: [2, 3, 4, 5, 6, 7, 8, 9, 10, 11] }) },
  { name: 'listed: 3 tags', viewer: 'u107', setup: (db) => rule(db, 'tags', { viewer_departments: [10000 + (107 % 9500)], sees: 'listed', seen_tags: [3, 4, 5] }) },
];

async function page(db: Kysely<DB>, filter: RawBuilder<SqlBool> | null, q: string | null) {
  let query = db.selectFrom('members as m').where('m.corp_id', '=', CORP);
  query = filter ? query.where(filter) : query.where('m.status', '!=', 5);
  if (q) query = query.where('m.search_text', 'like', `%${q}%`);
  return query.selectAll('m').select(sql<number>`count(*) over ()`.as('total')).orderBy('m.name_sort').orderBy('m.id').limit(20).execute();
}

async function time(run: () => Promise<unknown>): Promise<{ p50: number; p99: number }> {
  for (let i = 0; i < 10; i++) await run();
  const samples: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const start = performance.now();
    await run();
    samples.push(performance.now() - start);
  }
  return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
}

const handle = await open();
try {
  const db = handle.db;
  await migrateToLatest(db as Kysely<unknown>);
  const seeded = performance.now();
  await seed(db);
  console.log(`seeded in ${fmt((performance.now() - seeded) / 1000, 1)} s (${handle.kind})`);
  const rows: string[][] = [];
  const results: Record<string, unknown>[] = [];
  for (const mode of ['baseline (no filter)', ...scenarios.map((s) => s.name)]) {
    const scenario = scenarios.find((s) => s.name === mode);
    if (scenario) await scenario.setup(db);
    const viewer = await memberId(db, scenario?.viewer ?? 'u101');
    // Each request resolves the viewer afresh (one query) and embeds the filter, as the portal will.
    const filtered = async (q: string | null) => page(db, scenario ? (await viewerVisibility(db, CORP, viewer)).memberFilter('m') : null, q);
    const counts = { browse: (await filtered(null))[0]?.total ?? 0, broad: (await filtered('zhang'))[0]?.total ?? 0, narrow: (await filtered('u4242'))[0]?.total ?? 0 };
    const browse = await time(() => filtered(null));
    const broad = await time(() => filtered('zhang'));
    const narrow = await time(() => filtered('u4242'));
    const target = await memberId(db, 'u5000');
    const detail = scenario ? await time(() => isMemberVisible(db, CORP, viewer, target)) : { p50: Number.NaN, p99: Number.NaN };
    rows.push([mode, fmt(counts.browse), `${fmt(browse.p50, 1)} / ${fmt(browse.p99, 1)}`, `${fmt(counts.broad)}: ${fmt(broad.p50, 1)} / ${fmt(broad.p99, 1)}`, `${fmt(counts.narrow)}: ${fmt(narrow.p50, 1)} / ${fmt(narrow.p99, 1)}`, `${fmt(detail.p50, 1)} / ${fmt(detail.p99, 1)}`]);
    results.push({ mode, counts, browse, broad, narrow, detail });
    // Each scenario's rules stand alone.
    await db.deleteFrom('visibility_rules').execute();
    await db.deleteFrom('visibility_hidden').execute();
  }
  printTable(['viewer', 'visible', 'browse p50/p99 ms', 'search "zhang" n: p50/p99', 'search "u4242" n: p50/p99', 'one member p50/p99'], rows);
  writeResult(`visibility-${handle.kind}`, { requests: REQUESTS, results });
} finally {
  await handle.close();
}
