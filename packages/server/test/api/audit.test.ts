import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Trx } from '../../src/db';
import { registerCorp, signIn, startTestServer, type RegisteredCorp, type TestServer } from '../harness';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.close());

/** A corp with a few audited actions on its chain. */
async function corpWithHistory(): Promise<RegisteredCorp> {
  const corp = await registerCorp(server);
  await signIn(server, corp);
  for (const name of ['甲公司', '乙公司', '丙公司']) expect((await corp.client.patch('/api/v1/corp', { name })).status).toBe(200);
  return corp;
}

/** Tampers as someone with direct database access would: with the append-only trigger bypassed. */
async function tamper(change: (trx: Trx) => Promise<unknown>): Promise<void> {
  await server.database.db.transaction().execute(async (trx) => {
    await sql`set local session_replication_role = replica`.execute(trx);
    await change(trx);
  });
}

async function verify(corp: RegisteredCorp) {
  const response = await corp.client.get('/api/v1/audit/verify');
  expect(response.status).toBe(200);
  return response.body as { ok: boolean; checked: number; firstBadSeq: number | null; reason: string | null };
}

describe('audit log integrity', () => {
  it('verifies an untouched chain and refuses updates and deletes', async () => {
    const corp = await corpWithHistory();
    const result = await verify(corp);
    expect(result).toMatchObject({ ok: true, firstBadSeq: null });
    expect(result.checked).toBeGreaterThanOrEqual(8);
    await expect(server.database.db.updateTable('audit_log').set({ action: 'x.y' }).where('chain', '=', corp.corpId).execute()).rejects.toThrow(/append-only/);
    await expect(server.database.db.deleteFrom('audit_log').where('chain', '=', corp.corpId).execute()).rejects.toThrow(/append-only/);
  });

  it('keeps one unbroken chain under parallel writes', async () => {
    const corp = await corpWithHistory();
    const before = (await verify(corp)).checked;
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => corp.client.patch('/api/v1/corp', { name: `并发公司${i}` })));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    expect(await verify(corp)).toMatchObject({ ok: true, checked: before + 20 });
  });

  it('catches an altered entry', async () => {
    const corp = await corpWithHistory();
    await tamper((trx) => trx.updateTable('audit_log').set({ actor_name: '别人' }).where('chain', '=', corp.corpId).where('seq', '=', 3).execute());
    expect(await verify(corp)).toMatchObject({ ok: false, firstBadSeq: 3, checked: 2 });
  });

  it('catches a deleted entry', async () => {
    const corp = await corpWithHistory();
    await tamper((trx) => trx.deleteFrom('audit_log').where('chain', '=', corp.corpId).where('seq', '=', 4).execute());
    expect(await verify(corp)).toMatchObject({ ok: false, firstBadSeq: 4 });
  });

  it('catches reordered entries', async () => {
    const corp = await corpWithHistory();
    await tamper(async (trx) => {
      await trx.updateTable('audit_log').set({ seq: -5 }).where('chain', '=', corp.corpId).where('seq', '=', 5).execute();
      await trx.updateTable('audit_log').set({ seq: 5 }).where('chain', '=', corp.corpId).where('seq', '=', 6).execute();
      await trx.updateTable('audit_log').set({ seq: 6 }).where('chain', '=', corp.corpId).where('seq', '=', -5).execute();
    });
    expect(await verify(corp)).toMatchObject({ ok: false, firstBadSeq: 5 });
  });

  it('catches a truncated tail', async () => {
    const corp = await corpWithHistory();
    const head = await server.database.db.selectFrom('audit_heads').select('seq').where('chain', '=', corp.corpId).executeTakeFirstOrThrow();
    await tamper((trx) => trx.deleteFrom('audit_log').where('chain', '=', corp.corpId).where('seq', '>', head.seq - 2).execute());
    const result = await verify(corp);
    expect(result).toMatchObject({ ok: false, firstBadSeq: head.seq - 1 });
    expect(result.reason).toMatch(/missing/);
  });
});

describe('audit log page', () => {
  it('records each write with actor, before and after, filters and pages them', async () => {
    const corp = await corpWithHistory();
    const page = await corp.client.get('/api/v1/audit?action=corp.profile_update&pageSize=2');
    expect(page.status).toBe(200);
    expect(page.body.total).toBe(3);
    expect(page.body.items).toHaveLength(2);
    expect(page.body.items[0]).toMatchObject({ action: 'corp.profile_update', actor: corp.userid, actorName: '王小明', before: { name: '乙公司' }, after: { name: '丙公司' } });
    expect(page.body.items[0].ip).toBeTruthy();
    const second = await corp.client.get('/api/v1/audit?action=corp.profile_update&pageSize=2&page=2');
    expect(second.body.items.map((e: { after: { name: string } }) => e.after.name)).toEqual(['甲公司']);
    const signIns = await corp.client.get('/api/v1/audit?action=auth.sign_in');
    expect(signIns.body.items.some((e: { action: string }) => e.action === 'auth.sign_in')).toBe(true);
    const future = await corp.client.get(`/api/v1/audit?from=${encodeURIComponent(new Date(Date.now() + 86_400_000 * 2).toISOString())}`);
    expect(future.body.total).toBe(0);
  });

  it('records failed sign-ins, never the password', async () => {
    const corp = await registerCorp(server);
    await server.client({ ip: '10.1.1.1' }).post('/api/v1/auth/sign-in', { login: corp.mobile, password: 'Wr0ngSecret!' });
    const failed = await corp.client.get('/api/v1/audit?action=auth.sign_in_failed');
    expect(failed.body.items[0]).toMatchObject({ action: 'auth.sign_in_failed', targetId: corp.mobile, ip: '10.1.1.1' });
    const csv = await corp.client.get('/api/v1/audit/export.csv');
    expect(csv.body).not.toContain('Wr0ngSecret');
  });

  it('exports CSV with a BOM for Excel and neutralizes formulas', async () => {
    const corp = await corpWithHistory();
    await corp.client.patch('/api/v1/corp', { name: '=HYPERLINK("http://evil")' });
    const csv = await corp.client.get('/api/v1/audit/export.csv');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const text = csv.body as string;
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.slice(1).split('\r\n')[0]).toBe('seq,time,actor,actor_name,action,target_type,target_id,ip,user_agent,before,after,hash');
    expect(text).toContain('corp.register');
    // The name sits inside a JSON cell, which starts with "{": a formula can only run from a cell's start.
    for (const line of text.split('\r\n').slice(1)) for (const cell of line.split(',')) expect(cell).not.toMatch(/^"?[=+@]/);
  });

  it('needs a fully signed-in admin', async () => {
    expect((await server.client().get('/api/v1/audit')).status).toBe(401);
  });
});
