import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { loadConfig, openRuntime, operatorContext } from '@orgdesk/server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchChromium } from './browser';
import { randomMobile, seedCorp } from './seed';
import { orgdeskCli, startServer, type RunningServer } from './server';

/**
 * An in-house app signs members in through Orgdesk as it would through WeCom: its page sends the browser to
 * /connect/oauth2/authorize; a member not yet signed in signs in on the console's page and comes back; the app's
 * server exchanges the code with its own token for the userid.
 */

let server: RunningServer;
let appServer: Server;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
const lina = { userid: 'lina', name: '李娜', mobile: randomMobile(), password: 'Lina2026pass' };
let corpId: string;
let agentId: number;
let appOrigin: string;

/** The in-house app's backend: on /cb it exchanges the code exactly as WeCom sample code does. */
function startInHouseApp(secret: () => string): Promise<Server> {
  const app = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url!, appOrigin);
      if (url.pathname !== '/cb') return void response.writeHead(404).end();
      const token = ((await (await fetch(`${server.url}/cgi-bin/gettoken?corpid=${corpId}&corpsecret=${secret()}`)).json()) as { access_token: string }).access_token;
      const info = (await (await fetch(`${server.url}/cgi-bin/auth/getuserinfo?access_token=${token}&code=${url.searchParams.get('code')}`)).json()) as { errcode: number; userid?: string };
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(`<p data-testid="greeting">${info.errcode === 0 ? `你好，${info.userid}` : `错误 ${info.errcode}`} (state ${url.searchParams.get('state')})</p>`);
    })();
  });
  return new Promise((done) => app.listen(0, '127.0.0.1', () => done(app)));
}

beforeAll(async () => {
  const corp = await seedCorp('晨星网络科技有限公司', [{ ...lina, department: '销售部' }]);
  corpId = corp.corpId;
  let secret = '';
  appServer = await startInHouseApp(() => secret);
  appOrigin = `http://127.0.0.1:${(appServer.address() as AddressInfo).port}`;
  const created = JSON.parse(await orgdeskCli(['app', 'create', '--corp', corpId, '--name', '销售助手', '--visible-all', '--data-dir', corp.dataDir, '--json'])) as { agentId: number; secret: string };
  ({ agentId, secret } = created);
  // Its page lives on 127.0.0.1:<port>: that is its trusted domain, set as an admin would in the console.
  const runtime = await openRuntime(loadConfig({ ...process.env, DATABASE_URL: '', LOG_LEVEL: 'warn' }, { dataDir: corp.dataDir }), { purpose: 'e2e seed' });
  try {
    const app = (await runtime.services.apps.list(runtime.services.db, corpId)).find((a) => a.agentId === agentId)!;
    await runtime.services.db.transaction().execute((trx) => runtime.services.apps.update(trx, corpId, app.id, { trustedDomains: [new URL(appOrigin).host] }, operatorContext('e2e seed')));
  } finally {
    await runtime.close();
  }
  server = await startServer({ dataDir: corp.dataDir });
  browser = await launchChromium();
  page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1280, height: 800 } });
  page.on('pageerror', (error) => pageErrors.push(error.message));
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await new Promise<void>((done) => (appServer ? appServer.close(() => done()) : done()));
});

it('signs a member in to an in-house app: authorize link → sign-in page → back to the app with a code it exchanges for the userid', async () => {
  const query = new URLSearchParams({ appid: corpId, redirect_uri: `${appOrigin}/cb`, response_type: 'code', scope: 'snsapi_base', state: 'visit42', agentid: String(agentId) });
  await page.goto(`${server.url}/connect/oauth2/authorize?${query}#wechat_redirect`);
  // Not signed in yet: the console's sign-in page, which will come back to the link.
  await page.getByTestId('signin-login').fill(lina.mobile);
  await page.getByTestId('signin-password').fill(lina.password);
  await page.getByTestId('signin-submit').click();
  await expect.poll(() => page.getByTestId('greeting').textContent().catch(() => ''), { timeout: 15_000 }).toBe('你好，lina (state visit42)');
  expect(new URL(page.url()).origin).toBe(appOrigin);

  // Signed in now: the next visit goes straight through.
  await page.goto(`${server.url}/connect/oauth2/authorize?${query}`);
  await expect.poll(() => page.getByTestId('greeting').textContent().catch(() => ''), { timeout: 10_000 }).toBe('你好，lina (state visit42)');

  // A link to a redirect outside the app's trusted domains stops on Orgdesk's own page.
  const evil = new URLSearchParams({ ...Object.fromEntries(query), redirect_uri: 'https://evil.example.net/cb' });
  const refused = await page.goto(`${server.url}/connect/oauth2/authorize?${evil}`);
  expect(refused?.status()).toBe(400);
  expect(await page.locator('h1').textContent()).toContain('可信域名');
  expect(pageErrors).toEqual([]);
});
