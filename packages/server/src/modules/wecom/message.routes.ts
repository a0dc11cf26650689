import { messageContent, messageTypes } from '@orgdesk/contracts';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db';
import { AppError } from '../../platform/kernel/app-error';
import type { MessageService } from '../messages';
import { appContext, caller, input } from './cgi-bin';

const sendBody = z.object({
  touser: z.string().max(100_000).default(''),
  toparty: z.union([z.string(), z.number()]).transform(String).default(''),
  totag: z.union([z.string(), z.number()]).transform(String).default(''),
  msgtype: z.string({ message: 'is required' }),
  agentid: z.coerce.number({ message: 'is required' }).int(),
});

/** `a|b|c` as WeCom writes lists in message/send; empty parts dropped. */
const parts = (value: string) => value.split('|').map((s) => s.trim()).filter(Boolean);

function ids(value: string, field: string): number[] {
  const list = parts(value);
  if (list.some((p) => !/^\d{1,10}$/.test(p))) throw new AppError('common.validation_failed', { fields: [{ path: field, reason: 'must be ids separated by |' }] });
  return list.map(Number);
}

/** message/send: text, textcard and markdown to members, departments and tags within the app's visible range. */
export function registerMessageSend(cgi: FastifyInstance, deps: { db: Kysely<DB>; messages: MessageService }): void {
  const { db, messages } = deps;
  cgi.post('/message/send', async (request) => {
    const app = caller(request);
    // The directory-sync app has no agent and may not send (48002); another app's agentid is 301002.
    if (app.kind === 'contacts_sync') throw new AppError('apps.api_forbidden');
    const body = input(sendBody, request.body);
    if (body.agentid !== app.agentId) throw new AppError('apps.other_agent');
    const msgtype = messageTypes.find((t) => t === body.msgtype);
    if (!msgtype) throw new AppError('messages.invalid_type');
    const content = input(messageContent[msgtype], (request.body as Record<string, unknown>)[msgtype]);
    const all = body.touser.trim() === '@all';
    const touser = all ? 'all' : parts(body.touser);
    const toparty = all ? [] : ids(body.toparty, 'toparty');
    const totag = all ? [] : ids(body.totag, 'totag');
    if (touser !== 'all' && touser.length + toparty.length + totag.length === 0) throw new AppError('messages.no_recipient');
    if ((touser !== 'all' && touser.length > 1000) || toparty.length > 100 || totag.length > 100) throw new AppError('apps.too_many_recipients');
    const sent = await db.transaction().execute((trx) => messages.send(trx, { corpId: app.corpId, appId: app.appId, reach: app.reach }, { touser, toparty, totag }, { msgtype, body: content }, appContext(request)));
    return {
      errcode: 0,
      errmsg: 'ok',
      invaliduser: sent.invalidUsers.join('|'),
      invalidparty: sent.invalidParties.join('|'),
      invalidtag: sent.invalidTags.join('|'),
      unlicenseduser: '',
      msgid: sent.msgid,
    };
  });
}
