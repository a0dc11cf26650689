import { createCipheriv, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decrypt, encrypt, getSignature } from '@wecom/crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { decryptMessage, encryptedEnvelope, encryptMessage, isCallbackToken, isEncodingAesKey, signature, verifyCallbackUrl } from './index';

// Official vectors, reference §11.4.
const TOKEN = 'QDG6eK';
const KEY = 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C';
const RECEIVE_ID = 'wx5823bf96d3bd56c7';
const ECHOSTR = 'P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==';
const ENCRYPT =
  'RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXx' +
  'accAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP' +
  '7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XX' +
  'ZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==';
const MESSAGE = [
  '<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName>',
  '<FromUserName><![CDATA[mycreate]]></FromUserName>',
  '<CreateTime>1409659813</CreateTime>',
  '<MsgType><![CDATA[text]]></MsgType>',
  '<Content><![CDATA[hello]]></Content>',
  '<MsgId>4561255354251345929</MsgId>',
  '<AgentID>218</AgentID>',
  '</xml>',
].join('\n');

// Messages whose UTF-8 byte lengths straddle the 32-byte pad boundary, plus multi-byte text.
const MESSAGES = ['', 'a', 'x'.repeat(31), 'x'.repeat(32), 'x'.repeat(33), '你好，企业微信！', '部门变更'.repeat(40), MESSAGE];

/** Encrypts raw bytes with the key's AES/IV and no padding, to craft plaintexts our encryptor would never produce. */
function encryptRaw(plain: Buffer, key = KEY): string {
  const aesKey = Buffer.from(`${key}=`, 'base64');
  const cipher = createCipheriv('aes-256-cbc', aesKey, aesKey.subarray(0, 16)).setAutoPadding(false);
  return Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64');
}

function header(length: number): Buffer {
  const buf = Buffer.alloc(20);
  buf.writeUInt32BE(length, 16);
  return buf;
}

describe('official test vectors', () => {
  it('VerifyURL: signature matches and echostr decrypts to the plaintext', () => {
    expect(signature(TOKEN, '1409659589', '263014780', ECHOSTR)).toBe('5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3');
    expect(decryptMessage(KEY, ECHOSTR)).toEqual({ message: '1616140317555161061', receiveId: RECEIVE_ID });
  });

  it('DecryptMsg: signature matches and Encrypt decrypts to the XML (pad 30 needs 32-byte blocks)', () => {
    expect(signature(TOKEN, '1409659813', '1372623149', ENCRYPT)).toBe('477715d11cdb4164915debcba66cb864d751f3e6');
    expect(decryptMessage(KEY, ENCRYPT)).toEqual({ message: MESSAGE, receiveId: RECEIVE_ID });
  });

  it('re-encrypting with the original random prefix reproduces the official ciphertext', () => {
    const random = decrypt(KEY, ENCRYPT).random;
    expect(encryptMessage(KEY, MESSAGE, RECEIVE_ID, random)).toBe(ENCRYPT);
  });
});

describe('compatibility with @wecom/crypto', () => {
  it.each(MESSAGES.map((m) => [Buffer.byteLength(m), m]))('round-trips a %i-byte message both ways', (_bytes, message) => {
    const ours = encryptMessage(KEY, message, RECEIVE_ID);
    expect(decrypt(KEY, ours)).toMatchObject({ message, id: RECEIVE_ID });
    const theirs = encrypt(KEY, message, RECEIVE_ID);
    expect(decryptMessage(KEY, theirs)).toEqual({ message, receiveId: RECEIVE_ID });
    const random = randomBytes(16);
    expect(encryptMessage(KEY, message, RECEIVE_ID, random)).toBe(encrypt(KEY, message, RECEIVE_ID, random));
  });

  it('produces a ciphertext that is a multiple of 32 bytes, padding a full block when aligned', () => {
    // 16 + 4 + 8 + 4 = 32 plaintext bytes → 64 ciphertext bytes.
    expect(Buffer.from(encryptMessage(KEY, '12345678', 'corp'), 'base64')).toHaveLength(64);
    for (const m of MESSAGES) expect(Buffer.from(encryptMessage(KEY, m, RECEIVE_ID), 'base64').length % 32).toBe(0);
  });

  it('signs like getSignature', () => {
    const enc = encrypt(KEY, 'hello', RECEIVE_ID);
    expect(signature(TOKEN, '1700000000', '42', enc)).toBe(getSignature(TOKEN, '1700000000', '42', enc));
    expect(signature('zzz', 'AAA', '000', 'mmm')).toBe(getSignature('zzz', 'AAA', '000', 'mmm'));
  });

  it('keeps an empty ReceiveId (personal third-party apps)', () => {
    expect(decryptMessage(KEY, encrypt(KEY, 'hi', ''))).toEqual({ message: 'hi', receiveId: '' });
  });
});

