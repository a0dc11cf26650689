import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';

/**
 * One log line per request, written when it completes: method, path without the query string (a WeCom
 * caller puts its access_token there), status and duration. Fastify's default writes two lines per
 * request, which halved the throughput of a no-op route.
 */
export class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const entry = {
      method: request.method,
      path: request.url.split('?')[0]?.slice(0, 512),
      route: request.routeOptions.url,
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime * 10) / 10,
      ip: request.ip,
    };
    if (error) request.log.error({ ...entry, err: error }, 'request failed');
    else request.log.info(entry, 'request');
  }
}
