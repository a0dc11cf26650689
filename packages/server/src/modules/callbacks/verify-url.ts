import { encryptMessage, randomDigits, signature } from './wecom-crypto';

export interface VerifyCallbackUrlInput {
  url: string;
  token: string;
  encodingAesKey: string;
  corpId: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export type VerifyCallbackUrlResult = { ok: true } | { ok: false; reason: string };

// The echo is ~20 bytes; anything much longer is wrong anyway, so stop reading early.
const MAX_BODY_BYTES = 4096;

/**
 * WeCom's echostr handshake (reference §11.2): GET url?msg_signature&timestamp&nonce&echostr, where echostr is an
 * encrypted random digit string. The app must answer 200 with exactly the plaintext. Never throws.
 */
export async function verifyCallbackUrl(input: VerifyCallbackUrlInput): Promise<VerifyCallbackUrlResult> {
  const { url, token, encodingAesKey, corpId, fetch: fetchImpl = globalThis.fetch, timeoutMs = 5000 } = input;
  if (!/^https?:\/\//i.test(url)) return { ok: false, reason: 'the URL must start with http:// or https://' };
  let target: string;
  const echo = randomDigits(19);
  try {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = randomDigits(10);
    const echostr = encryptMessage(encodingAesKey, echo, corpId);
    const params = { msg_signature: signature(token, timestamp, nonce, echostr), timestamp, nonce, echostr };
    target = withQuery(url, params);
  } catch (error) {
    return { ok: false, reason: `could not build the request: ${errorText(error)}` };
  }

  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    // No redirects: the handshake is judged on what this URL itself answers.
    const response = await fetchImpl(target, { method: 'GET', redirect: 'manual', signal: controller.signal });
    if (response.status !== 200) {
      await response.body?.cancel().catch(() => undefined);
      return { ok: false, reason: `the server answered ${response.status}` };
    }
    // Compare raw bytes: response.text() would silently strip a BOM, which WeCom rejects.
    const body = await readCapped(response);
    if (body.equals(Buffer.from(echo, 'utf8'))) return { ok: true };
    return { ok: false, reason: `the answer was not the decrypted echostr${hint(body.toString('utf8'), echo)}` };
  } catch (error) {
    if (controller.signal.aborted) return { ok: false, reason: `no answer within ${timeoutMs / 1000} s` };
    return { ok: false, reason: `could not connect: ${errorText(error)}` };
  } finally {
    clearTimeout(timer);
  }
}

/** Appends URL-encoded params, keeping the caller's existing query untouched; a #fragment is dropped (never sent anyway). */
function withQuery(url: string, params: Record<string, string>): string {
  const hashAt = url.indexOf('#');
  const base = hashAt === -1 ? url : url.slice(0, hashAt);
  const query = Object.entries(params).map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
  const separator = !base.includes('?') ? '?' : base.endsWith('?') || base.endsWith('&') ? '' : '&';
  if (!URL.canParse(base)) throw new Error('the URL is malformed');
  return `${base}${separator}${query}`;
}

async function readCapped(response: Response): Promise<Buffer> {
  if (!response.body) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let size = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(Buffer.from(value));
    size += value.length;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel().catch(() => undefined);
      break;
    }
  }
  return Buffer.concat(chunks);
}

function hint(body: string, echo: string): string {
  if (body.replace(/^\uFEFF/, '').trim() === echo) return ' (it had extra whitespace, a newline or a BOM around it)';
  if (body.replace(/^"|"$/g, '') === echo) return ' (it was wrapped in quotes)';
  if (body.length === 0) return ' (the body was empty)';
  return '';
}

function errorText(error: unknown): string {
  // undici reports "fetch failed" and hides the useful part (ECONNREFUSED, ENOTFOUND, TLS errors) in `cause`.
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  if (!(cause instanceof Error)) return String(cause);
  // Happy-eyeballs failures are AggregateErrors with an empty message but a useful code.
  const code = (cause as { code?: unknown }).code;
  return cause.message || (typeof code === 'string' ? code : cause.name);
}
