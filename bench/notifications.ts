// Notifications end to end, per engine (in-memory PGlite; PostgreSQL from DATABASE_URL with --pg): an in-process
// server (createApp, pino silent, 127.0.0.1:0) with its NotificationDispatcher started as `serve` starts it (polling
// every second), email through SmtpEmailGateway to a real SMTP server (smtp-server) on a local port, one webhook to a
// local HTTP receiver, and live streams (SSE) of --streams members signed in over HTTP. The clock is the system clock
// shifted onto the default calendar (Monday–Friday 09:00–18:00, Asia/Shanghai), so time runs at its real pace.
//   (1) delivery during working hours: --notices notices (--rate a second), each to one of the streaming members,
//       sent through NotificationService.notify in its own transaction; per notice and channel, the time from the
//       call until the stream pushed its count, the SMTP server received the email, the webhook received the POST.
//   (2) release of deferred notices: at 08:59:55 on a Tuesday, --broadcasts notices to all --members members (they
//       wait: outside working hours); then, from the instant the shifted clock reaches 09:00:00, how long until each
//       streaming member's count moved, each of the emails arrived, and each webhook POST arrived.
// Run: npx tsx bench/notifications.ts [--members 1000] [--streams 50] [--notices 300] [--rate 50] [--broadcasts 3] [--pg]
// Targets from the issue: delivery p95 ≤ 5 s during working hours; deferred notices released ≤ 60 s after working
// time begins. Writes bench/results/notifications.json.
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { PGlite } from '@electric-sql/pglite';
import pino from 'pino';
import { createApp, createServices, creditCodeCheckChar, hashPassword, loadConfig, migrateToLatest, openDatabase, operatorContext, upsertPasswordHash, wholeCorp, type DB } from '@orgdesk/server';
import { createMetrics } from '../packages/server/src/platform/kernel/metrics';
import { SmtpEmailGateway } from '../packages/server/src/platform/kernel/smtp-email';
import { fmt, percentile, printTable, sleep, writeResult } from './lib/common';
import { engineTitle, runPerEngine, scratchDatabase, type Engine } from './lib/engines';
import { numberFlag } from './lib/flags';
import { Arrivals, smtpProbe, streamProbe, webhookProbe } from './lib/notifications-probes';

const MEMBERS = numberFlag('members', 1000, { integer: true });
const STREAMS = numberFlag('streams', 50, { integer: true });
const NOTICES = numberFlag('notices', 300, { integer: true });
const RATE = numberFlag('rate', 50);
const BROADCASTS = numberFlag('broadcasts', 3, { integer: true });
const WAIT_LIMIT_MS = 120_000;
const TARGETS = { deliveryP95Ms: 5_000, releaseMaxMs: 60_000 };

interface Figures {
  n: number;
  arrived: number;
  p50: number;
  p95: number;
  max: number;
}
interface Result {
  engine: Engine;
  working: Record<'stream' | 'email' | 'webhook', Figures>;
  release: Record<'stream' | 'email' | 'webhook', Figures>;
}

const figures = (latencies: (number | undefined)[]): Figures => {
  const got = latencies.filter((v): v is number => v !== undefined);
  return { n: latencies.length, arrived: got.length, p50: percentile(got, 50), p95: percentile(got, 95), max: Math.max(...got) };
};

async function waitFor(done: () => boolean): Promise<void> {
  const started = performance.now();
  while (!done() && performance.now() - started < WAIT_LIMIT_MS) await sleep(50);
}

