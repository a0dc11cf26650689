import type { Kysely } from 'kysely';
import type { DB } from '../../db';
import type { Reach } from '../../platform/http/access';
import { AppError } from '../../platform/kernel/app-error';
import type { Clock } from '../../platform/kernel/clock';
import type { AttemptLimiter, BackoffPolicy } from '../auth';
import * as repo from './apps.repository';
import type { AppRow } from './apps.table';
import { accessToken, openidOf, parseAccessToken, secretMac, TOKEN_EXTEND_AFTER_SECONDS, TOKEN_GRACE_SECONDS, TOKEN_SECONDS, tokenMacMatches } from './credentials';
import { isTrustedIp } from './trusted-ips';

/** 20 wrong secrets from one IP within an hour lock it out for an hour. */
const wrongSecretPolicy: BackoffPolicy = { freeFailures: 20, baseLockSeconds: 3600, maxLockSeconds: 3600, forgetAfterSeconds: 3600 };

/** An app calling the API with a valid token: who it is and what it may see. */
export interface AppCaller {
  appId: string;
  corpId: string;
  kind: AppRow['kind'];
  agentId: number | null;
  name: string;
  /** May write the directory: the directory-sync app with "API接口同步" on. */
  mayWriteDirectory: boolean;
  /** What the app may see: its visible range (the directory-sync app sees everything). */
  reach: Reach;
}

/** gettoken and the check of every token-bearing call: one indexed read of the app, and a write at most once a minute. */
export class AppTokenService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
    private readonly key: Buffer,
    private readonly limiter: AttemptLimiter,
  ) {}

  /** WeCom's gettoken: the app's current token (the same one within its validity), valid for 7200 s from now. */
  async getToken(corpId: string, secret: string, ip: string | null): Promise<{ token: string; expiresIn: number }> {
    const app = await repo.findAppBySecret(this.db, corpId, secretMac(this.key, secret));
    if (!app || !app.enabled) return this.refuse(corpId, ip, app ? 'apps.invalid_secret' : null);
    if (!isTrustedIp(app.trusted_ips, ip)) throw new AppError('apps.ip_not_allowed');
    const now = this.clock.now().getTime();
    const expiresAt = app.token_expires_at?.getTime() ?? 0;
    const left = Math.floor((expiresAt - now) / 1000);
    if (left > TOKEN_SECONDS - TOKEN_EXTEND_AFTER_SECONDS) return { token: this.tokenOf(app, app.token_generation), expiresIn: left };
    // Still valid: extend the same token. Expired (or never issued): the next generation.
    const generation = left > 0 ? app.token_generation : app.token_generation + 1;
    const advanced = await repo.advanceToken(this.db, app.id, app.token_generation, { generation, expiresAt: new Date(now + TOKEN_SECONDS * 1000) });
    if (!advanced) return this.getToken(corpId, secret, ip); // another process moved it on meanwhile: take theirs
    return { token: this.tokenOf(app, generation), expiresIn: TOKEN_SECONDS };
  }

  /**
   * A failed gettoken counts against the caller's IP: past 20 in an hour the IP is refused for an hour (45009), as
   * WeCom bans an IP that keeps trying wrong secrets. Counted on the failing path only, so a good call costs nothing.
   */
  private async refuse(corpId: string, ip: string | null, error: 'apps.invalid_secret' | null): Promise<never> {
    const keys = [{ key: `gettoken:ip:${ip ?? 'unknown'}`, policy: wrongSecretPolicy }];
    await this.limiter.check(this.db, keys);
    await this.db.transaction().execute((trx) => this.limiter.fail(trx, keys));
    if (error) throw new AppError(error);
    // Which error: an unknown corp is 40013, a wrong secret 40001.
    const corp = await this.db.selectFrom('corps').select('id').where('id', '=', corpId).executeTakeFirst();
    throw new AppError(corp ? 'apps.invalid_secret' : 'apps.invalid_corp');
  }

  /** The caller behind an access token, or the WeCom error for it. */
  async resolve(token: string | undefined, ip: string | null): Promise<AppCaller> {
    if (!token) throw new AppError('apps.token_missing');
    const parsed = parseAccessToken(token);
    const app = parsed ? await repo.findAppById(this.db, parsed.appId) : undefined;
    if (!parsed || !app || !app.enabled || !tokenMacMatches(this.key, parsed, app.secret_version) || parsed.generation > app.token_generation) throw new AppError('apps.invalid_token');
    const expiresAt = app.token_expires_at?.getTime() ?? 0;
    if (parsed.generation < app.token_generation || this.clock.now().getTime() > expiresAt + TOKEN_GRACE_SECONDS * 1000) throw new AppError('apps.token_expired');
    if (!isTrustedIp(app.trusted_ips, ip)) throw new AppError('apps.ip_not_allowed');
    const sync = app.kind === 'contacts_sync';
    return {
      appId: app.id,
      corpId: app.corp_id,
      kind: app.kind,
      agentId: app.agent_id,
      name: app.name,
      mayWriteDirectory: sync && app.api_write,
      reach: sync || app.visible_all ? 'all' : { departments: app.visible_departments, tags: app.visible_tags, members: app.visible_members },
    };
  }

  /** A member's openid as this corp's apps see it (user/convert_to_openid). */
  openid(corpId: string, userid: string): string {
    return openidOf(this.key, corpId, userid);
  }

  private tokenOf(app: AppRow, generation: number): string {
    return accessToken(this.key, app.id, app.secret_version, generation);
  }
}
