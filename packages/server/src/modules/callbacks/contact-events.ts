import type { AuditInput } from '../audit';
import { cdata } from './wecom-crypto';

/** A change_contact event: its ChangeType and its fields, in WeCom's element names and order. */
export interface ContactEvent {
  changeType: 'create_user' | 'update_user' | 'delete_user' | 'create_party' | 'update_party' | 'delete_party' | 'update_tag';
  fields: [name: string, value: string | number][];
}

type MemberView = {
  userid?: string;
  name?: string;
  departments?: { id: number; isLeader: boolean }[];
  mainDepartment?: number;
  directLeaders?: string[];
  position?: string;
  mobile?: string;
  gender?: string;
  email?: string;
  status?: number;
  alias?: string;
  telephone?: string;
  address?: string;
};
type DepartmentView = { name?: string; parentId?: number | null; order?: number };

// WeCom writes lists in events as comma-separated strings.
function memberFields(view: MemberView): [string, string | number][] {
  const out: [string, string | number][] = [];
  if (view.name !== undefined) out.push(['Name', view.name]);
  if (view.departments !== undefined) {
    out.push(['Department', view.departments.map((d) => d.id).join(',')]);
    out.push(['IsLeaderInDept', view.departments.map((d) => (d.isLeader ? 1 : 0)).join(',')]);
  }
  if (view.mainDepartment !== undefined) out.push(['MainDepartment', view.mainDepartment]);
  if (view.directLeaders !== undefined) out.push(['DirectLeader', view.directLeaders.join(',')]);
  if (view.position !== undefined) out.push(['Position', view.position]);
  if (view.mobile !== undefined) out.push(['Mobile', view.mobile]);
  if (view.gender !== undefined) out.push(['Gender', view.gender]);
  if (view.email !== undefined) out.push(['Email', view.email]);
  if (view.status !== undefined) out.push(['Status', view.status]);
  if (view.alias !== undefined) out.push(['Alias', view.alias]);
  if (view.telephone !== undefined) out.push(['Telephone', view.telephone]);
  if (view.address !== undefined) out.push(['Address', view.address]);
  return out;
}

/**
 * The change_contact event an audited directory change stands for, or null. Every path that changes the
 * directory (console, API, CLI) audits its change, so deriving events from audit entries misses none.
 */
export function contactEvent(input: AuditInput): ContactEvent | null {
  const after = (input.after ?? {}) as MemberView & DepartmentView & { userids?: string[]; departmentIds?: number[] };
  const before = (input.before ?? {}) as MemberView;
  const id = input.targetId ?? '';
  switch (input.action) {
    case 'directory.member_create':
    case 'directory.member_rehire':
      return { changeType: 'create_user', fields: [['UserID', id], ...memberFields(after)] };
    case 'directory.member_update':
    case 'directory.member_self_update':
    case 'directory.member_enable':
    case 'directory.member_disable':
    case 'directory.member_activate': {
      const renamed = after.userid !== undefined && before.userid !== undefined && after.userid !== before.userid;
      const { userid: _userid, ...changed } = after;
      return { changeType: 'update_user', fields: [['UserID', renamed ? before.userid! : id], ...(renamed ? [['NewUserID', after.userid!] as [string, string]] : []), ...memberFields(changed)] };
    }
    case 'directory.member_delete':
      return { changeType: 'delete_user', fields: [['UserID', id]] };
    case 'directory.department_create':
      return { changeType: 'create_party', fields: [['Id', Number(id)], ['Name', after.name ?? ''], ['ParentId', after.parentId ?? 0], ['Order', after.order ?? 0]] };
    case 'directory.department_update': {
      const fields: [string, string | number][] = [['Id', Number(id)]];
      if (after.name !== undefined) fields.push(['Name', after.name]);
      if (after.parentId !== undefined) fields.push(['ParentId', after.parentId ?? 0]);
      return { changeType: 'update_party', fields };
    }
    case 'directory.department_delete':
      return { changeType: 'delete_party', fields: [['Id', Number(id)]] };
    case 'directory.tag_add_members':
    case 'directory.tag_remove_members': {
      const added = input.action === 'directory.tag_add_members';
      const users = (after.userids ?? []).join(',');
      const parties = (after.departmentIds ?? []).join(',');
      return { changeType: 'update_tag', fields: [['TagId', Number(id)], [added ? 'AddUserItems' : 'DelUserItems', users], [added ? 'AddPartyItems' : 'DelPartyItems', parties]] };
    }
    default:
      return null;
  }
}

/** Elements of an event: numbers as they are, text in CDATA. */
export function eventXmlFields(fields: [string, string | number][]): string {
  return fields.map(([name, value]) => `<${name}>${typeof value === 'number' ? value : cdata(value)}</${name}>`).join('');
}

/** The plain XML WeCom posts (before encryption) for an event; `nested` is already-built XML appended (e.g. BatchJob). */
export function eventXml(corpId: string, createTime: number, event: string, fields: [string, string | number][], nested = ''): string {
  return `<xml><ToUserName>${cdata(corpId)}</ToUserName><FromUserName>${cdata('sys')}</FromUserName><CreateTime>${createTime}</CreateTime><MsgType>${cdata('event')}</MsgType><Event>${cdata(event)}</Event>${eventXmlFields(fields)}${nested}</xml>`;
}
