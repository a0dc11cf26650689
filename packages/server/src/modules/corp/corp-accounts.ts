import { sql } from 'kysely';
import type { Executor } from '../../db';
import type { AccountDirectory, AccountInfo } from '../auth';
import type { SuperAdminGuard } from '../directory';
import { activeSuperAdminsBesides, adminAccounts, isSuperAdmin, superAdminMemberIds } from './corp.repository';

type AccountRow = Omit<AccountInfo, 'isSuperAdmin' | 'defaultLanguage'> & { role: string; defaultLanguage: string };

function toAccount(row: AccountRow): AccountInfo {
  return {
    memberId: row.memberId,
    corpId: row.corpId,
    corpName: row.corpName,
    userid: row.userid,
    name: row.name,
    isSuperAdmin: row.role === 'super_admin',
    defaultLanguage: row.defaultLanguage === 'en' ? 'en' : 'zh-CN',
  };
}

/** The console's accounts are the corp's active admins. */
export const corpAccounts: AccountDirectory = {
  async findAdminsByLogin(db: Executor, login: string, corpId?: string) {
    let query = adminAccounts(db).where((eb) => eb.or([eb('m.mobile', '=', login), eb(sql`lower(m.userid)`, '=', login.toLowerCase())]));
    if (corpId) query = query.where('m.corp_id', '=', corpId);
    return (await query.orderBy('m.corp_id').limit(20).execute()).map(toAccount);
  },
  async findAdmin(db: Executor, memberId: string) {
    const row = await adminAccounts(db).where('m.id', '=', memberId).executeTakeFirst();
    return row ? toAccount(row) : null;
  },
};

/** An active admin of a corp by userid, for operator commands. */
export async function corpAdminByUserid(db: Executor, corpId: string, userid: string): Promise<AccountInfo | null> {
  const row = await adminAccounts(db).where('m.corp_id', '=', corpId).where(sql`lower(m.userid)`, '=', userid.toLowerCase()).executeTakeFirst();
  return row ? toAccount(row) : null;
}

/** The corp module knows who the super admins are, so it answers the directory's last-super-admin question. */
export const superAdminGuard: SuperAdminGuard = {
  async isLastActiveSuperAdmin(db: Executor, corpId: string, memberId: string) {
    return (await isSuperAdmin(db, corpId, memberId)) && (await activeSuperAdminsBesides(db, corpId, memberId)) === 0;
  },
  async superAdminIds(db: Executor, corpId: string) {
    return new Set(await superAdminMemberIds(db, corpId));
  },
};
