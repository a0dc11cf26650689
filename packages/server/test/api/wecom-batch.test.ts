import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessToken, contactsSyncSecret, registerCorp, startTestServer, type RegisteredCorp, type TestServer } from '../harness';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON

let server: TestServer;
let corp: RegisteredCorp;
let syncToken: string;
let customToken: string;
let customSecret: string;
let otherSyncToken: string;

const MiB = 1024 * 1024;
const HEADER = '姓名,帐号,手机号,邮箱,所在部门,职位,性别,是否部门内领导,排序,别名,地址,座机,禁用,禁用项说明：(0-启用;1-禁用)';

async function cgi(path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Json> {
  const response = await fetch(`${server.url}/cgi-bin/${path}`, { method: body === undefined ? 'GET' : 'POST', body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body), headers });
  expect(response.status).toBe(200);
  return response.json() as Promise<Json>;
}

async function upload(token: string, type: string, bytes: Buffer | null, fileName = 'users.csv', contentType = 'text/csv'): Promise<Json> {
  const form = new FormData();
  if (bytes) form.append('media', new Blob([new Uint8Array(bytes)], { type: contentType }), fileName);
  else form.append('other', 'x');
  const response = await fetch(`${server.url}/cgi-bin/media/upload?access_token=${token}&type=${type}`, { method: 'POST', body: form });
  expect(response.status).toBe(200);
  return response.json() as Promise<Json>;
}

async function tokenOf(secret: string): Promise<string> {
  return (await cgi(`gettoken?corpid=${corp.corpId}&corpsecret=${secret}`)).access_token;
}

/** The directory-sync app of a corp, with API writes on, and its token. */
async function syncApp(of: RegisteredCorp): Promise<string> {
  const sync = await contactsSyncSecret(server, of);
  expect((await of.client.patch(`/api/v1/apps/${sync.app.id}`, { apiWrite: true })).status).toBe(200);
  return accessToken(server, of.corpId, sync.secret);
}

