import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactsSyncSecret, registerCorp, startTestServer, type RegisteredCorp, type TestServer } from '../harness';

let server: TestServer;
let corp: RegisteredCorp;
let syncAppId: string;
let syncToken: string;
let customToken: string;

/** A /cgi-bin call; POST bodies go out as raw text with no Content-Type unless one is given, as some clients send them. */
async function cgi(path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.url}/cgi-bin/${path}`, { method: body === undefined ? 'GET' : 'POST', body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body), headers });
  expect(response.status).toBe(200);
  return response.json() as Promise<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
}

async function tokenOf(secret: string): Promise<string> {
  return (await cgi(`gettoken?corpid=${corp.corpId}&corpsecret=${secret}`)).access_token;
}

beforeAll(async () => {
  server = await startTestServer();
  corp = await registerCorp(server, { name: '星河科技' });
  const sync = await contactsSyncSecret(server, corp);
  syncAppId = sync.app.id;
  syncToken = await tokenOf(sync.secret);
  const custom = await corp.client.post('/api/v1/apps', { name: '自建应用', visibleRange: { all: true } });
  customToken = await tokenOf(custom.body.secret);
});
afterAll(async () => server?.close());

describe('directory writes through /cgi-bin', () => {
  it('lets only the directory-sync app with API writes on change the directory (48002 otherwise)', async () => {
    const member = { userid: 'zhangsan', name: '张三', mobile: '13800000001', department: [1] };
    expect((await cgi(`user/create?access_token=${syncToken}`, member)).errcode).toBe(48002);
    expect((await cgi(`user/create?access_token=${customToken}`, member)).errcode).toBe(48002);
    expect((await corp.client.patch(`/api/v1/apps/${syncAppId}`, { apiWrite: true })).status).toBe(200);
    expect(await cgi(`user/create?access_token=${syncToken}`, member)).toEqual({ errcode: 0, errmsg: 'created' });
    expect((await cgi(`user/create?access_token=${customToken}`, { ...member, userid: 'other', mobile: '13800000009' })).errcode).toBe(48002);
    const audit = await corp.client.get('/api/v1/audit?action=directory.member_create');
    expect(audit.body.items[0]).toMatchObject({ actor: 'app:contacts_sync', actorName: '通讯录同步', targetId: 'zhangsan' });
  });

  it('creates, moves and deletes departments and members with WeCom\'s fields and errcodes', async () => {
    const created = await cgi(`department/create?access_token=${syncToken}`, { name: '研发部', parentid: 1, order: 10 });
    expect(created).toMatchObject({ errcode: 0, errmsg: 'created', id: expect.any(Number) });
    const dept = created.id as number;
    expect((await cgi(`department/create?access_token=${syncToken}`, { name: '研发部', parentid: 1 })).errcode).toBe(60008);
    expect((await cgi(`department/create?access_token=${syncToken}`, { name: 'a|b', parentid: 1 })).errcode).toBe(40058);
    expect(await cgi(`department/update?access_token=${syncToken}`, { id: dept, name: '研发中心' })).toEqual({ errcode: 0, errmsg: 'updated' });

    const lisi = { userid: 'lisi', name: '李四', mobile: '13800000002', department: [dept, 1], order: [5, 0], is_leader_in_dept: [1, 0], position: '经理', gender: '2', main_department: dept };
    expect((await cgi(`user/create?access_token=${syncToken}`, lisi)).errcode).toBe(0);
    expect((await cgi(`user/create?access_token=${syncToken}`, { ...lisi, mobile: '13800000003' })).errcode).toBe(60102);
    expect((await cgi(`user/create?access_token=${syncToken}`, { ...lisi, userid: 'lisi2' })).errcode).toBe(60104);
    const badMobile = await cgi(`user/create?access_token=${syncToken}`, { userid: 'bad', name: '坏', mobile: '12345', department: [1] });
    expect(badMobile.errcode).toBe(40058);
    expect(badMobile.errmsg).toContain('mobile');
    const got = await cgi(`user/get?access_token=${syncToken}&userid=lisi`);
    expect(got).toMatchObject({ position: '经理', gender: '2', main_department: dept, status: 4 });
    // department[i], order[i] and is_leader_in_dept[i] describe the same membership.
    const links = (got.department as number[]).map((id, i) => [id, got.order[i], got.is_leader_in_dept[i]]);
    expect(links.sort()).toEqual([[1, 0, 0], [dept, 5, 1]].sort());

    expect((await cgi(`user/update?access_token=${syncToken}`, { userid: 'lisi', position: '总监', enable: 0 })).errcode).toBe(0);
    expect(await cgi(`user/get?access_token=${syncToken}&userid=lisi`)).toMatchObject({ position: '总监', status: 2, mobile: '13800000002' });
    expect((await cgi(`department/delete?access_token=${syncToken}&id=${dept}`)).errcode).toBe(60005);
    expect((await cgi(`department/delete?access_token=${syncToken}&id=1`)).errcode).toBe(60007);
    expect(await cgi(`user/delete?access_token=${syncToken}&userid=lisi`)).toEqual({ errcode: 0, errmsg: 'deleted' });
    expect(await cgi(`department/delete?access_token=${syncToken}&id=${dept}`)).toEqual({ errcode: 0, errmsg: 'deleted' });
  });

  it('batch-deletes all or nothing', async () => {
    for (const [userid, mobile] of [['b1', '13800000011'], ['b2', '13800000012']]) {
      expect((await cgi(`user/create?access_token=${syncToken}`, { userid, name: userid, mobile, department: [1] })).errcode).toBe(0);
    }
    const refused = await cgi(`user/batchdelete?access_token=${syncToken}`, { useridlist: ['b1', 'ghost'] });
    expect(refused.errcode, JSON.stringify(refused)).toBe(60111);
    expect((await cgi(`user/get?access_token=${syncToken}&userid=b1`)).errcode).toBe(0);
    expect((await cgi(`user/batchdelete?access_token=${syncToken}`, { useridlist: ['b1', 'b2'] })).errcode).toBe(0);
    expect((await cgi(`user/get?access_token=${syncToken}&userid=b2`)).errcode).toBe(60111);
  });

  it('manages tags, reporting invalid members as a |-joined string and invalid departments as numbers', async () => {
    const tag = await cgi(`tag/create?access_token=${syncToken}`, { tagname: '乒乓球协会' });
    expect(tag).toMatchObject({ errcode: 0, errmsg: 'created', tagid: expect.any(Number) });
    expect((await cgi(`tag/create?access_token=${syncToken}`, { tagname: '乒乓球协会' })).errcode).toBe(40071);
    const added = await cgi(`tag/addtagusers?access_token=${syncToken}`, { tagid: tag.tagid, userlist: ['zhangsan', 'ghost1', 'ghost2'], partylist: [1, 999] });
    expect(added).toEqual({ errcode: 0, errmsg: 'ok', invalidlist: 'ghost1|ghost2', invalidparty: [999] });
    expect((await cgi(`tag/addtagusers?access_token=${syncToken}`, { tagid: tag.tagid, userlist: ['ghost'] })).errcode).toBe(40070);
    expect(await cgi(`tag/get?access_token=${syncToken}&tagid=${tag.tagid}`)).toMatchObject({ errcode: 0, tagname: '乒乓球协会', userlist: [{ userid: 'zhangsan', name: '张三' }], partylist: [1] });
    expect((await cgi(`tag/list?access_token=${customToken}`)).taglist).toEqual([{ tagid: tag.tagid, tagname: '乒乓球协会' }]);
    expect(await cgi(`tag/deltagusers?access_token=${syncToken}`, { tagid: tag.tagid, userlist: ['zhangsan'] })).toEqual({ errcode: 0, errmsg: 'deleted' });
    expect(await cgi(`tag/update?access_token=${syncToken}`, { tagid: tag.tagid, tagname: '羽毛球协会' })).toEqual({ errcode: 0, errmsg: 'updated' });
    expect(await cgi(`tag/delete?access_token=${syncToken}&tagid=${tag.tagid}`)).toEqual({ errcode: 0, errmsg: 'deleted' });
    expect((await cgi(`tag/get?access_token=${syncToken}&tagid=${tag.tagid}`)).errcode).toBe(40068);
  });

  it('parses JSON bodies whatever the Content-Type, and names malformed JSON', async () => {
    const asForm = await cgi(`user/getuserid?access_token=${syncToken}`, JSON.stringify({ mobile: '13800000001' }), { 'content-type': 'application/x-www-form-urlencoded' });
    expect(asForm).toEqual({ errcode: 0, errmsg: 'ok', userid: 'zhangsan' });
    const broken = await cgi(`user/getuserid?access_token=${syncToken}`, '{"mobile": ');
    expect(broken.errcode).toBe(40058);
    expect(broken.errmsg).toContain('wrong json format');
  });
});

describe('lookups', () => {
  it('finds a userid by mobile (46004 when none) and gives a stable openid', async () => {
    expect((await cgi(`user/getuserid?access_token=${customToken}`, { mobile: '13899999999' })).errcode).toBe(46004);
    const first = await cgi(`user/convert_to_openid?access_token=${customToken}`, { userid: 'ZhangSan' });
    expect(first.openid).toMatch(/^o[\w-]{27}$/);
    expect((await cgi(`user/convert_to_openid?access_token=${syncToken}`, { userid: 'zhangsan' })).openid).toBe(first.openid);
  });

  it('lists every (member, department) pair by cursor, for the directory-sync app only', async () => {
    expect((await cgi(`user/list_id?access_token=${customToken}`, {})).errcode).toBe(48002);
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 20; page++) {
      const answer = await cgi(`user/list_id?access_token=${syncToken}`, { cursor, limit: 1 });
      expect(answer.errcode).toBe(0);
      seen.push(...answer.dept_user.map((r: { userid: string; department: number }) => `${r.userid}@${r.department}`));
      if (!answer.next_cursor) break;
      cursor = answer.next_cursor;
    }
    expect(seen.sort()).toEqual([`${corp.userid}@1`, 'zhangsan@1'].sort());
    expect((await cgi(`user/list_id?access_token=${syncToken}`, { cursor: 'bogus' })).errcode).toBe(40058);
  });
});
