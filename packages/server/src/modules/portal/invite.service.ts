import type { InviteChannel, InviteResponse } from '@orgdesk/contracts';
import type { Kysely } from 'kysely';
import type { DB } from '../../db';
import { AppError } from '../../platform/kernel/app-error';
import type { Clock } from '../../platform/kernel/clock';
import type { ActorContext } from '../../platform/kernel/context';
import { randomToken, sha256Hex } from '../../platform/kernel/crypto';
import type { EmailGateway } from '../../platform/kernel/email';
import type { SmsGateway } from '../../platform/kernel/sms';
import type { AuditLog } from '../audit';
import { hashPassword, ipPolicy, upsertPasswordHash, type AttemptLimiter, type LimitKey } from '../auth';
import type { CorpService } from '../corp';
import type { MemberIdentity, MemberPortalService } from '../directory';
import * as repo from './invite.repository';
import type { InviteRow } from './invite.table';

const INVITE_DAYS = 7;
const NOT_ACTIVATED = 4;

/**
 * Invitations to activate: an admin sends a one-time link by SMS or email; the member opens it, chooses a password and
 * is active. Tokens are random, stored as SHA-256, live seven days, work once; a new invitation replaces the old.
 */
export class InviteService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly gateways: { sms: SmsGateway; email: EmailGateway },
    private readonly limiter: AttemptLimiter,
    private readonly directory: MemberPortalService,
    private readonly corps: CorpService,
  ) {}

  /**
   * Sends a member (found by the caller inside their scope) an activation link, by the channel asked for or
   * else SMS when they have a mobile and email when they do not; returns how and where it went, masked.
   */
  async invite(corpId: string, memberId: string, baseUrl: string, ctx: ActorContext, asked?: InviteChannel): Promise<InviteResponse> {
    const member = await this.directory.identity(this.db, memberId);
    if (!member || member.corpId !== corpId) throw new AppError('directory.member_not_found');
    if (member.status !== NOT_ACTIVATED) throw new AppError('portal.not_invitable');
    const { channel, address } = chooseChannel(member, asked);
    const sentTo = channel === 'sms' ? maskMobile(address) : maskEmail(address);
    const token = randomToken();
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + INVITE_DAYS * 86_400_000);
    await this.db.transaction().execute(async (trx) => {
      await repo.replaceInvite(trx, { member_id: memberId, corp_id: corpId, token_hash: sha256Hex(token), expires_at: expiresAt, created_at: now });
      await this.audit.record(trx, corpId, ctx, { action: 'portal.invite', targetType: 'member', targetId: member.userid, after: { channel, sentTo, expiresAt: expiresAt.toISOString() } });
    });
    const corp = await this.corps.portalSettings(this.db, corpId);
    const link = `${baseUrl}/portal/activate?token=${token}`;
    const en = corp.defaultLanguage === 'en';
    // Sent after the commit: a failed send leaves an invitation nobody received, which the admin simply sends again.
    if (channel === 'sms') {
      const text = en
        ? `${corp.name} invites you to Orgdesk. Activate your account within ${INVITE_DAYS} days: ${link}`
        : `【Orgdesk】${corp.name} 邀请您加入企业通讯录，请在 ${INVITE_DAYS} 天内打开链接激活帐号：${link}`;
      await this.gateways.sms.send(address, text);
    } else {
      await this.gateways.email.send({ to: address, ...inviteEmail(en, corp.name, member.name, link) });
    }
    return { channel, sentTo, expiresAt: expiresAt.toISOString() };
  }

  /** Whom a token is for, or why it cannot be used. */
  async info(token: string, ip: string | null): Promise<{ corpName: string; name: string; userid: string }> {
    const { member } = await this.check(token, ip);
    const corp = await this.corps.portalSettings(this.db, member.corpId);
    return { corpName: corp.name, name: member.name, userid: member.userid };
  }

  /** Sets the member's password and activates them; the token is used up in the same transaction. */
  async activate(token: string, password: string, ctx: ActorContext): Promise<{ corpId: string; userid: string }> {
    const { member } = await this.check(token, ctx.ip);
    // argon2 is slow on purpose: hash before the transaction opens.
    const hash = await hashPassword(password);
    await this.db.transaction().execute(async (trx) => {
      const invite = await repo.findByTokenHash(trx, sha256Hex(token), { lock: true });
      if (!invite || invite.used_at) throw new AppError('portal.invite_used');
      const now = this.clock.now();
      await repo.markUsed(trx, invite.member_id, now);
      await upsertPasswordHash(trx, member.memberId, member.corpId, hash, now);
      if (!(await this.directory.activate(trx, member.corpId, member.memberId, ctx))) throw new AppError('portal.invite_used');
      await this.audit.record(trx, member.corpId, { ...ctx, actorId: member.userid, actorName: member.name }, { action: 'portal.activate', targetType: 'member', targetId: member.userid });
    });
    return { corpId: member.corpId, userid: member.userid };
  }

  /** Resolves a token; unknown tokens count against the IP, so they cannot be guessed at speed. */
  private async check(token: string, ip: string | null): Promise<{ invite: InviteRow; member: MemberIdentity }> {
    const keys: LimitKey[] = [{ key: `activation:ip:${ip ?? 'unknown'}`, policy: ipPolicy }];
    await this.limiter.check(this.db, keys);
    const invite = await repo.findByTokenHash(this.db, sha256Hex(token));
    const member = invite ? await this.directory.identity(this.db, invite.member_id) : null;
    if (!invite || !member) {
      await this.limiter.fail(this.db, keys);
      throw new AppError('portal.invite_invalid');
    }
    if (invite.used_at || member.status === 1) throw new AppError('portal.invite_used');
    if (invite.expires_at <= this.clock.now()) throw new AppError('portal.invite_expired');
    if (member.status !== NOT_ACTIVATED) throw new AppError('portal.invite_invalid');
    return { invite, member };
  }
}