describe('bad input', () => {
  it('rejects keys of the wrong shape or length', () => {
    expect(() => encryptMessage(KEY.slice(1), 'x', 'c')).toThrow(/EncodingAESKey/);
    expect(() => encryptMessage(`${KEY}A`, 'x', 'c')).toThrow(/EncodingAESKey/);
    expect(() => decryptMessage(`${KEY.slice(1)}+`, ENCRYPT)).toThrow(/EncodingAESKey/);
    expect(() => decryptMessage('', ENCRYPT)).toThrow(/EncodingAESKey/);
  });

  it('rejects a random prefix that is not 16 bytes', () => {
    expect(() => encryptMessage(KEY, 'x', 'c', Buffer.alloc(8))).toThrow(/16 bytes/);
  });

  it('rejects ciphertext that is not base64 or not whole blocks', () => {
    expect(() => decryptMessage(KEY, 'not base64!')).toThrow(/base64/);
    expect(() => decryptMessage(KEY, ECHOSTR.replace('+', ' '))).toThrow(/base64/);
    expect(() => decryptMessage(KEY, '')).toThrow(/multiple of 16/);
    expect(() => decryptMessage(KEY, Buffer.alloc(40).toString('base64'))).toThrow(/multiple of 16/);
  });

  it('rejects a tampered last block (garbled padding)', () => {
    const bytes = Buffer.from(ECHOSTR, 'base64');
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0x01;
    expect(() => decryptMessage(KEY, bytes.toString('base64'))).toThrow();
  });

  it('accepts pad values 1 and 32, rejects 0, 33 and inconsistent pad bytes', () => {
    const body = Buffer.concat([header(3), Buffer.from('abc'), Buffer.from('corp')]); // 27 bytes
    const pad = (n: number, fill = n) => Buffer.concat([body, Buffer.alloc(n - 1, fill), Buffer.from([n])]);
    expect(decryptMessage(KEY, encryptRaw(pad(5)))).toEqual({ message: 'abc', receiveId: 'corp' });
    expect(decryptMessage(KEY, encryptRaw(Buffer.concat([body, Buffer.from('1234'), Buffer.from([1])])))).toEqual({
      message: 'abc',
      receiveId: 'corp1234',
    });
    const aligned = Buffer.concat([header(8), Buffer.from('abcdefgh'), Buffer.from('corp')]); // 32 bytes → a full pad block
    expect(decryptMessage(KEY, encryptRaw(Buffer.concat([aligned, Buffer.alloc(32, 32)])))).toEqual({ message: 'abcdefgh', receiveId: 'corp' });
    expect(() => decryptMessage(KEY, encryptRaw(Buffer.concat([body, Buffer.alloc(5, 0)])))).toThrow(/bad padding/);
    expect(() => decryptMessage(KEY, encryptRaw(Buffer.concat([body, Buffer.alloc(4, 0), Buffer.from([33])])))).toThrow(/bad padding/);
    expect(() => decryptMessage(KEY, encryptRaw(pad(5, 4)))).toThrow(/not all equal/);
  });

  it('rejects a length field that does not fit', () => {
    const plain = Buffer.concat([header(100), Buffer.from('abc'), Buffer.alloc(9, 9)]);
    expect(() => decryptMessage(KEY, encryptRaw(plain))).toThrow(/does not fit/);
    const huge = Buffer.concat([header(0xffffffff), Buffer.from('abc'), Buffer.alloc(9, 9)]);
    expect(() => decryptMessage(KEY, encryptRaw(huge))).toThrow(/does not fit/);
    expect(() => decryptMessage(KEY, encryptRaw(Buffer.concat([Buffer.alloc(16), Buffer.alloc(16, 16)])))).toThrow(/header/);
  });
});