async function runEngine(engine: Engine): Promise<Result> {
  const scratch = engine === 'postgres' ? await scratchDatabase('orgdesk_bench_notify') : null;
  const database = await openDatabase<DB>(scratch ? { databaseUrl: scratch.url } : { databaseUrl: null, pglite: await PGlite.create() });
  const arrivals = new Arrivals();
  const smtp = await smtpProbe(arrivals);
  const hook = await webhookProbe(arrivals);
  const gateway = new SmtpEmailGateway(smtp.url, 'no-reply@orgdesk.bench');
  // The system clock, shifted: `shift(at)` makes "now" read `at` and then run on at the real pace.
  let offset = 0;
  const clock = { now: () => new Date(Date.now() + offset) };
  const shift = (at: Date) => (offset = at.getTime() - Date.now());
  shift(new Date('2026-11-30T02:00:00Z')); // Monday 10:00 in Shanghai
  const logger = pino({ level: 'silent' });
  const config = { ...loadConfig({ ORGDESK_SECRET_KEY: 'bench-secret-key', ORGDESK_DATA_DIR: '/nonexistent' }), trustProxy: false };
  const db = database.db;
  await migrateToLatest(db as never);
  const services = createServices(db, { config, sms: { send: async () => undefined }, email: gateway, clock, logger });
  const app = await createApp({ services, database, logger, metrics: createMetrics(), trustProxy: false, consoleDir: null });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const streams: { close(): void }[] = [];
  try {
    const first17 = '91110108000000003';
    const ctx = operatorContext('bench');
    const corp = await db.transaction().execute((trx) => services.corps.create(trx, { name: '星河科技', creditCode: first17 + creditCodeCheckChar(first17), industry: 'it', size: '1001-5000', adminName: '系统管理员', adminMobile: '19912345678' }, ctx));
    const corpId = corp.corpId;
    const hash = await hashPassword('Bench2026x');
    const members: { id: string; userid: string; mobile: string }[] = [];
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < MEMBERS; i++) {
        const userid = `m${String(i).padStart(5, '0')}`;
        const mobile = `137${String(i).padStart(8, '0')}`;
        await services.members.create(trx, wholeCorp(corpId), { userid, name: `成员${i}`, mobile, email: `${userid}@bench.test`, departments: [{ id: 1, order: 0, isLeader: false }] }, ctx, { activated: true });
        const id = await services.members.memberId(trx, wholeCorp(corpId), userid);
        if (i < STREAMS) await upsertPasswordHash(trx, id, corpId, hash, clock.now());
        members.push({ id, userid, mobile });
      }
      await services.notifications.settings.createWebhook(trx, corpId, { name: 'bench', url: hook.url, enabled: true }, ctx);
    });
    for (const member of members.slice(0, STREAMS)) {
      const response = await fetch(`${url}/api/v1/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: member.mobile, password: 'Bench2026x' }) });
      const cookie = response.headers.getSetCookie().find((c) => c.startsWith('orgdesk_session='))?.split(';')[0];
      if (!cookie) throw new Error(`sign-in of ${member.userid}: ${response.status}`);
      streams.push(await streamProbe(url, cookie, member.userid, arrivals));
    }
    await waitFor(() => members.slice(0, STREAMS).every((m) => arrivals.at.has(`${m.userid}#0`)));
    services.notificationDispatcher.start();
    console.log(`[${engine}] ${engineTitle(engine)}: ${fmt(MEMBERS)} members, ${fmt(STREAMS)} live streams, SMTP and webhook receivers up`);

    // (1) During working hours.
    const sent: { title: string; member: (typeof members)[number]; nth: number; at: number }[] = [];
    const perMember = new Map<string, number>();
    for (let i = 0; i < NOTICES; i++) {
      const member = members[i % STREAMS]!;
      const nth = (perMember.get(member.userid) ?? 0) + 1;
      perMember.set(member.userid, nth);
      const title = `bench-${i}`;
      const at = performance.now();
      await db.transaction().execute((trx) => services.notifications.notify(trx, corpId, [member.id], { kind: 'bench.notice', eventKey: title, title, body: `notice ${i}` }));
      sent.push({ title, member, nth, at });
      const next = at + 1000 / RATE - performance.now();
      if (next > 0) await sleep(next);
    }
    const arrived = (key: string) => arrivals.at.has(key);
    await waitFor(() => sent.every((s) => arrived(`${s.member.userid}#${s.nth}`) && arrived(`${s.title}|${s.member.userid}@bench.test`) && arrived(s.title)));
    const working = {
      stream: figures(sent.map((s) => (arrivals.at.get(`${s.member.userid}#${s.nth}`) ?? NaN) - s.at).map((v) => (Number.isNaN(v) ? undefined : v))),
      email: figures(sent.map((s) => (arrivals.at.get(`${s.title}|${s.member.userid}@bench.test`) ?? NaN) - s.at).map((v) => (Number.isNaN(v) ? undefined : v))),
      webhook: figures(sent.map((s) => (arrivals.at.get(s.title) ?? NaN) - s.at).map((v) => (Number.isNaN(v) ? undefined : v))),
    };

    // (2) Deferred until 09:00 on Tuesday, then released.
    const opensAt = new Date('2026-12-01T01:00:00Z');
    shift(new Date(opensAt.getTime() - 5_000));
    const everyone = members.map((m) => m.id);
    const titles: string[] = [];
    for (let b = 0; b < BROADCASTS; b++) {
      const title = `morning-${b}`;
      titles.push(title);
      await db.transaction().execute((trx) => services.notifications.notify(trx, corpId, everyone, { kind: 'bench.broadcast', eventKey: title, title, body: 'good morning' }));
    }
    const opensReal = performance.now() + (opensAt.getTime() - clock.now().getTime());
    const streamKeys = members.slice(0, STREAMS).map((m) => `${m.userid}#${(perMember.get(m.userid) ?? 0) + BROADCASTS}`);
    const emailKeys = titles.flatMap((t) => members.map((m) => `${t}|${m.userid}@bench.test`));
    await waitFor(() => performance.now() > opensReal && streamKeys.every(arrived) && emailKeys.every(arrived) && titles.every(arrived));
    const lag = (key: string) => (arrivals.at.has(key) ? Math.max(0, arrivals.at.get(key)! - opensReal) : undefined);
    const early = [...streamKeys, ...emailKeys, ...titles].filter((k) => (arrivals.at.get(k) ?? Infinity) < opensReal);
    if (early.length) throw new Error(`${early.length} deferred deliveries arrived before working time, e.g. ${early[0]}`);
    const release = { stream: figures(streamKeys.map(lag)), email: figures(emailKeys.map(lag)), webhook: figures(titles.map(lag)) };
    return { engine, working, release };
  } finally {
    for (const s of streams) s.close();
    await services.notificationDispatcher.stop();
    await app.close();
    gateway.close();
    await smtp.close();
    await hook.close();
    await database.close();
    await scratch?.drop();
  }
}

