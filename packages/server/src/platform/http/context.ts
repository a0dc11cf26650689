import type { FastifyRequest } from 'fastify';
import type { ActorContext } from '../kernel/context';
import { AppError } from '../kernel/app-error';
import type { Principal } from './access';

/** The actor context of a request, for services that write and audit. */
export function actorContext(request: FastifyRequest): ActorContext {
  const userAgent = request.headers['user-agent'];
  return {
    actorId: request.principal?.userid ?? null,
    actorName: request.principal?.name ?? null,
    ip: request.ip ?? null,
    userAgent: typeof userAgent === 'string' ? userAgent.slice(0, 512) : null,
    requestId: request.id,
    language: request.language,
  };
}

/** The principal of a route that declared it needs one; the access hook guarantees it is there. */
export function requirePrincipal(request: FastifyRequest): Principal {
  if (!request.principal) throw new AppError('auth.unauthenticated');
  return request.principal;
}
