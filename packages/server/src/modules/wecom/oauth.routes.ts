import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db';
import type { MemberService } from '../directory';
import { USER_TICKET_SECONDS, type OAuthService } from '../oauth';
import { caller, input, scopeOf } from './cgi-bin';

const codeQuery = z.object({ code: z.string({ message: 'is required' }).min(1, 'is required').max(512) });

/** The app's side of OAuth: the code for the userid (and a user ticket), the ticket for the sensitive fields. */
export function registerOAuthExchange(cgi: FastifyInstance, deps: { db: Kysely<DB>; oauth: OAuthService; members: MemberService }): void {
  const { db, oauth, members } = deps;

  cgi.get('/auth/getuserinfo', async (request) => {
    const { code } = input(codeQuery, request.query);
    const { userid, userTicket } = await oauth.exchange(caller(request), code);
    return { errcode: 0, errmsg: 'ok', userid, ...(userTicket ? { user_ticket: userTicket, expires_in: USER_TICKET_SECONDS } : {}) };
  });

  // The legacy path that wechatpy and WxJava still call: the same exchange, with WeCom's old capitalised fields.
  cgi.get('/user/getuserinfo', async (request) => {
    const { code } = input(codeQuery, request.query);
    const { userid, userTicket } = await oauth.exchange(caller(request), code);
    return { errcode: 0, errmsg: 'ok', UserId: userid, DeviceId: '', ...(userTicket ? { user_ticket: userTicket, expires_in: USER_TICKET_SECONDS } : {}) };
  });

  cgi.post('/auth/getuserdetail', async (request) => {
    const app = caller(request);
    const { user_ticket } = input(z.object({ user_ticket: z.string({ message: 'is required' }).min(1).max(512) }), request.body);
    const userid = await oauth.ticketHolder(app, user_ticket);
    const member = await members.get(db, scopeOf(app), userid);
    return { errcode: 0, errmsg: 'ok', userid: member.userid, gender: member.gender, avatar: '', qr_code: '', mobile: member.mobile, email: member.email, biz_mail: '', address: member.address };
  });
}
