import {
  meResponse,
  okResponse,
  recoveryCodesResponse,
  secondFactorRequest,
  sessionIdParams,
  sessionList,
  signInRequest,
  signInResponse,
  totpConfirmRequest,
  totpEnrollment,
} from '@orgdesk/contracts';
import type { Kysely } from 'kysely';
import type { DB } from '../../db';
import { AppError } from '../../platform/kernel/app-error';
import { publicAccess, sessionAccess } from '../../platform/http/access';
import { actorContext, requirePrincipal } from '../../platform/http/context';
import type { HttpApp } from '../../platform/http/server';
import type { AuditLog } from '../audit';
import type { AccountDirectory } from './account-directory';
import { clearSessionCookie, setSessionCookie } from './session-cookie';
import type { SessionService } from './session.service';
import type { SignInService } from './sign-in.service';
import type { TwoFactorService } from './two-factor.service';

export interface AuthRouteDeps {
  db: Kysely<DB>;
  accounts: AccountDirectory;
  sessions: SessionService;
  signIn: SignInService;
  twoFactor: TwoFactorService;
  audit: AuditLog;
}

const anyStage = sessionAccess('second_factor', 'enroll_totp', 'full');
const tags = ['auth'];

/** Sign-in, two-step verification and the caller's own sessions. */
export function registerAuthRoutes(app: HttpApp, deps: AuthRouteDeps): void {
  app.post('/api/v1/auth/sign-in', { config: { access: publicAccess, csrfExempt: true }, schema: { tags, body: signInRequest, response: { 200: signInResponse } } }, async (request, reply) => {
    const result = await deps.signIn.signIn(request.body, actorContext(request));
    if (result.next === 'choose_corp') return { next: result.next, corps: result.corps };
    setSessionCookie(request, reply, result.token, result.expiresAt);
    return { next: result.next };
  });

  app.post('/api/v1/auth/second-factor', { config: { access: sessionAccess('second_factor') }, schema: { tags, body: secondFactorRequest, response: { 200: okResponse } } }, async (request, reply) => {
    const principal = requirePrincipal(request);
    const session = await deps.twoFactor.verify(principal, request.body, actorContext(request));
    setSessionCookie(request, reply, session.token, session.expiresAt);
    return { ok: true as const };
  });

  app.get('/api/v1/auth/totp/enrollment', { config: { access: sessionAccess('enroll_totp') }, schema: { tags, response: { 200: totpEnrollment } } }, async (request) =>
    deps.twoFactor.beginEnrollment(requirePrincipal(request)),
  );

  app.post('/api/v1/auth/totp/enrollment', { config: { access: sessionAccess('enroll_totp') }, schema: { tags, body: totpConfirmRequest, response: { 200: recoveryCodesResponse } } }, async (request, reply) => {
    const principal = requirePrincipal(request);
    const { session, recoveryCodes } = await deps.twoFactor.confirmEnrollment(principal, request.body.code, actorContext(request));
    setSessionCookie(request, reply, session.token, session.expiresAt);
    return { recoveryCodes };
  });

  app.get('/api/v1/auth/me', { config: { access: anyStage }, schema: { tags, response: { 200: meResponse } } }, async (request) => {
    const principal = requirePrincipal(request);
    return {
      stage: principal.stage,
      csrfToken: principal.csrfToken,
      corp: { corpId: principal.corpId, name: principal.corpName, defaultLanguage: principal.corpLanguage },
      member: { userid: principal.userid, name: principal.name, isSuperAdmin: principal.isSuperAdmin, isAdmin: principal.isAdmin },
      recoveryCodesLeft: await deps.twoFactor.recoveryCodesLeft(principal.memberId),
    };
  });

  app.post('/api/v1/auth/sign-out', { config: { access: anyStage }, schema: { tags, response: { 200: okResponse } } }, async (request, reply) => {
    await deps.signIn.signOut(requirePrincipal(request), actorContext(request));
    clearSessionCookie(reply);
    return { ok: true as const };
  });

  app.get('/api/v1/auth/sessions', { config: { access: sessionAccess('full') }, schema: { tags, response: { 200: sessionList } } }, async (request) => {
    const principal = requirePrincipal(request);
    const rows = await deps.sessions.list(deps.db, principal.memberId);
    return {
      items: rows.map((s) => ({
        id: s.id,
        current: s.id === principal.sessionId,
        stage: s.stage,
        ip: s.ip,
        userAgent: s.user_agent,
        createdAt: s.created_at.toISOString(),
        lastSeenAt: s.last_seen_at.toISOString(),
        expiresAt: s.expires_at.toISOString(),
      })),
    };
  });

  app.post('/api/v1/auth/sessions/:id/revoke', { config: { access: sessionAccess('full') }, schema: { tags, params: sessionIdParams, response: { 200: okResponse } } }, async (request, reply) => {
    const principal = requirePrincipal(request);
    const ctx = actorContext(request);
    await deps.db.transaction().execute(async (trx) => {
      if (!(await deps.sessions.revoke(trx, principal.memberId, request.params.id))) throw new AppError('auth.session_not_found');
      await deps.audit.record(trx, principal.corpId, ctx, { action: 'auth.session_revoke', targetType: 'session', targetId: request.params.id });
    });
    if (request.params.id === principal.sessionId) clearSessionCookie(reply);
    return { ok: true as const };
  });

  app.post('/api/v1/auth/recovery-codes', { config: { access: sessionAccess('full') }, schema: { tags, response: { 200: recoveryCodesResponse } } }, async (request) => ({
    recoveryCodes: await deps.twoFactor.regenerateRecoveryCodes(requirePrincipal(request), actorContext(request)),
  }));
}

