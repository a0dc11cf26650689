import { appUpdateRequest } from '@orgdesk/contracts';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db';
import { AppError } from '../../platform/kernel/app-error';
import type { AppService, AppTokenService } from '../apps';
import { appContext, caller, input } from './cgi-bin';
import { wecomAgent } from './present';

const agentSetBody = z.object({
  agentid: z.coerce.number({ message: 'is required' }).int(),
  name: z.string().optional(),
  // WeCom asks 4 to 120 characters of a description set through the API.
  description: z.string().min(4, 'must be 4 to 120 characters').max(120, 'must be 4 to 120 characters').optional(),
  home_url: z.string().optional(),
  redirect_domain: z.string().optional(),
});

/** gettoken, and the app's own record: agent/get, agent/set and agent/list. */
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

  // The app's own settings; a directory-sync token has no agent (301002), as in WeCom only custom apps may call it.
  cgi.post('/agent/set', async (request) => {
    const app = caller(request);
    const body = input(agentSetBody, request.body);
    if (app.agentId === null || body.agentid !== app.agentId) throw new AppError('apps.other_agent');
    const current = await apps.get(db, app.corpId, app.appId);
    const domain = body.redirect_domain?.trim().toLowerCase();
    const patch = input(appUpdateRequest, {
      name: body.name,
      description: body.description,
      homeUrl: body.home_url,
      // redirect_domain becomes the first trusted domain; the others stay.
      trustedDomains: domain === undefined ? undefined : [domain, ...current.trustedDomains.filter((d) => d !== domain)],
    });
    await db.transaction().execute((trx) => apps.update(trx, app.corpId, app.appId, patch, appContext(request)));
    return { errcode: 0, errmsg: 'ok' };
  });

  cgi.get('/agent/list', { config: { emptyLists: { agentlist: [] } } }, async (request) => {
    const app = caller(request);
    const own = app.agentId === null ? [] : [await apps.get(db, app.corpId, app.appId)];
    return { errcode: 0, errmsg: 'ok', agentlist: own.map((a) => ({ agentid: a.agentId, name: a.name, square_logo_url: '' })) };
  });
}
