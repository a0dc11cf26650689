import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';

/** Everything a process reads from its environment and flags, resolved once at start. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** PostgreSQL instead of the embedded database when set. */
  databaseUrl: string | null;
  /** 32-byte key for what is encrypted at rest. */
  secretKey: Buffer;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  /** Whether requests arrive through a TLS-terminating proxy (cookies become Secure, client IPs from X-Forwarded-For). */
  trustProxy: boolean;
  logLevel: string;
  /** The address members reach the console at, for links sent to them (invitations); the request's own when unset. */
  publicUrl: string | null;
  /** Test-only: a file holding how many ms the server's clock runs ahead (ORGDESK_CLOCK_OFFSET_FILE). */
  clockOffsetFile: string | null;
  /** Where email goes out (ORGDESK_SMTP_URL, e.g. smtps://user:pass@mail.example.com:465); the log when unset. */
  smtpUrl: string | null;
  /** The From of every email (ORGDESK_SMTP_FROM). */
  smtpFrom: string;
}

/** Flags given on the command line; each overrides its environment variable. */
export interface ConfigFlags {
  port?: string | number;
  dataDir?: string;
  host?: string;
}

function positiveInt(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer, got "${value}"`);
  return n;
}

/**
 * Reads the key from ORGDESK_SECRET_KEY (any string, hashed to 32 bytes) or from `<dataDir>/secret.key`,
 * generating that file on first start so a new install needs no setup.
 */
function loadSecretKey(env: NodeJS.ProcessEnv, dataDir: string): Buffer {
  const given = env.ORGDESK_SECRET_KEY;
  if (given) return createHash('sha256').update(given).digest();
  const file = join(dataDir, 'secret.key');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
  }
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte base64 key`);
  return key;
}

/** Resolves the configuration from the environment and flags. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, flags: ConfigFlags = {}): Config {
  const dataDir = resolve(flags.dataDir ?? env.ORGDESK_DATA_DIR ?? './data');
  return {
    port: positiveInt(flags.port === undefined ? env.PORT : String(flags.port), 3000, 'PORT'),
    host: flags.host ?? env.HOST ?? '0.0.0.0',
    dataDir,
    databaseUrl: env.DATABASE_URL || null,
    secretKey: loadSecretKey(env, dataDir),
    sessionIdleMinutes: positiveInt(env.ORGDESK_SESSION_IDLE_MINUTES, 120, 'ORGDESK_SESSION_IDLE_MINUTES'),
    sessionAbsoluteHours: positiveInt(env.ORGDESK_SESSION_ABSOLUTE_HOURS, 12, 'ORGDESK_SESSION_ABSOLUTE_HOURS'),
    trustProxy: env.ORGDESK_TRUST_PROXY === '1' || env.ORGDESK_TRUST_PROXY === 'true',
    logLevel: env.LOG_LEVEL ?? 'info',
    publicUrl: env.ORGDESK_PUBLIC_URL ? env.ORGDESK_PUBLIC_URL.replace(/\/+$/, '') : null,
    clockOffsetFile: env.ORGDESK_CLOCK_OFFSET_FILE || null,
    smtpUrl: env.ORGDESK_SMTP_URL || null,
    smtpFrom: env.ORGDESK_SMTP_FROM || 'Orgdesk <no-reply@localhost>',
  };
}
