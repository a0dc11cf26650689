import { sql } from 'kysely';
import type { Executor, Trx } from '../../db';
import type { ActorContext } from '../../platform/kernel/context';
import type { AuditLog } from '../audit';
import type { AccountDirectory, AccountInfo } from '../auth';
import type { SuperAdminGuard } from '../directory';
import * as repo from './access.repository';
import { loadGrants } from './grants';

type AccountRow = Awaited<ReturnType<ReturnType<typeof repo.memberAccounts>['executeTakeFirstOrThrow']>>;

async function toAccount(db: Executor, row: AccountRow): Promise<AccountInfo> {
  const isAdmin = Boolean(row.isAdmin);
  // A member who holds no assignment has nothing to load: their grants are empty.
  const { grants, superAdmin } = isAdmin ? await loadGrants(db, row.corpId, row.memberId) : { grants: new Map(), superAdmin: false };
  return {
    memberId: row.memberId,
    corpId: row.corpId,
    corpName: row.corpName,
    userid: row.userid,
    name: row.name,
    isSuperAdmin: superAdmin,
    isAdmin,
    twoStepRequired: isAdmin || row.memberTotpRequired,
    grants,
    defaultLanguage: row.defaultLanguage === 'en' ? 'en' : 'zh-CN',
  };
}

/**
 * Who may sign in: every active member. Those holding an admin assignment (pending ones may sign in to confirm
 * it) reach the console after two-step verification; the others reach the member portal.
 */
export function memberAccountDirectory(audit: AuditLog, now: () => Date): AccountDirectory {
  return {
    async findAccountsByLogin(db, login, corpId) {
      let query = repo.memberAccounts(db).where((eb) => eb.or([eb('m.mobile', '=', login), eb(sql`lower(m.userid)`, '=', login.toLowerCase())]));
      if (corpId) query = query.where('m.corp_id', '=', corpId);
      const rows = await query.orderBy('m.corp_id').limit(20).execute();
      return Promise.all(rows.map((row) => toAccount(db, row)));
    },
    async findAccount(db, memberId) {
      const row = await repo.memberAccounts(db).where('m.id', '=', memberId).executeTakeFirst();
      return row ? toAccount(db, row) : null;
    },
    async confirmTwoStep(trx: Trx, corpId: string, memberId: string, ctx: ActorContext) {
      const activated = await repo.activatePending(trx, corpId, memberId, now());
      for (const id of activated) await audit.record(trx, corpId, ctx, { action: 'access.assignment_activate', targetType: 'assignment', targetId: id, after: { status: 'active' } });
    },
  };
}

/** An active admin of a corp by userid, for operator commands. */
export async function adminByUserid(db: Executor, corpId: string, userid: string): Promise<AccountInfo | null> {
  const row = await repo.memberAccounts(db).where('m.corp_id', '=', corpId).where(sql`lower(m.userid)`, '=', userid.toLowerCase()).executeTakeFirst();
  return row?.isAdmin ? toAccount(db, row) : null;
}

/** The access module knows who the super admins are, so it answers the directory's last-super-admin question. */
export const superAdminGuard: SuperAdminGuard = {
  async isLastActiveSuperAdmin(db, corpId, memberId) {
    return (await repo.superAdminMemberIds(db, corpId)).includes(memberId) && (await repo.activeSuperAdminsBesides(db, corpId, memberId)) === 0;
  },
  async isSuperAdmin(db, corpId, memberId) {
    return (await repo.superAdminMemberIds(db, corpId)).includes(memberId);
  },
  async superAdminIds(db, corpId) {
    return new Set(await repo.superAdminMemberIds(db, corpId));
  },
};

/** Makes a corp's founder its first super admin, active at once (they enrol two-step verification before anything else). */
export async function appointFounder(trx: Executor, corpId: string, memberId: string, at: Date): Promise<void> {
  await repo.insertAssignment(trx, { corp_id: corpId, member_id: memberId, role_id: 'super_admin', status: 'active', activated_at: at });
}
