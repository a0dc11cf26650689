import { createCipheriv, createDecipheriv, createHash, randomBytes, randomInt } from 'node:crypto';
import { randomDigits as anyDigits } from '../../platform/kernel/crypto';

/**
 * WeCom (企业微信) callback encryption, byte-compatible with the official WXBizMsgCrypt libraries
 * (reference §11.3): AES-256-CBC, IV = key[0:16], PKCS#7 padding to a multiple of 32 bytes (not 16),
 * plaintext = random(16) + msg_len(4, big-endian) + msg + ReceiveId.
 */

const BLOCK = 32; // WeCom pads to 32-byte blocks; AES itself still works on 16-byte blocks.
const HEADER = 20; // 16 random bytes + 4-byte length
const AES_KEY_RE = /^[a-zA-Z0-9]{43}$/;
const TOKEN_RE = /^[a-zA-Z0-9]{1,32}$/;
const BASE64_RE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
// fatal: a tampered message should fail loudly rather than come back with U+FFFD in it.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** An EncodingAESKey as the WeCom console accepts it: exactly 43 letters/digits. */
export function isEncodingAesKey(value: unknown): value is string {
  return typeof value === 'string' && AES_KEY_RE.test(value);
}

/** A callback Token as the WeCom console accepts it: 1–32 letters/digits. */
export function isCallbackToken(value: unknown): value is string {
  return typeof value === 'string' && TOKEN_RE.test(value);
}

/** msg_signature: sha1 of the four strings sorted lexicographically and concatenated, hex lower-case. */
export function signature(token: string, timestamp: string, nonce: string, encrypted: string): string {
  return createHash('sha1').update([token, timestamp, nonce, encrypted].sort().join('')).digest('hex');
}

/** Encrypts `message` for `receiveId` (CorpID for app callbacks) and returns base64 msg_encrypt. */
export function encryptMessage(encodingAesKey: string, message: string, receiveId: string, random: Buffer = randomBytes(16)): string {
  if (random.length !== 16) throw new Error(`the random prefix must be 16 bytes, got ${random.length}`);
  const { key, iv } = parseKey(encodingAesKey);
  const msg = Buffer.from(message, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(msg.length, 0);
  const cipher = createCipheriv('aes-256-cbc', key, iv).setAutoPadding(false);
  const plain = pad(Buffer.concat([random, length, msg, Buffer.from(receiveId, 'utf8')]));
  return Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64');
}

/**
 * Decrypts base64 msg_encrypt. Returns the ReceiveId too; callers must compare it with the expected CorpID/SuiteId.
 * Note: CBC has no integrity check — only the msg_signature protects against tampering, so verify it first.
 */
export function decryptMessage(encodingAesKey: string, encrypted: string): { message: string; receiveId: string } {
  const { key, iv } = parseKey(encodingAesKey);
  if (!BASE64_RE.test(encrypted)) throw new Error('the encrypted message is not valid base64');
  const data = Buffer.from(encrypted, 'base64');
  if (data.length === 0 || data.length % 16 !== 0) throw new Error(`the encrypted message is ${data.length} bytes, not a non-zero multiple of 16`);
  const decipher = createDecipheriv('aes-256-cbc', key, iv).setAutoPadding(false);
  const plain = unpad(Buffer.concat([decipher.update(data), decipher.final()]));
  if (plain.length < HEADER) throw new Error('the decrypted message is shorter than its 20-byte header');
  const length = plain.readUInt32BE(16);
  if (length > plain.length - HEADER) throw new Error(`the message length field (${length}) does not fit in ${plain.length - HEADER} bytes`);
  try {
    return {
      message: utf8.decode(plain.subarray(HEADER, HEADER + length)),
      receiveId: utf8.decode(plain.subarray(HEADER + length)),
    };
  } catch {
    throw new Error('the decrypted message is not valid UTF-8');
  }
}

export interface EnvelopeInput {
  corpId: string;
  agentId: string | number;
  token: string;
  encodingAesKey: string;
  /** The plain XML event, as WeCom would send it unencrypted. */
  message: string;
  /** Unix seconds; defaults to now. */
  timestamp?: string;
  /** Defaults to a random digit string, like WeCom's. */
  nonce?: string;
}

export interface Envelope {
  body: string;
  query: { msg_signature: string; timestamp: string; nonce: string };
}

/** Builds the encrypted POST body and signed query string WeCom sends to an app's callback URL. */
export function encryptedEnvelope(input: EnvelopeInput): Envelope {
  const timestamp = input.timestamp ?? String(Math.floor(Date.now() / 1000));
  const nonce = input.nonce ?? randomDigits(10);
  const encrypted = encryptMessage(input.encodingAesKey, input.message, input.corpId);
  const body =
    `<xml><ToUserName>${cdata(input.corpId)}</ToUserName><AgentID>${cdata(String(input.agentId))}</AgentID>` +
    `<Encrypt>${cdata(encrypted)}</Encrypt></xml>`;
  return { body, query: { msg_signature: signature(input.token, timestamp, nonce, encrypted), timestamp, nonce } };
}

/** A string of random decimal digits (WeCom's nonces and echostr plaintexts look like this). */
export function randomDigits(count: number): string {
  return String(randomInt(1, 10)) + anyDigits(count - 1); // no leading zero, so it reads like a number
}

/** Wraps text in CDATA; a literal "]]>" is split across two sections since it cannot appear inside one. */
export function cdata(text: string): string {
  return `<![CDATA[${text.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

function parseKey(encodingAesKey: string): { key: Buffer; iv: Buffer } {
  // Node's base64 decoder silently skips bad characters, so check the shape before trusting the length.
  if (!isEncodingAesKey(encodingAesKey)) {
    throw new Error(`the EncodingAESKey must be 43 letters or digits (got ${String(encodingAesKey).length} characters)`);
  }
  const key = Buffer.from(`${encodingAesKey}=`, 'base64');
  if (key.length !== 32) throw new Error(`the EncodingAESKey decodes to ${key.length} bytes, not 32`);
  return { key, iv: key.subarray(0, 16) };
}

function pad(data: Buffer): Buffer {
  const n = BLOCK - (data.length % BLOCK); // 1..32; a full block when already aligned
  return Buffer.concat([data, Buffer.alloc(n, n)]);
}

function unpad(data: Buffer): Buffer {
  const n = data[data.length - 1] ?? 0;
  if (n < 1 || n > BLOCK || n > data.length) throw new Error(`bad padding: last byte is ${n}, expected 1..${BLOCK}`);
  for (let i = data.length - n; i < data.length; i++) {
    if (data[i] !== n) throw new Error('bad padding: the pad bytes are not all equal');
  }
  return data.subarray(0, data.length - n);
}
