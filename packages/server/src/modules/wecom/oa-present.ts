import type { ApprovalDetail, CellControl, Control, Template } from '@orgdesk/contracts';
import type { ApprovalChangeInfo } from '../callbacks';
import { contentOut, texts, wecomControlName, type Names } from './oa-values';

// Our templates and requests in WeCom's names and enumerations (../shared/wecom-api.md §9.1, §9.5).

/** A control's config as gettemplatedetail answers it; controls with nothing to configure answer {}. */
function controlConfig(control: CellControl | Control): Record<string, unknown> {
  switch (control.type) {
    case 'Selector':
      return { selector: { type: control.multi ? 'multi' : 'single', exp_type: 0, options: control.options.map((o) => ({ key: o.key, value: texts(o.text) })) } };
    case 'Date':
      return { date: { type: control.withTime ? 'hour' : 'day' } };
    case 'DateRange':
      return { date_range: { type: control.unit } };
    case 'Contact':
    case 'Department':
      return { contact: { type: control.multi ? 'multi' : 'single', mode: control.type === 'Contact' ? 'user' : 'department' } };
    case 'Table':
      return { table: { children: control.columns.map(wecomControl), stat_field: [] } };
    default:
      return {};
  }
}

/** One control as gettemplatedetail answers it: property and config. */
export function wecomControl(control: CellControl | Control) {
  return {
    property: { control: wecomControlName(control), id: control.id, title: texts(control.title), placeholder: texts(control.placeholder), require: control.required ? 1 : 0, un_print: 0 },
    config: controlConfig(control),
  };
}

/** gettemplatedetail's answer for one of our templates. */
export function wecomTemplate(template: Template) {
  return { template_names: texts(template.name), template_content: { controls: template.controls.map(wecomControl) } };
}

const unix = (iso: string | null) => (iso ? Math.floor(Date.parse(iso) / 1000) : 0);

type Step = ApprovalDetail['steps'][number];
type Task = Step['tasks'][number];

/**
 * A task's state as WeCom's sp_yj / legacy sp_status: 1 审批中, 2 同意, 3 驳回, 4 转审, 11 退回. WeCom has no code for
 * a task not reached yet (waiting, in a sequential step) or no longer needed (cancelled, skipped): those stay 1 with
 * sptime 0, as an approver who has not acted shows in WeCom.
 */
const taskStatus: Record<Task['status'], number> = { waiting: 1, pending: 1, approved: 2, rejected: 3, transferred: 4, returned: 11, cancelled: 1, skipped: 1 };

/** A step's state: approved (2), rejected (3), returned to the applicant by one of its approvers (11), else open (1). */
function stepStatus(step: Step): number {
  if (step.status === 'approved') return 2;
  if (step.status === 'rejected') return 3;
  return step.tasks.some((t) => t.status === 'returned') ? 11 : 1;
}

/** node_list apv_rel: 1 会签, 2 或签, 3 依次审批. */
const apvRel = { all: 1, any: 2, sequential: 3 } as const;
/** The legacy approverattr: 1 或签, 2 会签 (a sequential step needs everyone too). */
const approverAttr = { any: 1, all: 2, sequential: 2 } as const;

/** Steps a request goes through: skipped ones (no leader at that level, the applicant themself) are not shown. */
const shownSteps = (detail: ApprovalDetail) => detail.steps.filter((s) => s.status !== 'skipped');

/** The legacy sp_record: per step its state and kind, and each approver's. */
function spRecord(detail: ApprovalDetail): ApprovalChangeInfo['sp_record'] {
  return shownSteps(detail).map((step) => ({
    sp_status: stepStatus(step),
    approverattr: approverAttr[step.mode],
    details: step.tasks.map((t) => ({ approver: { userid: t.approver.userid }, speech: t.comment ?? '', sp_status: taskStatus[t.status], sptime: unix(t.decidedAt), media_id: [] })),
  }));
}

/** The current process_list: approver nodes (type 1), then one cc node (type 2) once copies went out. */
function processList(detail: ApprovalDetail): ApprovalChangeInfo['process_list'] {
  const nodes = shownSteps(detail).map((step) => ({
    node_type: 1,
    sp_status: stepStatus(step),
    apv_rel: apvRel[step.mode],
    sub_node_list: step.tasks.map((t) => ({ userid: t.approver.userid, speech: t.comment ?? '', sp_yj: taskStatus[t.status], sptime: unix(t.decidedAt), media_ids: [] })),
  }));
  const copied = detail.cc.map((c) => ({ userid: c.userid, speech: '', sp_yj: 2, sptime: 0, media_ids: [] }));
  return { node_list: copied.length ? [...nodes, { node_type: 2, sp_status: 2, apv_rel: 1, sub_node_list: copied }] : nodes };
}

/** What getapprovaldetail's info and the sys_approval_change callback both tell of a request. */
export function approvalChangeInfo(detail: ApprovalDetail): ApprovalChangeInfo {
  return {
    sp_no: detail.spNo,
    sp_name: detail.name,
    sp_status: detail.status,
    template_id: detail.templateId,
    apply_time: unix(detail.createdAt),
    applyer: { userid: detail.applicant.userid, partyid: String(detail.departmentId) },
    sp_record: spRecord(detail),
    notifyer: detail.cc.map((c) => ({ userid: c.userid })),
    process_list: processList(detail),
  };
}

/** getapprovaldetail's info for a request, in WeCom's field order. */
export function wecomApprovalInfo(detail: ApprovalDetail, zone: string, names: Names) {
  const { process_list, ...head } = approvalChangeInfo(detail);
  return {
    ...head,
    apply_data: { contents: detail.controls.map((control) => contentOut(control, detail.form[control.id], zone, names)) },
    comments: detail.events
      .filter((e) => e.action === 'comment')
      .map((e) => ({ commentUserInfo: { userid: e.actor?.userid ?? '' }, commenttime: unix(e.at), commentcontent: e.comment ?? '', commentid: e.id, media_id: [] })),
    process_list,
  };
}