describe('validators', () => {
  it('checks EncodingAESKey and Token shapes', () => {
    expect(isEncodingAesKey(KEY)).toBe(true);
    expect(isEncodingAesKey(KEY.slice(1))).toBe(false);
    expect(isEncodingAesKey(`${KEY.slice(1)}+`)).toBe(false);
    expect(isEncodingAesKey(undefined)).toBe(false);
    expect(isCallbackToken(TOKEN)).toBe(true);
    expect(isCallbackToken('a'.repeat(32))).toBe(true);
    expect(isCallbackToken('a'.repeat(33))).toBe(false);
    expect(isCallbackToken('')).toBe(false);
    expect(isCallbackToken('tok-en')).toBe(false);
  });
});

describe('encryptedEnvelope', () => {
  it('builds the WeCom POST body and a signature over its Encrypt value', () => {
    const { body, query } = encryptedEnvelope({
      corpId: 'ww1234', agentId: 1000002, token: TOKEN, encodingAesKey: KEY, message: MESSAGE, timestamp: '1700000000', nonce: '123456',
    });
    const prefix = '<xml><ToUserName><![CDATA[ww1234]]></ToUserName><AgentID><![CDATA[1000002]]></AgentID><Encrypt><![CDATA[';
    const suffix = ']]></Encrypt></xml>';
    expect(body.startsWith(prefix) && body.endsWith(suffix)).toBe(true);
    const encrypted = body.slice(prefix.length, -suffix.length);
    expect(encrypted).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(decrypt(KEY, encrypted)).toMatchObject({ message: MESSAGE, id: 'ww1234' });
    expect(query).toEqual({ msg_signature: getSignature(TOKEN, '1700000000', '123456', encrypted), timestamp: '1700000000', nonce: '123456' });
  });

  it('defaults timestamp and nonce, and splits "]]>" inside CDATA', () => {
    const { body, query } = encryptedEnvelope({ corpId: 'a]]>b', agentId: '', token: TOKEN, encodingAesKey: KEY, message: 'x' });
    expect(body).toContain('<ToUserName><![CDATA[a]]]]><![CDATA[>b]]></ToUserName><AgentID><![CDATA[]]></AgentID>');
    expect(Math.abs(Number(query.timestamp) - Date.now() / 1000)).toBeLessThan(5);
    expect(query.nonce).toMatch(/^\d+$/);
  });
});

