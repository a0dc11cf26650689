import { appUpdateRequest } from '@orgdesk/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db';
import { AppError } from '../../platform/kernel/app-error';
import type { AppService, AppTokenService } from '../apps';
import type { MediaService } from '../media';
import { appContext, caller, input } from './cgi-bin';
import { wecomAgent } from './present';

const agentSetBody = z.object({
  agentid: z.coerce.number({ message: 'is required' }).int(),
  name: z.string().optional(),
  // WeCom asks 4 to 120 characters of a description set through the API.
  description: z.string().min(4, 'must be 4 to 120 characters').max(120, 'must be 4 to 120 characters').optional(),
  home_url: z.string().optional(),
  redirect_domain: z.string().optional(),
  logo_mediaid: z.string().max(128).optional(),
});

/** This server as the caller reached it, for absolute URLs in answers. */
const baseUrl = (request: FastifyRequest) => `${request.protocol}://${request.host}`;

/** gettoken, and the app's own record: agent/get, agent/set and agent/list. */
export function registerTokenAndAgent(cgi: FastifyInstance, deps: { db: Kysely<DB>; apps: AppService; appTokens: AppTokenService; media: MediaService }): void {
  const { db, apps, appTokens, media } = deps;

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
    return { errcode: 0, errmsg: 'ok', ...wecomAgent(await apps.get(db, app.corpId, app.appId), baseUrl(request)) };
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
    // logo_mediaid: an image uploaded with media/upload becomes the logo.
    const logo = body.logo_mediaid ? await media.find(app.corpId, body.logo_mediaid) : null;
    if (body.logo_mediaid && (!logo || logo.type !== 'image')) throw new AppError('apps.logo_invalid', { fields: [{ path: 'logo_mediaid', reason: 'is not an image uploaded with media/upload' }] });
    await db.transaction().execute(async (trx) => {
      await apps.update(trx, app.corpId, app.appId, patch, appContext(request));
      if (logo) await apps.setLogo(trx, app.corpId, app.appId, logo.bytes, appContext(request));
    });
    return { errcode: 0, errmsg: 'ok' };
  });

  cgi.get('/agent/list', { config: { emptyLists: { agentlist: [] } } }, async (request) => {
    const app = caller(request);
    const own = app.agentId === null ? [] : [await apps.get(db, app.corpId, app.appId)];
    return { errcode: 0, errmsg: 'ok', agentlist: own.map((a) => ({ agentid: a.agentId, name: a.name, square_logo_url: wecomAgent(a, baseUrl(request)).square_logo_url })) };
  });
}