/** The channel to send by and its address: the one asked for (refused when the member has no such address), else SMS before email. */
function chooseChannel(member: MemberIdentity, asked: InviteChannel | undefined): { channel: InviteChannel; address: string } {
  if (asked === 'sms' && !member.mobile) throw new AppError('portal.channel_unavailable', { fields: [{ path: 'channel', reason: 'the member has no mobile' }] });
  if (asked === 'email' && !member.email) throw new AppError('portal.channel_unavailable', { fields: [{ path: 'channel', reason: 'the member has no email' }] });
  if (asked !== 'email' && member.mobile) return { channel: 'sms', address: member.mobile };
  if (member.email) return { channel: 'email', address: member.email };
  throw new AppError('portal.no_address');
}

/** The invitation email in the corp's language: a subject, and a body with the link and how long it works. */
function inviteEmail(en: boolean, corpName: string, memberName: string, link: string): { subject: string; text: string } {
  return en
    ? {
        subject: `${corpName} invites you to Orgdesk`,
        text: `Hello ${memberName},\n\n${corpName} invites you to its directory on Orgdesk. Open this link within ${INVITE_DAYS} days to choose a password and activate your account:\n\n${link}\n\nThe link works once. If you did not expect this email, you can ignore it.`,
      }
    : {
        subject: `${corpName} 邀请您加入企业通讯录`,
        text: `${memberName}，您好：\n\n${corpName} 邀请您加入 Orgdesk 企业通讯录。请在 ${INVITE_DAYS} 天内打开以下链接，设置登录密码并激活帐号：\n\n${link}\n\n链接仅能使用一次。如果这不是您预期的邮件，请忽略。`,
      };
}

/** zhangsan@example.com → z****n@example.com: enough for the admin to recognise the address. */
function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  const local = email.slice(0, at);
  const shown = local.length > 2 ? `${local[0]}****${local.slice(-1)}` : `${local.slice(0, 1)}****`;
  return `${shown}${email.slice(at)}`;
}

/** 13912345678 → 139****5678: enough for the admin to recognise the number. */
function maskMobile(mobile: string): string {
  return mobile.length > 7 ? `${mobile.slice(0, 3)}****${mobile.slice(-4)}` : '****';
}
