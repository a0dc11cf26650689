import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { pickLanguage } from '@orgdesk/contracts';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '../kernel/app-error';
import type { Logger } from '../kernel/logger';
import type { Metrics } from '../kernel/metrics';
import type { Authenticator } from './access';
import { registerAccessHook, requireDeclaredAccess } from './access-hook';
import { handleError } from './error-handler';
import { rejectNulCharacters } from './input-guard';
import { OneLinePerRequest } from './request-log';
import type { RegisteredRoute } from './types';

export const API_PREFIX = '/api/';

/** The app every module registers its routes on, typed by the zod provider. */
export type HttpApp = FastifyInstance<any, any, any, any, ZodTypeProvider>; // eslint-disable-line @typescript-eslint/no-explicit-any -- Fastify's server generics are not ours to pin here

/** Builds the HTTP server with the platform's plumbing; modules add routes, then `finishHttpServer` adds the console. */
export async function createHttpServer(options: {
  logger: Logger;
  metrics: Metrics;
  authenticator: Authenticator;
  trustProxy: boolean;
  /** Resolves with the database's state (`busy`: held by a long write of this process, e.g. an import); throws when it is down. */
  healthCheck: () => Promise<{ database: 'ok' | 'busy' }>;
}): Promise<HttpApp> {
  const app = Fastify({
    // pino's Logger is a FastifyBaseLogger; widening it keeps Fastify's generics at their defaults.
    loggerInstance: options.logger as FastifyBaseLogger,
    logController: new OneLinePerRequest(),
    trustProxy: options.trustProxy,
    bodyLimit: 1024 * 1024,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
    },
    routerOptions: { maxParamLength: 200 },
    // A malformed URL or an over-long path parameter is refused by the router before any route runs;
    // answer it with the one error body too, instead of Fastify's own.
    frameworkErrors: (error, request, reply) => {
      request.language = pickLanguage(request.headers['accept-language']);
      return handleError(error, request, reply);
    },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  requireDeclaredAccess(app, API_PREFIX);
  const routeList: RegisteredRoute[] = [];
  app.decorate('routeList', routeList);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routeList.push({ method, url: route.url, access: route.config?.access });
  });

  app.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const status = String(reply.statusCode);
    options.metrics.httpDuration.observe({ method: request.method, route, status }, reply.elapsedTime / 1000);
    if (reply.statusCode >= 400) options.metrics.httpErrors.inc({ route, status });
  });

  await app.register(fastifyCookie);
  registerAccessHook(app, options.authenticator);
  app.addHook('preValidation', rejectNulCharacters);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Orgdesk native API', version: '1' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: options.authenticator.cookieName } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  app.get('/healthz', { schema: { hide: true } }, async (_request, reply) => {
    try {
      const { database } = await options.healthCheck();
      return { status: 'ok', database };
    } catch (error) {
      app.log.warn({ err: error }, 'health check failed');
      return reply.status(503).send({ status: 'unavailable' });
    }
  });
  // A no-op JSON route: the baseline that benchmarks of real routes are measured against.
  app.get('/api/v1/ping', { config: { access: { kind: 'public' } }, schema: { hide: true } }, async () => ({ pong: true }));
  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
    void reply.header('content-type', options.metrics.registry.contentType);
    return options.metrics.registry.metrics();
  });
  return app;
}

/** Serves the built console at `/` with a fallback to its index.html for client-side routes; unknown API paths get a JSON 404. */
export async function finishHttpServer(app: HttpApp, consoleDir: string | null): Promise<void> {
  const hasConsole = consoleDir !== null && existsSync(join(consoleDir, 'index.html'));
  if (hasConsole) await app.register(fastifyStatic, { root: consoleDir, wildcard: false, index: ['index.html'] });
  app.setNotFoundHandler(async (request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (hasConsole && request.method === 'GET' && !path.startsWith(API_PREFIX) && !path.startsWith('/cgi-bin/')) {
      return reply.type('text/html').sendFile('index.html');
    }
    throw new AppError('common.not_found');
  });
}
