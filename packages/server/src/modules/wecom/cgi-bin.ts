import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../platform/kernel/app-error';
import type { ActorContext } from '../../platform/kernel/context';
import type { AppCaller, AppTokenService } from '../apps';
import type { DirectoryScope } from '../directory';
import type { ApiRateLimiter } from './rate-limit';
import { wecomError, withHint } from './errcodes';

declare module 'fastify' {
  interface FastifyRequest {
    /** The app behind the access token of a /cgi-bin call. */
    app: AppCaller | null;
  }
  interface FastifyContextConfig {
    /** A /cgi-bin route that needs no access token (gettoken). */
    noToken?: boolean;
    /** The list fields a /cgi-bin route's error answers still carry, empty. */
    emptyLists?: Record<string, unknown[]>;
  }
}

/**
 * The WeCom conventions every /cgi-bin route shares: business errors as HTTP 200 with errcode/errmsg, the
 * access token from the query string only, JSON bodies parsed whatever the Content-Type (or none), an unknown
 * path a 404 with an empty body. Registered inside the /cgi-bin plugin, so nothing leaks to the native API.
 */
export function applyWecomConventions(cgi: FastifyInstance, appTokens: AppTokenService, limits: ApiRateLimiter): void {
  cgi.removeAllContentTypeParsers();
  cgi.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => {
    const text = typeof body === 'string' ? body.trim() : '';
    if (text === '') return done(null, {});
    try {
      done(null, JSON.parse(text));
    } catch {
      done(new AppError('common.validation_failed', { fields: [{ path: 'body', reason: 'wrong json format' }] }));
    }
  });
  cgi.decorateRequest('app', null);
  cgi.addHook('onRequest', async (request) => {
    // An unknown path (no route) gets its empty 404 whatever the token.
    const api = request.routeOptions.url;
    if (api === undefined) return;
    if (!request.routeOptions.config?.noToken) {
      // Only the query string counts: a token in a header or the body is "missing", as WeCom answers.
      const token = (request.query as Record<string, unknown> | undefined)?.access_token;
      request.app = await appTokens.resolve(typeof token === 'string' ? token : undefined, request.ip ?? null);
    }
    // Counted per corp and per IP for each API (gettoken, before the corp is known, per IP only): 45009 beyond.
    const verdict = limits.hit({ corpId: request.app?.corpId ?? null, ip: request.ip ?? null, api });
    if (verdict.limited) throw new AppError('common.rate_limited', { retryAfterSeconds: verdict.retryAfterSeconds });
  });
  cgi.setErrorHandler((error: Error, request: FastifyRequest, reply: FastifyReply) => {
    const appError = error instanceof AppError ? error : null;
    const status = appError?.status ?? ((error as { statusCode?: number }).statusCode ?? 500);
    const mapped = appError ? wecomError(appError.code, status) : status < 500 ? wecomError('common.validation_failed', status) : wecomError('common.internal', 500);
    if (mapped.errcode === -1) request.log.error({ err: error }, 'cgi-bin request failed');
    const detail = appError?.details.fields?.map((f) => `${f.path}: ${f.reason}`).join('; ');
    const errmsg = withHint(detail ? `${mapped.errmsg}: ${detail}` : mapped.errmsg, request.id, request.ip);
    // WeCom keeps a route's list fields, empty, in its error answers (e.g. `department_id: []`); clients index them.
    return reply.status(200).send({ errcode: mapped.errcode, errmsg, ...request.routeOptions.config?.emptyLists });
  });
  cgi.setNotFoundHandler((_request, reply) => reply.status(404).type('text/plain').send(''));
}

/** The calling app; the onRequest hook has set it on every route that needs a token. */
export function caller(request: FastifyRequest): AppCaller {
  if (!request.app) throw new AppError('apps.token_missing');
  return request.app;
}

/** What an app sees of the directory: its visible range, as the scope the directory services filter by. */
export function scopeOf(app: AppCaller): DirectoryScope {
  return { corpId: app.corpId, reach: app.reach, superAdmin: false };
}

/**
 * A read through an app's visible range. What exists in the corp but lies outside the range answers WeCom's
 * 60011 (no privilege), as the issue of this API asks; what does not exist stays not found.
 */
export async function withinRange<T>(app: AppCaller, read: () => Promise<T>, existsInCorp: () => Promise<unknown>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    const notFound = error instanceof AppError && (error.code === 'directory.member_not_found' || error.code === 'directory.department_not_found');
    if (notFound && app.reach !== 'all' && (await existsInCorp().then(() => true, () => false))) throw new AppError('apps.out_of_range');
    throw error;
  }
}

/** Who acts, for the audit log: the app itself. */
export function appContext(request: FastifyRequest): ActorContext {
  const app = caller(request);
  const userAgent = request.headers['user-agent'];
  return {
    actorId: `app:${app.agentId ?? 'contacts_sync'}`,
    actorName: app.name,
    ip: request.ip ?? null,
    userAgent: typeof userAgent === 'string' ? userAgent.slice(0, 512) : null,
    requestId: request.id,
    language: 'zh-CN',
  };
}

/** Directory writes are for the directory-sync app with "API接口同步" on (48002 otherwise), as in WeCom. */
export function writer(request: FastifyRequest): AppCaller {
  const app = caller(request);
  if (!app.mayWriteDirectory) throw new AppError('apps.api_forbidden');
  return app;
}

/** Parses a query or body with a schema, as a WeCom 40058 naming the fields at fault. */
export function input<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  throw new AppError('common.validation_failed', { fields: parsed.error.issues.map((i) => ({ path: i.path.join('.') || 'body', reason: i.message })) });
}
