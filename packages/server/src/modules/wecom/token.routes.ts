import type { FastifyInstance } from 'fastify';
import { AppError } from '../../platform/kernel/app-error';
import type { AppService, AppTokenService } from '../apps';
import { caller } from './cgi-bin';
import { wecomAgent } from './present';
import type { Kysely } from 'kysely';
import type { DB } from '../../db';

/** gettoken, and the app's own record: agent/get and agent/list. */
export function registerTokenAndAgent(cgi: FastifyInstance, deps: { db: Kysely<DB>; apps: AppService; appTokens: AppTokenService }): void {
  const { db, apps, appTokens } = deps;

  cgi.get('/gettoken', { config: { noToken: true } }, async (request) => {
    const query = request.query as Record<string, unknown>;
    const corpId = typeof query.corpid === 'string' ? query.corpid : '';
    const secret = typeof query.corpsecret === 'string' ? query.corpsecret : '';
    // WeCom checks the secret first: neither given is 41004.
    if (!secret) throw new AppError('apps.secret_missing');
    if (!corpId) throw new AppError('apps.corp_missing');
    const { token, expiresIn } = await appTokens.getToken(corpId, secret, request.ip ?? null);
    return { errcode: 0, errmsg: 'ok', access_token: token, expires_in: expiresIn };
  });

  cgi.get('/agent/get', async (request) => {
    const app = caller(request);
    const agentId = Number((request.query as Record<string, unknown>).agentid);
    if (app.agentId === null || agentId !== app.agentId) throw new AppError('apps.other_agent');
    return { errcode: 0, errmsg: 'ok', ...wecomAgent(await apps.get(db, app.corpId, app.appId)) };
  });

  cgi.get('/agent/list', { config: { emptyLists: { agentlist: [] } } }, async (request) => {
    const app = caller(request);
    const own = app.agentId === null ? [] : [await apps.get(db, app.corpId, app.appId)];
    return { errcode: 0, errmsg: 'ok', agentlist: own.map((a) => ({ agentid: a.agentId, name: a.name, square_logo_url: '' })) };
  });
}
