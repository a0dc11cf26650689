import type { FastifyRequest } from 'fastify';
import { withHint } from './errcodes';

/**
 * A WeCom business error answered directly by a route: for errors that exist only in the WeCom protocol
 * (media sizes, batch jobs), which have no code of our own to map in errcodes.ts.
 */
export function wecomFail(request: FastifyRequest, errcode: number, errmsg: string): { errcode: number; errmsg: string } {
  return { errcode, errmsg: withHint(errmsg, request.id, request.ip) };
}