describe('verifyCallbackUrl', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    for (const s of servers.splice(0)) {
      s.closeAllConnections();
      await new Promise((resolve) => s.close(resolve));
    }
  });

  async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
    const server = createServer(handler);
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  /** A receiver done right: checks the signature, decrypts with the official package, answers the plaintext. */
  function receiver(answer: (plain: string, echostr: string) => string) {
    return (req: IncomingMessage, res: ServerResponse) => {
      const q = new URL(req.url ?? '/', 'http://x').searchParams;
      const echostr = q.get('echostr') ?? '';
      if (q.get('msg_signature') !== getSignature(TOKEN, q.get('timestamp') ?? '', q.get('nonce') ?? '', echostr)) {
        res.writeHead(403).end('bad signature');
        return;
      }
      const { message, id } = decrypt(KEY, echostr);
      if (id !== RECEIVE_ID) res.writeHead(403).end('bad receive id');
      else res.writeHead(200, { 'content-type': 'text/plain' }).end(answer(message, echostr));
    };
  }

  const base = { token: TOKEN, encodingAesKey: KEY, corpId: RECEIVE_ID };

  it('accepts a receiver that answers the decrypted echostr, also behind an existing query string', async () => {
    const url = await serve((req, res) => {
      const app = new URL(req.url ?? '/', 'http://x').searchParams.get('app');
      if (req.url?.startsWith('/cb?') && app !== 'a b') res.writeHead(400).end();
      else receiver((plain) => plain)(req, res);
    });
    expect(await verifyCallbackUrl({ ...base, url })).toEqual({ ok: true });
    expect(await verifyCallbackUrl({ ...base, url: `${url}/cb?app=a%20b` })).toEqual({ ok: true });
    // Several tries, so an echostr with '+' and '/' in it (needs %2B / %2F) is all but certain to come up.
    for (let i = 0; i < 10; i++) expect(await verifyCallbackUrl({ ...base, url: `${url}/cb?app=a+b#frag` })).toEqual({ ok: true });
  });

  it('rejects a receiver that echoes the ciphertext, adds a newline or a BOM, or errors', async () => {
    const echoCipher = await serve(receiver((_plain, echostr) => echostr));
    expect(await verifyCallbackUrl({ ...base, url: echoCipher })).toEqual({ ok: false, reason: 'the answer was not the decrypted echostr' });
    const newline = await serve(receiver((plain) => `${plain}\n`));
    expect(await verifyCallbackUrl({ ...base, url: newline })).toMatchObject({ ok: false, reason: expect.stringMatching(/whitespace/) });
    const bom = await serve(receiver((plain) => `\uFEFF${plain}`));
    expect(await verifyCallbackUrl({ ...base, url: bom })).toMatchObject({ ok: false, reason: expect.stringMatching(/BOM/) });
    const wrongToken = await serve(receiver((plain) => plain));
    expect(await verifyCallbackUrl({ ...base, token: 'other', url: wrongToken })).toEqual({ ok: false, reason: 'the server answered 403' });
    const failing = await serve((_req, res) => res.writeHead(500).end('oops'));
    expect(await verifyCallbackUrl({ ...base, url: failing })).toEqual({ ok: false, reason: 'the server answered 500' });
  });

  it('gives up on a receiver that never answers', async () => {
    const url = await serve(() => undefined);
    const started = Date.now();
    expect(await verifyCallbackUrl({ ...base, url, timeoutMs: 300 })).toEqual({ ok: false, reason: 'no answer within 0.3 s' });
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('reports a closed port and bad URLs without throwing', async () => {
    const url = await serve(() => undefined);
    const server = servers.pop() as Server;
    await new Promise((resolve) => server.close(resolve));
    const failure = (pattern: RegExp) => ({ ok: false, reason: expect.stringMatching(pattern) });
    expect(await verifyCallbackUrl({ ...base, url })).toMatchObject(failure(/^could not connect: .*ECONNREFUSED/));
    expect(await verifyCallbackUrl({ ...base, url: 'ftp://example.com/' })).toMatchObject(failure(/http/));
    expect(await verifyCallbackUrl({ ...base, url: 'http://' })).toMatchObject(failure(/malformed/));
    expect(await verifyCallbackUrl({ ...base, encodingAesKey: 'short', url })).toMatchObject(failure(/EncodingAESKey/));
  });

  it('uses the injected fetch and does not follow redirects', async () => {
    let seen: RequestInit | undefined;
    const fake: typeof fetch = async (_input, init) => {
      seen = init;
      return new Response(null, { status: 302, headers: { location: 'http://elsewhere/' } });
    };
    const result = await verifyCallbackUrl({ ...base, url: 'http://example.invalid/', fetch: fake });
    expect(result).toEqual({ ok: false, reason: 'the server answered 302' });
    expect(seen?.redirect).toBe('manual');
  });
});
