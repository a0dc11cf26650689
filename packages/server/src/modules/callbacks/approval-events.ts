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
  sp_record: { sp_status: number; approverattr: number; details: { approver: { userid: string }; speech: string; sp_status: number; sptime: number }[] }[];
  notifyer: { userid: string }[];
}

/**
 * The ApprovalInfo element of sys_approval_change (../shared/wecom-api.md §9.6), in WeCom's element order:
 * SpNoStr, SpNo, SpName, SpStatus, TemplateId, ApplyTime, Applyer, one SpRecord per step with one Details per
 * approver, one Notifyer per cc recipient, and the StatuChangeEvent (WeCom's spelling).
 */
export function approvalInfoXml(info: ApprovalChangeInfo, statusChange: number): string {
  // sp_no is digits only (YYYYMMDD and a sequence), so it can stand as a number as WeCom writes SpNo.
  const spNo = /^\d+$/.test(info.sp_no) ? info.sp_no : '0';
  const records = info.sp_record
    .map((r) => {
      const details = r.details.map((d) => `<Details><Approver><UserId>${cdata(d.approver.userid)}</UserId></Approver>${eventXmlFields([['Speech', d.speech], ['SpStatus', d.sp_status], ['SpTime', d.sptime]])}</Details>`).join('');
      return `<SpRecord>${eventXmlFields([['SpStatus', r.sp_status], ['ApproverAttr', r.approverattr]])}${details}</SpRecord>`;
    })
    .join('');
  const notifyers = info.notifyer.map((n) => `<Notifyer><UserId>${cdata(n.userid)}</UserId></Notifyer>`).join('');
  return (
    `<ApprovalInfo><SpNoStr>${cdata(info.sp_no)}</SpNoStr><SpNo>${spNo}</SpNo>` +
    eventXmlFields([['SpName', info.sp_name], ['SpStatus', info.sp_status], ['TemplateId', info.template_id], ['ApplyTime', info.apply_time]]) +
    `<Applyer><UserId>${cdata(info.applyer.userid)}</UserId><Party>${cdata(info.applyer.partyid)}</Party></Applyer>` +
    `${records}${notifyers}<StatuChangeEvent>${statusChange}</StatuChangeEvent></ApprovalInfo>`
  );
}