const results = await runPerEngine(import.meta.url, runEngine);
if (results) {
  for (const r of results) {
    console.log(`\n${engineTitle(r.engine)}: (1) ${fmt(NOTICES)} notices during working hours at ${fmt(RATE)}/s; (2) ${fmt(BROADCASTS)} deferred notices to ${fmt(MEMBERS)} members each`);
    const row = (phase: string, channel: string, f: Figures, target: number, p: 'p95' | 'max') => [phase, channel, `${fmt(f.arrived)}/${fmt(f.n)}`, fmt(f.p50), fmt(f.p95), fmt(f.max), `${fmt(target)} (${p})`, f.arrived === f.n && f[p] <= target ? 'PASS' : 'FAIL'];
    printTable(
      ['phase', 'channel', 'arrived', 'p50 ms', 'p95 ms', 'max ms', 'target ms', 'result'],
      [
        ...(['stream', 'email', 'webhook'] as const).map((c) => row('working hours: send → arrival', c, r.working[c], TARGETS.deliveryP95Ms, 'p95')),
        ...(['stream', 'email', 'webhook'] as const).map((c) => row('deferred: 09:00 → arrival', c, r.release[c], TARGETS.releaseMaxMs, 'max')),
      ],
    );
  }
  writeResult('notifications', { members: MEMBERS, streams: STREAMS, notices: NOTICES, rate: RATE, broadcasts: BROADCASTS, targets: TARGETS, engines: Object.fromEntries(results.map((r) => [r.engine, r])) });
}