/** Runs a batch call over a freshly uploaded CSV and polls getresult until the job is done. */
async function runBatch(api: string, csv: Buffer): Promise<Json> {
  const media = await upload(syncToken, 'file', csv);
  expect(media.errcode).toBe(0);
  const started = await cgi(`batch/${api}?access_token=${syncToken}`, { media_id: media.media_id, to_invite: false, callback: { url: 'https://example.com/cb', token: 'Token1', encodingaeskey: 'a'.repeat(43) } });
  expect(started, JSON.stringify(started)).toMatchObject({ errcode: 0, errmsg: 'ok', jobid: expect.any(String) });
  for (let i = 0; i < 200; i++) {
    const result = await cgi(`batch/getresult?access_token=${syncToken}&jobid=${started.jobid}`);
    if (result.status === 3) return { ...result, jobid: started.jobid };
    expect([1, 2]).toContain(result.status);
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('the job did not finish');
}

beforeAll(async () => {
  server = await startTestServer();
  const other = await registerCorp(server, { name: '别家公司' });
  otherSyncToken = await syncApp(other);
  corp = await registerCorp(server, { name: '星河科技' });
  syncToken = await syncApp(corp);
  const custom = await corp.client.post('/api/v1/apps', { name: '自建应用', visibleRange: { all: true } });
  customSecret = custom.body.secret;
  customToken = await tokenOf(customSecret);
});
afterAll(async () => server?.close());

describe('media/upload and media/get', () => {
  it('stores a file for 3 days and answers WeCom\'s envelope, created_at as a string', async () => {
    const bytes = Buffer.from('hello, media');
    const stored = await upload(customToken, 'file', bytes, '说明.txt', 'text/plain');
    expect(stored).toEqual({ errcode: 0, errmsg: '', type: 'file', media_id: expect.stringMatching(/^[\w-]{40}$/), created_at: String(Math.floor(server.clock.now().getTime() / 1000)) });
    // Shared by the corp's apps, not by another corp.
    const got = await fetch(`${server.url}/cgi-bin/media/get?access_token=${syncToken}&media_id=${stored.media_id}`);
    expect(got.headers.get('content-type')).toContain('text/plain');
    expect(decodeURIComponent(got.headers.get('content-disposition') ?? '')).toContain('说明.txt');
    expect(Buffer.from(await got.arrayBuffer())).toEqual(bytes);
    expect((await cgi(`media/get?access_token=${otherSyncToken}&media_id=${stored.media_id}`)).errcode).toBe(40007);
    expect((await cgi(`media/get?access_token=${customToken}&media_id=nope`)).errcode).toBe(40007);
    expect((await cgi(`media/get?access_token=${customToken}`)).errcode).toBe(41006);
  });

  it('refuses a bad type (40004), an empty file (44001) and sizes outside the type\'s limits', async () => {
    const six = Buffer.from('123456');
    expect((await upload(customToken, 'pdf', six)).errcode).toBe(40004);
    expect((await upload(customToken, '', six)).errcode).toBe(40004);
    expect((await upload(customToken, 'file', null)).errcode).toBe(44001);
    expect((await upload(customToken, 'file', Buffer.alloc(0))).errcode).toBe(44001);
    expect((await upload(customToken, 'file', Buffer.from('12345'))).errcode).toBe(40006);
    expect((await upload(customToken, 'image', Buffer.alloc(10 * MiB + 1, 1), 'a.png', 'image/png')).errcode).toBe(40009);
    expect((await upload(customToken, 'voice', Buffer.alloc(2 * MiB + 1, 1), 'a.amr', 'audio/amr')).errcode).toBe(40006);
    expect((await upload(customToken, 'video', Buffer.alloc(10 * MiB + 1, 1), 'a.mp4', 'video/mp4')).errcode).toBe(40011);
    // Past the route's body limit: refused before it is read, with the same errcode.
    expect((await upload(customToken, 'file', Buffer.alloc(20 * MiB + 100 * 1024, 1))).errcode).toBe(40006);
    expect((await upload(customToken, 'image', Buffer.alloc(10 * MiB, 1), 'b.png', 'image/png')).errcode).toBe(0);
  });
});

describe('batch/syncuser, replaceuser, replaceparty and getresult', () => {
  it('syncs members from a GBK CSV in WeCom\'s template, creating a missing department', async () => {
    const csv = iconv.encode([HEADER, '张三,zhangsan,13800000001,,1,工程师,1,0,0,,,,0,', '李四,lisi,13800000002,lisi@example.com,研发部,经理,2,1,5,,,,0,', '赵六,zhaoliu,13800000004,,1,,,,,,,,,'].join('\r\n'), 'gbk');
    const done = await runBatch('syncuser', csv);
    expect(done).toMatchObject({ errcode: 0, errmsg: 'ok', status: 3, type: 'sync_user', total: 3, percentage: 100 });
    expect(done.result).toEqual(['zhangsan', 'lisi', 'zhaoliu'].map((userid) => ({ userid, errcode: 0, errmsg: 'ok' })));
    expect(await cgi(`user/get?access_token=${syncToken}&userid=zhangsan`)).toMatchObject({ errcode: 0, name: '张三', mobile: '13800000001', position: '工程师', gender: '1', department: [1] });
    const lisi = await cgi(`user/get?access_token=${syncToken}&userid=lisi`);
    expect(lisi).toMatchObject({ name: '李四', email: 'lisi@example.com', is_leader_in_dept: [1] });
    const departments = (await cgi(`department/list?access_token=${syncToken}`)).department as Json[];
    expect(departments.find((d) => d.name === '研发部')?.id).toBe(lisi.department[0]);
  });

  it('replaces members: the file wins, and members it does not list are disabled', async () => {
    const csv = Buffer.from(['\ufeff' + HEADER, '张三,zhangsan,13800000001,,1,高级工程师,1,0,0,,,,0,', '李四,lisi,13800000002,,研发部,,,,,,,,,', '王五,wangwu,13800000003,,1,,,,,,,,,'].join('\n'));
    const done = await runBatch('replaceuser', csv);
    expect(done).toMatchObject({ errcode: 0, status: 3, type: 'replace_user', total: 3 });
    expect(await cgi(`user/get?access_token=${syncToken}&userid=zhaoliu`)).toMatchObject({ errcode: 0, status: 2 });
    expect(await cgi(`user/get?access_token=${syncToken}&userid=zhangsan`)).toMatchObject({ position: '高级工程师' });
    expect((await cgi(`user/get?access_token=${syncToken}&userid=wangwu`)).errcode).toBe(0);
  });

  it('fails a file with bad rows, reporting each, and changes nothing', async () => {
    const csv = Buffer.from([HEADER, '钱七,qianqi,13800000007,,1,,,,,,,,,', '孙八,sunba,12345,,1,,,,,,,,,', '周九,zhoujiu,13800000009,,999,,,,,,,,,'].join('\n'));
    const done = await runBatch('syncuser', csv);
    expect(done).toMatchObject({ errcode: 40092, status: 3, type: 'sync_user', total: 3, percentage: 100 });
    expect(done.result).toEqual([
      { userid: 'sunba', errcode: 60103, errmsg: expect.stringContaining('手机号') },
      { userid: 'zhoujiu', errcode: 60003, errmsg: expect.stringContaining('999') },
    ]);
    expect((await cgi(`user/get?access_token=${syncToken}&userid=qianqi`)).errcode).toBe(60111);
    const unreadable = await upload(syncToken, 'file', Buffer.from('名字,其他\n张三,x\n'));
    expect((await cgi(`batch/syncuser?access_token=${syncToken}`, { media_id: unreadable.media_id })).errcode).toBe(40092);
    expect((await cgi(`batch/syncuser?access_token=${syncToken}`, { media_id: 'nope' })).errcode).toBe(40007);
  });

  it('replaces departments: creates and updates from the file, deletes the unlisted ones only when empty', async () => {
    const empty = await cgi(`department/create?access_token=${syncToken}`, { name: '空部门', parentid: 1 });
    const csv = Buffer.from(['部门名称,部门ID,父部门ID,排序', '华东区,101,100,', '星河科技,1,0,', '市场部,100,1,10'].join('\n'));
    const done = await runBatch('replaceparty', csv);
    expect(done).toMatchObject({ errcode: 0, status: 3, type: 'replace_party', total: 3 });
    expect(done.result).toEqual([{ action: 0, partyid: 1, errcode: 0, errmsg: 'ok' }, { action: 1, partyid: 100, errcode: 0, errmsg: 'ok' }, { action: 1, partyid: 101, errcode: 0, errmsg: 'ok' }]);
    const names = ((await cgi(`department/list?access_token=${syncToken}`)).department as Json[]).map((d) => d.name);
    // 研发部 still has 李四, so it stays; 空部门 goes.
    expect(names.sort()).toEqual(['华东区', '市场部', '星河科技', '研发部'].sort());
    expect(names).not.toContain(empty.name);
    const bad = await runBatch('replaceparty', Buffer.from(['部门名称,部门ID,父部门ID', '甲,abc,1', '乙,200,1'].join('\n')));
    expect(bad).toMatchObject({ errcode: 40092, status: 3, result: [{ partyid: 0, errcode: 40092 }] });
    expect(((await cgi(`department/list?access_token=${syncToken}`)).department as Json[]).map((d) => d.name)).not.toContain('乙');
  });

  it('is for the directory-sync app only, and a jobid belongs to its corp', async () => {
    const media = await upload(customToken, 'file', Buffer.from([HEADER, '钱七,qianqi,13800000007,,1'].join('\n')));
    expect((await cgi(`batch/syncuser?access_token=${customToken}`, { media_id: media.media_id })).errcode).toBe(48002);
    expect((await cgi(`batch/replaceparty?access_token=${customToken}`, { media_id: media.media_id })).errcode).toBe(48002);
    const done = await runBatch('syncuser', Buffer.from([HEADER, '钱七,qianqi,13800000007,,1'].join('\n')));
    expect((await cgi(`batch/getresult?access_token=${customToken}&jobid=${done.jobid}`)).errcode).toBe(48002);
    expect((await cgi(`batch/getresult?access_token=${otherSyncToken}&jobid=${done.jobid}`)).errcode).toBe(40088);
    expect((await cgi(`batch/getresult?access_token=${syncToken}&jobid=nope`)).errcode).toBe(40088);
  });

  it('still parses JSON bodies sent without a Content-Type next to multipart uploads', async () => {
    expect(await cgi(`user/getuserid?access_token=${customToken}`, JSON.stringify({ mobile: '13800000001' }))).toEqual({ errcode: 0, errmsg: 'ok', userid: 'zhangsan' });
    const form = new FormData();
    form.append('mobile', '13800000001');
    const asForm = await fetch(`${server.url}/cgi-bin/user/getuserid?access_token=${customToken}`, { method: 'POST', body: form });
    expect(((await asForm.json()) as Json).errcode).toBe(40058);
  });
});

// Last: it moves the clock 3 days on.
describe('media expiry', () => {
  it('forgets a media_id 3 days after its upload, and purges it', async () => {
    const stored = await upload(customToken, 'file', Buffer.from('expiring'), 'e.txt', 'text/plain');
    server.clock.advance(3 * 24 * 3600 * 1000 - 1000);
    // Tokens last 2 hours: a fresh one for each step.
    let token = await tokenOf(customSecret);
    expect((await fetch(`${server.url}/cgi-bin/media/get?access_token=${token}&media_id=${stored.media_id}`)).headers.get('content-type')).toContain('text/plain');
    server.clock.advance(2000);
    token = await tokenOf(customSecret);
    const expired = await fetch(`${server.url}/cgi-bin/media/get?access_token=${token}&media_id=${stored.media_id}`);
    expect(expired.headers.get('content-type')).toContain('application/json');
    expect(((await expired.json()) as Json).errcode).toBe(40007);
    expect(await server.services.media.purgeExpired()).toBeGreaterThanOrEqual(1);
  });
});
