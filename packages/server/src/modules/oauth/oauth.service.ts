import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db';
import { AppError } from '../../platform/kernel/app-error';
import type { Clock } from '../../platform/kernel/clock';
import { randomToken, sha256Hex } from '../../platform/kernel/crypto';
import type { AppCaller } from '../apps';
import { memberIsWithin } from '../directory';
import type { OAuthScope } from './oauth.table';

const CODE_SECONDS = 5 * 60;
const TICKET_SECONDS = 30 * 60;

/** What an authorize request asks for, once checked. */
export interface Authorization {
  corpId: string;
  appId: string | null;
  scope: OAuthScope;
  redirectUri: URL;
  state: string;
}

/** The redirect's host as WeCom compares it with a trusted domain: exactly, port included when not the default. */
export function redirectHost(url: URL): string {
  return url.host.toLowerCase();
}

/**
 * OAuth sign-in of members into apps (WeCom's /connect/oauth2/authorize): a signed-in member gets a one-time code
 * sent to the app's redirect URI; the app exchanges it with its token for the userid, and with snsapi_privateinfo
 * for a user ticket that reads the member's sensitive fields once they are in the app's visible range.
 */
export class OAuthService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
  ) {}

  /** Checks an authorize request: the corp, the app (when an agentid is given) and its trusted domain, the state. */
  async authorize(query: { appid?: string; redirect_uri?: string; response_type?: string; scope?: string; state?: string; agentid?: string }): Promise<Authorization> {
    const corp = query.appid ? await this.db.selectFrom('corps').select('id').where('id', '=', query.appid).executeTakeFirst() : undefined;
    if (!corp) throw new AppError('oauth.invalid_request', { fields: [{ path: 'appid', reason: 'is not a CorpID of this server' }] });
    let redirectUri: URL;
    try {
      redirectUri = new URL(query.redirect_uri ?? '');
    } catch {
      throw new AppError('oauth.invalid_request', { fields: [{ path: 'redirect_uri', reason: 'must be an absolute http(s) URL' }] });
    }
    if (!/^https?:$/.test(redirectUri.protocol)) throw new AppError('oauth.invalid_request', { fields: [{ path: 'redirect_uri', reason: 'must be an absolute http(s) URL' }] });
    if (query.response_type !== 'code') throw new AppError('oauth.invalid_request', { fields: [{ path: 'response_type', reason: 'must be code' }] });
    const state = query.state ?? '';
    if (!/^[A-Za-z0-9]{0,128}$/.test(state)) throw new AppError('oauth.invalid_request', { fields: [{ path: 'state', reason: 'letters and digits only, at most 128' }] });
    let appId: string | null = null;
    if (query.agentid) {
      const app = await this.db.selectFrom('apps').select(['id', 'enabled', 'trusted_domains']).where('corp_id', '=', corp.id).where('agent_id', '=', Number(query.agentid) || -1).executeTakeFirst();
      if (!app || !app.enabled) throw new AppError('oauth.invalid_request', { fields: [{ path: 'agentid', reason: 'is not an enabled app of this corp' }] });
      if (!app.trusted_domains.includes(redirectHost(redirectUri))) throw new AppError('oauth.redirect_not_trusted');
      appId = app.id;
    } else {
      // Without an agentid the redirect must still be some enabled app's trusted domain: never an open redirect.
      const trusting = await this.db
        .selectFrom('apps')
        .select('id')
        .where('corp_id', '=', corp.id)
        .where('enabled', '=', true)
        .where(sql<boolean>`${redirectHost(redirectUri)} = any(trusted_domains)`)
        .executeTakeFirst();
      if (!trusting) throw new AppError('oauth.redirect_not_trusted');
    }
    // Without an agentid the sensitive scope falls back to the base scope, as WeCom does.
    const scope: OAuthScope = query.scope === 'snsapi_privateinfo' && appId ? 'snsapi_privateinfo' : 'snsapi_base';
    return { corpId: corp.id, appId, scope, redirectUri, state };
  }

  /** A one-time code for a signed-in member, and where to send it. */
  async issueCode(authorization: Authorization, memberId: string): Promise<URL> {
    const code = randomToken(32);
    const now = this.clock.now();
    await this.db
      .insertInto('oauth_codes')
      .values({ code_hash: sha256Hex(code), corp_id: authorization.corpId, member_id: memberId, app_id: authorization.appId, scope: authorization.scope, redirect_host: redirectHost(authorization.redirectUri), expires_at: new Date(now.getTime() + CODE_SECONDS * 1000), created_at: now })
      .execute();
    const target = new URL(authorization.redirectUri);
    target.searchParams.set('code', code);
    target.searchParams.set('state', authorization.state);
    return target;
  }

  /** Exchanges a code (once) for the member's userid, and a user ticket when the scope and the range allow. */
  async exchange(app: AppCaller, code: string): Promise<{ userid: string; userTicket: string | null }> {
    const now = this.clock.now();
    const row = await this.db.updateTable('oauth_codes').set({ used_at: now }).where('code_hash', '=', sha256Hex(code)).where('used_at', 'is', null).returningAll().executeTakeFirst();
    if (!row || row.corp_id !== app.corpId || (row.app_id !== null && row.app_id !== app.appId)) throw new AppError('oauth.invalid_code');
    if (row.expires_at.getTime() < now.getTime()) throw new AppError('oauth.code_expired');
    const trusted = await this.db.selectFrom('apps').select('trusted_domains').where('id', '=', app.appId).executeTakeFirstOrThrow();
    if (!trusted.trusted_domains.includes(row.redirect_host)) throw new AppError('oauth.redirect_not_trusted');
    const member = await this.db.selectFrom('members').select(['userid', 'status']).where('id', '=', row.member_id).executeTakeFirst();
    if (!member || member.status === 2 || member.status === 5) throw new AppError('oauth.invalid_code');
    if (row.scope !== 'snsapi_privateinfo' || !(await memberIsWithin(this.db, app.corpId, app.reach, row.member_id))) return { userid: member.userid, userTicket: null };
    const ticket = randomToken(32);
    await this.db.updateTable('oauth_codes').set({ ticket_hash: sha256Hex(ticket), ticket_expires_at: new Date(now.getTime() + TICKET_SECONDS * 1000) }).where('code_hash', '=', row.code_hash).execute();
    return { userid: member.userid, userTicket: ticket };
  }

  /** The userid behind a user ticket of this app, while it lasts. */
  async ticketHolder(app: AppCaller, ticket: string): Promise<string> {
    const row = await this.db
      .selectFrom('oauth_codes as o')
      .innerJoin('members as m', 'm.id', 'o.member_id')
      .select(['m.userid', 'o.ticket_expires_at', 'o.app_id', 'o.corp_id'])
      .where('o.ticket_hash', '=', sha256Hex(ticket))
      .executeTakeFirst();
    if (!row || row.corp_id !== app.corpId || row.app_id !== app.appId) throw new AppError('oauth.invalid_ticket');
    if (!row.ticket_expires_at || row.ticket_expires_at.getTime() < this.clock.now().getTime()) throw new AppError('oauth.ticket_expired');
    return row.userid;
  }
}

export const USER_TICKET_SECONDS = TICKET_SECONDS;
