import { eventXmlFields } from './contact-events';
import { cdata } from './wecom-crypto';

/** What sys_approval_change tells of a request, in WeCom's terms (as getapprovaldetail's info carries them). */
export interface ApprovalChangeInfo {
  sp_no: string;
  sp_name: string;
  sp_status: number;
  template_id: string;
  apply_time: number;
  applyer: { userid: string; partyid: string };
  sp_record: { sp_status: number; approverattr: number; details: { approver: { userid: string }; speech: string; sp_status: number; sptime: number; media_id: string[] }[] }[];
  notifyer: { userid: string }[];
  process_list: { node_list: { node_type: number; sp_status: number; apv_rel: number; sub_node_list: { userid: string; speech: string; sp_yj: number; sptime: number; media_ids: string[] }[] }[] };
}

/** The legacy SpRecord: one per step, with one Details per approver (comments carry no media here, so no MediaId). */
function spRecordXml(records: ApprovalChangeInfo['sp_record']): string {
  return records
    .map((r) => {
      const details = r.details.map((d) => `<Details><Approver><UserId>${cdata(d.approver.userid)}</UserId></Approver>${eventXmlFields([['Speech', d.speech], ['SpStatus', d.sp_status], ['SpTime', d.sptime]])}</Details>`).join('');
      return `<SpRecord>${eventXmlFields([['SpStatus', r.sp_status], ['ApproverAttr', r.approverattr]])}${details}</SpRecord>`;
    })
    .join('');
}

/** The current ProcessList: one NodeList per node, with one SubNodeList per person (note WeCom's `Sptime` here). */
function processListXml(process: ApprovalChangeInfo['process_list']): string {
  const nodes = process.node_list
    .map((n) => {
      const people = n.sub_node_list.map((s) => `<SubNodeList><UserInfo><UserId>${cdata(s.userid)}</UserId></UserInfo>${eventXmlFields([['Speech', s.speech], ['SpYj', s.sp_yj], ['Sptime', s.sptime]])}</SubNodeList>`).join('');
      return `<NodeList>${eventXmlFields([['NodeType', n.node_type], ['SpStatus', n.sp_status], ['ApvRel', n.apv_rel]])}${people}</NodeList>`;
    })
    .join('');
  return `<ProcessList>${nodes}</ProcessList>`;
}

/**
 * The ApprovalInfo element of sys_approval_change (../shared/wecom-api.md §9.6), in WeCom's element order:
 * SpNoStr, SpNo, SpName, SpStatus, TemplateId, ApplyTime, Applyer, one SpRecord per step, one Notifyer per cc
 * recipient, the StatuChangeEvent (WeCom's spelling), then the ProcessList newer payloads carry.
 */
export function approvalInfoXml(info: ApprovalChangeInfo, statusChange: number): string {
  // sp_no is digits only (YYYYMMDD and a sequence), so it can stand as a number as WeCom writes SpNo.
  const spNo = /^\d+$/.test(info.sp_no) ? info.sp_no : '0';
  const notifyers = info.notifyer.map((n) => `<Notifyer><UserId>${cdata(n.userid)}</UserId></Notifyer>`).join('');
  return (
    `<ApprovalInfo><SpNoStr>${cdata(info.sp_no)}</SpNoStr><SpNo>${spNo}</SpNo>` +
    eventXmlFields([['SpName', info.sp_name], ['SpStatus', info.sp_status], ['TemplateId', info.template_id], ['ApplyTime', info.apply_time]]) +
    `<Applyer><UserId>${cdata(info.applyer.userid)}</UserId><Party>${cdata(info.applyer.partyid)}</Party></Applyer>` +
    `${spRecordXml(info.sp_record)}${notifyers}<StatuChangeEvent>${statusChange}</StatuChangeEvent>${processListXml(info.process_list)}</ApprovalInfo>`
  );
}
