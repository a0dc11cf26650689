import { createHmac, randomInt } from 'node:crypto';
import { hmacHex, safeEqual } from '../../platform/kernel/crypto';

// An app's secret and its access tokens. The secret is 43 random characters, stored as an HMAC (high-entropy,
// checked on a hot path: argon2 would cost for nothing). A token is derived from the app, the secret's version and
// a generation number, so a repeated gettoken gives the same token and any process can check one with a single
// indexed read of the app: no token table, and a secret reset (a new version) ends every token at once.

const SECRET_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const SECRET_LENGTH = 43;

/** How long a token lasts after a gettoken (WeCom: 7200 s). */
export const TOKEN_SECONDS = 7200;
/** A gettoken within this long of the last extension returns the token as is, without a write. */
export const TOKEN_EXTEND_AFTER_SECONDS = 60;
/** Clients that count their 7200 s from their own clock are not cut off a few seconds early. */
export const TOKEN_GRACE_SECONDS = 300;

export function newAppSecret(): string {
  let secret = '';
  for (let i = 0; i < SECRET_LENGTH; i++) secret += SECRET_ALPHABET[randomInt(SECRET_ALPHABET.length)];
  return secret;
}

export function secretMac(key: Buffer, secret: string): string {
  return hmacHex(key, `app-secret:${secret}`);
}

/** The token of an app under a secret version and a generation: `<app id hex>.<generation>.<mac>`. */
export function accessToken(key: Buffer, appId: string, secretVersion: number, generation: number): string {
  return `${appId.replaceAll('-', '')}.${generation}.${tokenMac(key, appId, secretVersion, generation)}`;
}

/** The app and generation a token names, or null when it is not shaped like one of ours. */
export function parseAccessToken(token: string): { appId: string; generation: number; mac: string } | null {
  const match = /^([0-9a-f]{32})\.(\d{1,9})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return null;
  const hex = match[1]!;
  const appId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return { appId, generation: Number(match[2]), mac: match[3]! };
}

/** Whether a parsed token's mac is the one the app's current secret version gives. */
export function tokenMacMatches(key: Buffer, parsed: { appId: string; generation: number; mac: string }, secretVersion: number): boolean {
  return safeEqual(parsed.mac, tokenMac(key, parsed.appId, secretVersion, parsed.generation));
}

function tokenMac(key: Buffer, appId: string, secretVersion: number, generation: number): string {
  return createHmac('sha256', key).update(`app-token:${appId}:${secretVersion}:${generation}`).digest('base64url');
}

/** A member's openid for a corp: stable and opaque (WeCom's convert_to_openid), derived so nothing is stored. */
export function openidOf(key: Buffer, corpId: string, userid: string): string {
  return `o${createHmac('sha256', key).update(`openid:${corpId}:${userid.toLowerCase()}`).digest('base64url').slice(0, 27)}`;
}
