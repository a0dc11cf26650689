import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decrypt, getSignature } from '@wecom/crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchChromium } from './browser';
import { seedCorp } from './seed';
import { startServer, type RunningServer } from './server';
import { signInFirstTime } from './sign-in';

// The receiver's own settings, as an app's developer would have configured them on their server.
const TOKEN = 'QDG6eK';
const AES_KEY = 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C';

/** An app's callback receiver, written against the official @wecom/crypto: it checks every signature WeCom-style. */
interface Receiver {
  url: string;
  received: string[];
  close(): Promise<void>;
}

async function startReceiver(corpId: string): Promise<Receiver> {
  const received: string[] = [];
  const http: Server = createServer((request, response) => {
    const query = new URL(request.url!, 'http://x').searchParams;
    const [timestamp, nonce, signatureGiven] = [query.get('timestamp') ?? '', query.get('nonce') ?? '', query.get('msg_signature') ?? ''];
    if (request.method === 'GET') {
      const echostr = query.get('echostr') ?? '';
      if (getSignature(TOKEN, timestamp, nonce, echostr) !== signatureGiven) return void response.writeHead(403).end();
      return void response.end(decrypt(AES_KEY, echostr).message);
    }
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const encrypted = /<Encrypt><!\[CDATA\[(.*?)\]\]><\/Encrypt>/.exec(body)?.[1] ?? '';
      if (getSignature(TOKEN, timestamp, nonce, encrypted) !== signatureGiven) return void response.writeHead(403).end();
      const opened = decrypt(AES_KEY, encrypted);
      if (opened.id !== corpId) return void response.writeHead(403).end();
      received.push(opened.message);
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((done) => http.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}/wecom/callback`,
    received,
    close: () => new Promise<void>((done) => http.close(() => done())),
  };
}

let server: RunningServer;
let receiver: Receiver;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
const byTestId = (id: string) => page.getByTestId(id);

beforeAll(async () => {
  const corp = await seedCorp('云帆软件有限公司');
  server = await startServer({ dataDir: corp.dataDir });
  receiver = await startReceiver(corp.corpId);
  browser = await launchChromium();
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
  page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await signInFirstTime(page, server.url, corp.admin.mobile, corp.admin.password);
});

afterAll(async () => {
  await browser?.close();
  await receiver?.close();
  await server?.stop();
});

it('saves a callback URL only once its handshake succeeds, and shows the change_contact event it then receives as delivered', async () => {
  // A custom app visible to everyone: it receives the directory's change_contact events.
  await byTestId('nav-apps').click();
  await byTestId('apps-create').click();
  await byTestId('app-create-name').fill('通讯录镜像');
  await byTestId('app-create-range-all').click();
  await byTestId('app-create-submit').click();
  await byTestId('app-secret-done').click();
  const row = byTestId('apps-table').locator('[data-agentid="1000002"]');
  await row.waitFor({ timeout: 10_000 });
  await row.locator('[data-testid^="app-name-"]').click();
  await byTestId('app-callback-form').waitFor({ timeout: 10_000 });
  await expect(byTestId('app-deliveries-table').innerText()).resolves.toContain('暂无数据');

  // A token the receiver does not use: its handshake answers 403, and the URL field says so; nothing is saved.
  await byTestId('app-callback-url').fill(receiver.url);
  await byTestId('app-callback-token').fill('WrongToken1');
  await byTestId('app-callback-aes-key').fill(AES_KEY);
  await byTestId('app-callback-submit').click();
  const urlError = byTestId('app-callback-form').locator('.ant-form-item-explain-error', { hasText: '回调地址校验失败，未保存' });
  await urlError.waitFor({ timeout: 10_000 });
  await expect(urlError.innerText()).resolves.toContain('403');
  await page.screenshot({ path: 'test-results/app-callback-unverified.png', fullPage: true, animations: 'disabled' });
  await expect(byTestId('app-callback-current-url').count()).resolves.toBe(0);

  // 随机生成 fills 43 letters and digits (a new one each time); the receiver's own key goes in for the real save.
  await byTestId('app-callback-aes-key-generate').click();
  const generated = await byTestId('app-callback-aes-key').inputValue();
  expect(generated).toMatch(/^[A-Za-z0-9]{43}$/);
  await byTestId('app-callback-aes-key-generate').click();
  await expect(byTestId('app-callback-aes-key').inputValue()).resolves.not.toBe(generated);
  await byTestId('app-callback-token-generate').click();
  await expect(byTestId('app-callback-token').inputValue()).resolves.toMatch(/^[A-Za-z0-9]{32}$/);
  await byTestId('app-callback-token').fill(TOKEN);
  await byTestId('app-callback-aes-key').fill(AES_KEY);
  await byTestId('app-callback-submit').click();
  await expect.poll(() => byTestId('app-callback-current-url').innerText(), { timeout: 10_000 }).toBe(receiver.url);
  await expect(byTestId('app-callback-verified-at').innerText()).resolves.toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  await expect(byTestId('app-callback-form').count()).resolves.toBe(0);

  // A department added in the console (with the session's CSRF token): the running server's dispatcher posts it.
  const status = await page.evaluate(async () => {
    const { csrfToken } = (await (await fetch('/api/v1/auth/me')).json()) as { csrfToken: string };
    const response = await fetch('/api/v1/departments', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrfToken }, body: JSON.stringify({ name: '研发部', parentId: 1 }) });
    return response.status;
  });
  expect(status).toBe(200);
  await expect.poll(() => receiver.received.length, { timeout: 15_000 }).toBeGreaterThan(0);
  const event = receiver.received.find((xml) => xml.includes('<ChangeType><![CDATA[create_party]]></ChangeType>'));
  expect(event).toContain('<Event><![CDATA[change_contact]]></Event>');
  expect(event).toContain('<Name><![CDATA[研发部]]></Name>');

  // 回调记录 refreshes itself every 10 s: the delivery appears as 已送达, create_party, sent once.
  const delivered = byTestId('app-deliveries-table').locator('[data-status="delivered"][data-change-type="create_party"]');
  await delivered.waitFor({ timeout: 25_000 });
  await expect(delivered.innerText()).resolves.toMatch(/change_contact[\s\S]*create_party[\s\S]*已送达[\s\S]*1/);

  // The status filter: none failed; back to delivered, the row is there.
  await byTestId('app-deliveries-status').click();
  await page.locator('.ant-select-item-option', { hasText: '失败' }).click();
  await expect.poll(() => delivered.count(), { timeout: 10_000 }).toBe(0);
  await byTestId('app-deliveries-status').click();
  await page.locator('.ant-select-item-option', { hasText: '已送达' }).click();
  await delivered.waitFor({ timeout: 10_000 });
  await page.screenshot({ path: 'test-results/app-callback-delivered.png', fullPage: true, animations: 'disabled' });

  // 清除, confirmed: the form is back and the history stays.
  await byTestId('app-callback-clear').click();
  await byTestId('app-callback-clear-confirm').click();
  await byTestId('app-callback-form').waitFor({ timeout: 10_000 });
  await expect(byTestId('app-callback-url').inputValue()).resolves.toBe('');
  await expect(delivered.count()).resolves.toBe(1);
  expect(pageErrors).toEqual([]);
});
