import { corpInfo, corpProfileUpdate, corpSettings, registrationCodeRequest, registrationCodeResponse, registrationRequest, registrationResponse } from '@orgdesk/contracts';
import type { Kysely } from 'kysely';
import type { DB } from '../../db';
import { adminAccess, publicAccess } from '../../platform/http/access';
import { actorContext, requirePrincipal } from '../../platform/http/context';
import type { HttpApp } from '../../platform/http/server';
import { setSessionCookie, type VerificationService } from '../auth';
import type { CorpService } from './corp.service';
import { REGISTRATION_PURPOSE, type RegistrationService } from './registration.service';

export interface CorpRouteDeps {
  db: Kysely<DB>;
  corps: CorpService;
  registration: RegistrationService;
  verification: VerificationService;
}

const tags = ['corp'];

/** Registration, enterprise info and settings. */
export function registerCorpRoutes(app: HttpApp, deps: CorpRouteDeps): void {
  app.post('/api/v1/registration/sms-code', { config: { access: publicAccess, csrfExempt: true }, schema: { tags, body: registrationCodeRequest, response: { 200: registrationCodeResponse } } }, async (request) =>
    deps.verification.send(REGISTRATION_PURPOSE, request.body.mobile, request.ip ?? null, request.language),
  );

  app.post('/api/v1/registration', { config: { access: publicAccess, csrfExempt: true }, schema: { tags, body: registrationRequest, response: { 200: registrationResponse } } }, async (request, reply) => {
    const result = await deps.registration.register(request.body, actorContext(request));
    setSessionCookie(request, reply, result.session.token, result.session.expiresAt);
    return { corpId: result.corpId, userid: result.userid, next: 'enroll_totp' as const };
  });

  app.get('/api/v1/corp', { config: { access: adminAccess('corp.view') }, schema: { tags, response: { 200: corpInfo } } }, async (request) =>
    deps.corps.info(deps.db, requirePrincipal(request).corpId),
  );

  app.patch('/api/v1/corp', { config: { access: adminAccess('corp.manage') }, schema: { tags, body: corpProfileUpdate, response: { 200: corpInfo } } }, async (request) => {
    const { corpId } = requirePrincipal(request);
    await deps.db.transaction().execute((trx) => deps.corps.updateProfile(trx, corpId, request.body, actorContext(request)));
    return deps.corps.info(deps.db, corpId);
  });

  app.put('/api/v1/corp/settings', { config: { access: adminAccess('corp.manage') }, schema: { tags, body: corpSettings, response: { 200: corpInfo } } }, async (request) => {
    const { corpId } = requirePrincipal(request);
    await deps.db.transaction().execute((trx) => deps.corps.updateSettings(trx, corpId, request.body, actorContext(request)));
    return deps.corps.info(deps.db, corpId);
  });
}
