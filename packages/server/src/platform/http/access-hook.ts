import type { FastifyInstance, FastifyRequest } from 'fastify';
import { pickLanguage } from '@orgdesk/contracts';
import { AppError } from '../kernel/app-error';
import { safeEqual } from '../kernel/crypto';
import type { Access, Authenticator } from './access';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses, at start, any API route that does not declare its access: nothing is reachable by omission.
 * Routes outside /api (health, metrics, docs, the console's files) are infrastructure and say so by prefix.
 */
export function requireDeclaredAccess(app: FastifyInstance, apiPrefix: string): void {
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith(apiPrefix) && !route.config?.access) {
      throw new Error(`route ${route.method} ${route.url} declares no access`);
    }
  });
}

/** Resolves the session, enforces the route's declared access and checks the CSRF header on writes. */
export function registerAccessHook(app: FastifyInstance, authenticator: Authenticator): void {
  app.decorateRequest('principal', null);
  app.decorateRequest('language', 'zh-CN');
  app.addHook('onRequest', async (request) => {
    request.language = pickLanguage(request.headers['accept-language']);
    const access = request.routeOptions.config?.access;
    if (!access) return; // infrastructure route (see requireDeclaredAccess)
    const token = request.cookies?.[authenticator.cookieName];
    request.principal = token ? await authenticator.resolve(token, request.ip ?? null) : null;
    enforce(access, request);
    if (request.principal && !SAFE_METHODS.has(request.method) && !request.routeOptions.config.csrfExempt) {
      const header = request.headers['x-csrf-token'];
      if (typeof header !== 'string' || !safeEqual(header, request.principal.csrfToken)) throw new AppError('auth.csrf_failed');
    }
  });
}

function enforce(access: Access, request: FastifyRequest): void {
  if (access.kind === 'public') return;
  const principal = request.principal;
  if (!principal) throw new AppError('auth.unauthenticated');
  if (access.kind === 'session') {
    if (!access.stages.includes(principal.stage)) throw stageError(principal.stage);
    return;
  }
  if (principal.stage !== 'full') throw stageError(principal.stage);
  if (access.kind === 'member') return;
  if (!principal.grants.has(access.permission)) throw new AppError('auth.forbidden');
}

function stageError(stage: string): AppError {
  if (stage === 'enroll_totp') return new AppError('auth.totp_enrollment_required');
  if (stage === 'second_factor') return new AppError('auth.second_factor_required');
  return new AppError('auth.forbidden');
}
