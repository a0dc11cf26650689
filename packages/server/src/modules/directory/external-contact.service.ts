import type { ExternalContactInput, ExternalContactSetting } from '@orgdesk/contracts';
import type { Executor, Trx } from '../../db';
import { AppError } from '../../platform/kernel/app-error';
import type { Clock } from '../../platform/kernel/clock';
import type { ActorContext } from '../../platform/kernel/context';
import type { AuditLog } from '../audit';
import * as repo from './external-contact.repository';
import { checkReferences, namesOf } from './visibility-references';
import { memberByUserid } from './visibility.repository';

/**
 * Whether a member (by internal id) may add external contacts (客户联系). Until an admin saves the setting,
 * or when it is `everyone`, every member in service may (WeCom's default); members disabled or gone never may.
 * The one check the external-contacts module calls.
 */
export function mayAddExternalContacts(db: Executor, corpId: string, memberId: string): Promise<boolean> {
  return repo.mayAddExternalContacts(db, corpId, memberId);
}

/** The external-contact permission (外部联系人权限): who may add external contacts. */
export class ExternalContactPermissionService {
  constructor(
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async get(db: Executor, corpId: string): Promise<ExternalContactSetting> {
    const row = await repo.findExternalContactPermission(db, corpId);
    if (!row) return { mode: 'everyone', departments: [], tags: [], members: [], updatedAt: null };
    const names = await namesOf(db, corpId, { departments: row.departments, tags: row.tags, members: row.member_ids });
    return { mode: row.mode, departments: names.departmentList(row.departments), tags: names.tagList(row.tags), members: names.memberList(row.member_ids), updatedAt: row.updated_at.toISOString() };
  }

  async update(trx: Trx, corpId: string, input: ExternalContactInput, ctx: ActorContext): Promise<ExternalContactSetting> {
    await repo.findExternalContactPermission(trx, corpId, { lock: true });
    const before = await this.get(trx, corpId);
    const departments = [...new Set(input.departmentIds)];
    const tags = [...new Set(input.tagIds)];
    const { members } = await checkReferences(trx, corpId, [
      { path: 'departmentIds', departments },
      { path: 'tagIds', tags },
      { path: 'userids', userids: input.userids },
    ]);
    const listed = [...new Map(input.userids.map((u) => members.get(u.toLowerCase())!).map((m) => [m.id, m])).values()];
    await repo.saveExternalContactPermission(trx, corpId, { mode: input.mode, departments, tags, member_ids: listed.map((m) => m.id) }, this.clock.now());
    await this.audit.record(trx, corpId, ctx, {
      action: 'visibility.external_contacts_update',
      targetType: 'corp',
      targetId: corpId,
      before: auditView(before),
      after: { mode: input.mode, departmentIds: departments, tagIds: tags, userids: listed.map((m) => m.userid) },
    });
    return this.get(trx, corpId);
  }

  /** The check for one member by userid, as the console's "may X add external contacts?" asks it. */
  async check(db: Executor, corpId: string, userid: string): Promise<{ userid: string; allowed: boolean }> {
    const member = await memberByUserid(db, corpId, userid);
    if (!member) throw new AppError('directory.member_not_found', { fields: [{ path: 'userid', reason: 'no such member' }] });
    return { userid: member.userid, allowed: await repo.mayAddExternalContacts(db, corpId, member.id) };
  }
}

function auditView(setting: ExternalContactSetting) {
  return { mode: setting.mode, departmentIds: setting.departments.map((d) => d.id), tagIds: setting.tags.map((t) => t.id), userids: setting.members.map((m) => m.userid) };
}
