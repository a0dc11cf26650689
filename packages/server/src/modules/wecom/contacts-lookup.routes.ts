import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db';
import { AppError } from '../../platform/kernel/app-error';
import type { AppTokenService } from '../apps';
import type { MemberService } from '../directory';
import { caller, input, scopeOf } from './cgi-bin';

const listIdBody = z.object({ cursor: z.string().max(200).optional(), limit: z.coerce.number().int().min(1).max(10_000).default(10_000) });

/** The keyset position after a (member, department) pair, opaque to the client. */
function encodeCursor(row: { memberId: string; departmentId: number }): string {
  return Buffer.from(`${row.memberId}:${row.departmentId}`).toString('base64url');
}

function decodeCursor(cursor: string | undefined): { memberId: string; departmentId: number } | null {
  if (!cursor) return null;
  const match = /^([0-9a-f-]{36}):(\d{1,10})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match) throw new AppError('common.validation_failed', { fields: [{ path: 'cursor', reason: 'is not a cursor this server gave' }] });
  return { memberId: match[1]!, departmentId: Number(match[2]) };
}

/** 通讯录 lookups: user/list_id (directory-sync app only), user/getuserid, user/convert_to_openid. */
export function registerContactLookups(cgi: FastifyInstance, deps: { db: Kysely<DB>; members: MemberService; appTokens: AppTokenService }): void {
  const { db, members, appTokens } = deps;

  cgi.post('/user/list_id', { config: { emptyLists: { dept_user: [] } } }, async (request) => {
    if (caller(request).kind !== 'contacts_sync') throw new AppError('apps.api_forbidden');
    const { cursor, limit } = input(listIdBody, request.body);
    const rows = await members.departmentPairs(db, scopeOf(caller(request)), decodeCursor(cursor), limit);
    const last = rows.at(-1);
    return { errcode: 0, errmsg: 'ok', next_cursor: rows.length === limit && last ? encodeCursor(last) : '', dept_user: rows.map((r) => ({ userid: r.userid, department: r.departmentId })) };
  });

  cgi.post('/user/getuserid', async (request) => {
    const { mobile } = input(z.object({ mobile: z.string().min(5, 'must be 5 to 32 characters').max(32, 'must be 5 to 32 characters') }), request.body);
    try {
      return { errcode: 0, errmsg: 'ok', userid: await members.useridByMobile(db, scopeOf(caller(request)), mobile) };
    } catch (error) {
      if (error instanceof AppError && error.code === 'directory.member_not_found') throw new AppError('apps.mobile_not_found');
      throw error;
    }
  });

  cgi.post('/user/convert_to_openid', async (request) => {
    const { userid } = input(z.object({ userid: z.string().min(1).max(64) }), request.body);
    const scope = scopeOf(caller(request));
    const member = await members.get(db, scope, userid);
    return { errcode: 0, errmsg: 'ok', openid: appTokens.openid(scope.corpId, member.userid) };
  });
}
