import type { Executor, Trx } from '../../db';
import { AppError } from '../../platform/kernel/app-error';
import type { ActorContext } from '../../platform/kernel/context';
import type { AuditLog } from '../audit';
import * as departments from './department.repository';
import type { DirectoryScope } from './directory-scope';
import * as members from './member.repository';
import { departmentsOutside } from './scope-sql';
import * as repo from './tag.repository';

/** What adding or removing tag members did: unknown userids and departments are reported, as WeCom does. */
export interface TagMembershipResult {
  invalidUserids: string[];
  invalidDepartmentIds: number[];
}

/** Tags: named groups of members and departments. */
export class TagService {
  constructor(private readonly audit: AuditLog) {}

  async list(db: Executor, scope: DirectoryScope) {
    return (await repo.listTags(db, scope.corpId, scope.reach)).map((t) => ({ id: t.id, name: t.name, memberCount: t.member_count ?? 0, departmentCount: t.department_count ?? 0 }));
  }

  async get(db: Executor, scope: DirectoryScope, id: number) {
    const tag = await this.find(db, scope.corpId, id);
    // Tags are corp-wide, but who is in one is shown only as far as the caller's scope reaches.
    const departmentIds = await repo.tagDepartmentIds(db, scope.corpId, id);
    const outside = new Set(await departmentsOutside(db, scope.corpId, scope.reach, departmentIds));
    return { ...tag, members: await repo.tagMembers(db, scope.corpId, id, scope.reach), departmentIds: departmentIds.filter((d) => !outside.has(d)) };
  }

  async create(trx: Trx, scope: DirectoryScope, input: { name: string; id?: number }, ctx: ActorContext) {
    await departments.lockCorpDirectory(trx, scope.corpId);
    if (await repo.tagNamed(trx, scope.corpId, input.name)) throw new AppError('directory.tag_name_taken', { fields: [{ path: 'name', reason: 'already used' }] });
    if (input.id !== undefined && (await repo.findTag(trx, scope.corpId, input.id))) throw new AppError('common.conflict', { fields: [{ path: 'id', reason: 'already used' }] });
    const id = input.id ?? (await repo.nextTagId(trx, scope.corpId));
    await repo.insertTag(trx, scope.corpId, id, input.name);
    await this.audit.record(trx, scope.corpId, ctx, { action: 'directory.tag_create', targetType: 'tag', targetId: String(id), after: { name: input.name } });
    return { id, name: input.name, memberCount: 0, departmentCount: 0 };
  }

  async rename(trx: Trx, scope: DirectoryScope, id: number, name: string, ctx: ActorContext): Promise<void> {
    const before = await this.find(trx, scope.corpId, id);
    if (await repo.tagNamed(trx, scope.corpId, name, id)) throw new AppError('directory.tag_name_taken', { fields: [{ path: 'name', reason: 'already used' }] });
    await repo.renameTag(trx, scope.corpId, id, name);
    await this.audit.record(trx, scope.corpId, ctx, { action: 'directory.tag_update', targetType: 'tag', targetId: String(id), before: { name: before.name }, after: { name } });
  }

  async delete(trx: Trx, scope: DirectoryScope, id: number, ctx: ActorContext): Promise<void> {
    const before = await this.find(trx, scope.corpId, id);
    await repo.deleteTag(trx, scope.corpId, id);
    await this.audit.record(trx, scope.corpId, ctx, { action: 'directory.tag_delete', targetType: 'tag', targetId: String(id), before: { name: before.name } });
  }

  /** Adds or removes members (by userid) and departments; unknown ones are reported and skipped. */
  async changeMembers(trx: Trx, scope: DirectoryScope, id: number, change: 'add' | 'remove', input: { userids: string[]; departmentIds: number[] }, ctx: ActorContext): Promise<TagMembershipResult> {
    const corpId = scope.corpId;
    await this.find(trx, corpId, id);
    // Members and departments outside the caller's scope are reported like unknown ones, revealing nothing.
    const found = (await members.findByUserids(trx, corpId, input.userids, scope.reach)).filter((m) => m.status !== 5);
    const foundUserids = new Set(found.map((m) => m.userid.toLowerCase()));
    const outside = new Set(await departmentsOutside(trx, corpId, scope.reach, input.departmentIds));
    const existingDepartments = new Set(input.departmentIds.filter((d) => !outside.has(d)));
    const result = {
      invalidUserids: input.userids.filter((u) => !foundUserids.has(u.toLowerCase())),
      invalidDepartmentIds: input.departmentIds.filter((d) => !existingDepartments.has(d)),
    };
    const memberIds = found.map((m) => m.id);
    const departmentIds = [...existingDepartments];
    if (change === 'add') {
      await repo.addMembers(trx, corpId, id, memberIds);
      await repo.addDepartments(trx, corpId, id, departmentIds);
    } else {
      await repo.removeMembers(trx, corpId, id, memberIds);
      await repo.removeDepartments(trx, corpId, id, departmentIds);
    }
    await this.audit.record(trx, corpId, ctx, {
      action: change === 'add' ? 'directory.tag_add_members' : 'directory.tag_remove_members',
      targetType: 'tag',
      targetId: String(id),
      after: { userids: found.map((m) => m.userid), departmentIds },
    });
    return result;
  }

  private async find(db: Executor, corpId: string, id: number) {
    const tag = await repo.findTag(db, corpId, id);
    if (!tag) throw new AppError('directory.tag_not_found');
    return tag;
  }
}
