import type { Member } from '@orgdesk/contracts';
import type { MemberRow } from './directory.table';

type DepartmentLink = { department_id: number; name: string; sort_order: number; is_leader: boolean };

/** A member as the API shows them: WeCom's fields, empty strings where nothing is set. */
export function presentMember(row: MemberRow, departments: DepartmentLink[]): Member {
  return {
    userid: row.userid,
    name: row.name,
    alias: row.alias,
    mobile: row.mobile ?? '',
    email: row.email ?? '',
    position: row.position,
    gender: row.gender === '1' || row.gender === '2' ? row.gender : '0',
    departments: departments.map((d) => ({ id: d.department_id, name: d.name, order: d.sort_order, isLeader: d.is_leader })),
    mainDepartment: row.main_department,
    directLeaders: row.direct_leaders,
    telephone: row.telephone,
    address: row.address,
    extattr: row.extattr,
    joinDate: row.join_date,
    status: row.status as Member['status'],
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** The fields worth recording in the audit log, without timestamps. */
export function memberAuditView(member: Member): Omit<Member, 'createdAt' | 'updatedAt'> {
  const { createdAt: _created, updatedAt: _updated, ...rest } = member;
  return rest;
}
