import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Trx } from '../../db';
import type { ActorContext } from '../../platform/kernel/context';
import type { AuditInput, AuditLog } from '../audit';
import { directoryBulk, memberSearchText, nameSortKey, type MemberBulkUpdate } from '../directory';
import type { ImportPlan, MemberTarget, PlannedMember } from './plan';

/** Called as rows are written: how many of how many. */
export type ProgressListener = (done: number, total: number) => void;

const DISABLED = 2;

/**
 * Writes a plan inside the caller's transaction, set-based and in batches, yielding to the event loop between
 * batches so the server keeps serving. Audits one entry per member changed; the caller adds the summary.
 */
export async function applyPlan(trx: Trx, corpId: string, plan: ImportPlan, deps: { audit: AuditLog; now: Date }, ctx: ActorContext, onProgress: ProgressListener = () => {}): Promise<void> {
  const changing = plan.members.filter((p) => p.kind !== 'unchanged');
  const total = changing.length + plan.disables.length;
  let done = 0;
  const step = async (n: number) => {
    done += n;
    onProgress(done, total);
    await yieldToEventLoop();
  };
  onProgress(0, total);

  await directoryBulk.insertDepartments(trx, corpId, plan.newDepartments.map((d) => ({ id: d.id, parentId: d.parentId, name: d.name, order: 0 })));

  const creates = changing.filter((p) => p.kind === 'create');
  const newIds = await directoryBulk.insertMembers(
    trx,
    creates,
    (p) => ({ corp_id: corpId, ...memberColumns(p.target), direct_leaders: [], extattr: '[]', created_at: deps.now, updated_at: deps.now }),
    step,
  );

  const updates = changing.filter((p) => p.kind !== 'create');
  await directoryBulk.updateMembers(trx, updates.map((p) => bulkUpdate(p)), deps.now, step);

  await directoryBulk.replaceDepartmentLinks(trx, corpId, creates.map((p) => ({ memberId: newIds.get(p.target.userid.toLowerCase())!, departments: p.target.departments })), { fresh: true });
  await directoryBulk.replaceDepartmentLinks(trx, corpId, updates.filter((p) => p.departmentsChanged).map((p) => ({ memberId: p.existing!.id, departments: p.target.departments })));

  await directoryBulk.setStatuses(trx, plan.disables.map((m) => m.id), DISABLED, deps.now);
  await step(plan.disables.length);

  const auditCount = plan.newDepartments.length + changing.length + plan.disables.length;
  await deps.audit.recordMany(trx, corpId, ctx, auditCount, auditEntries(plan, changing));
}

/** The import's audit entries, built as they are written: one per department created and member changed. */
function* auditEntries(plan: ImportPlan, changing: PlannedMember[]): Generator<AuditInput> {
  for (const d of plan.newDepartments) yield { action: 'directory.department_create', targetType: 'department', targetId: String(d.id), after: { name: d.name, parentId: d.parentId, via: 'import' } };
  for (const p of changing) yield memberAudit(p);
  for (const m of plan.disables) yield { action: 'directory.member_disable', targetType: 'member', targetId: m.userid, before: { status: m.status }, after: { status: DISABLED, via: 'import (missing from the file)' } };
}

function memberColumns(t: MemberTarget) {
  return {
    userid: t.userid,
    name: t.name,
    alias: t.alias,
    mobile: t.mobile,
    email: t.email,
    position: t.position,
    gender: t.gender,
    telephone: t.telephone,
    address: t.address,
    status: t.status,
    main_department: t.mainDepartment,
    search_text: memberSearchText(t),
    name_sort: nameSortKey(t.name),
  };
}

function bulkUpdate(p: PlannedMember): MemberBulkUpdate {
  const { departments: _departments, ...fields } = p.target;
  return { ...fields, id: p.existing!.id, searchText: memberSearchText(p.target), nameSort: nameSortKey(p.target.name), activatedAt: p.kind === 'rehire' ? null : p.existing!.activatedAt };
}

function memberAudit(p: PlannedMember): AuditInput {
  const action = p.kind === 'create' ? 'directory.member_create' : p.kind === 'rehire' ? 'directory.member_rehire' : 'directory.member_update';
  const after = { ...p.target, via: 'import' };
  if (!p.existing || p.kind === 'rehire') return { action, targetType: 'member', targetId: p.target.userid, after };
  const before = p.existing;
  const keys = (Object.keys(p.target) as (keyof MemberTarget)[]).filter((k) => JSON.stringify(before[k as keyof typeof before]) !== JSON.stringify(p.target[k]));
  return {
    action,
    targetType: 'member',
    targetId: p.target.userid,
    before: Object.fromEntries(keys.map((k) => [k, before[k as keyof typeof before]])),
    after: { ...Object.fromEntries(keys.map((k) => [k, p.target[k]])), via: 'import' },
  };
}
