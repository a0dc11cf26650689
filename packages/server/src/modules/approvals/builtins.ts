import { leaveTypes, type Control, type FlowNode, type TemplateInput, type TemplateKind } from '@orgdesk/contracts';
import { leaveTypeNames } from './leave';

/** The controls the built-in templates' rules rely on (amount of an expense, type and period of leave). */
export const EXPENSE_ITEMS = 'Table-items';
export const EXPENSE_AMOUNT = 'Money-amount';
export const EXPENSE_PAYEE = 'BankAccount-payee';
export const LEAVE_TYPE = 'Selector-leave_type';
export const LEAVE_PERIOD = 'DateRange-period';

const expenseControls: Control[] = [
  {
    id: EXPENSE_ITEMS,
    type: 'Table',
    title: '报销明细',
    placeholder: '',
    required: true,
    columns: [
      {
        id: 'Selector-category',
        type: 'Selector',
        title: '报销类别',
        placeholder: '',
        required: true,
        multi: false,
        options: [
          { key: 'travel', text: '差旅费' },
          { key: 'transport', text: '交通费' },
          { key: 'entertainment', text: '招待费' },
          { key: 'office', text: '办公费' },
          { key: 'other', text: '其他' },
        ],
      },
      { id: EXPENSE_AMOUNT, type: 'Money', title: '金额（元）', placeholder: '', required: true },
      { id: 'Date-date', type: 'Date', title: '发生日期', placeholder: '', required: true, withTime: false },
      { id: 'Text-note', type: 'Text', title: '说明', placeholder: '', required: false },
    ],
  },
  { id: 'Textarea-reason', type: 'Textarea', title: '报销事由', placeholder: '请输入报销事由', required: true },
  { id: 'File-attachments', type: 'File', title: '附件', placeholder: '发票、行程单等', required: false },
  { id: EXPENSE_PAYEE, type: 'BankAccount', title: '收款账户', placeholder: '不填则按财务登记的工资卡支付', required: false },
];

// Over ¥2,000 an expense goes on from the leader to finance, where either finance admin may approve (或签).
const expenseFlow: FlowNode[] = [
  { type: 'approver', id: 'leader', name: '直属部门负责人', approvers: { kind: 'leader', level: 1 }, mode: 'any' },
  {
    type: 'branch',
    id: 'amount',
    branches: [
      { name: '金额大于 2000 元', when: [{ field: `${EXPENSE_ITEMS}.${EXPENSE_AMOUNT}`, op: 'gt', value: 2000 }], nodes: [{ type: 'approver', id: 'finance', name: '财务审批', approvers: { kind: 'role', roleId: 'finance_admin' }, mode: 'any' }] },
      { name: '其他情况', when: null, nodes: [] },
    ],
  },
];

const leaveControls: Control[] = [
  { id: LEAVE_TYPE, type: 'Selector', title: '请假类型', placeholder: '', required: true, multi: false, options: leaveTypes.map((key) => ({ key, text: leaveTypeNames[key] })) },
  { id: LEAVE_PERIOD, type: 'DateRange', title: '请假时间', placeholder: '', required: true, unit: 'halfday' },
  { id: 'Textarea-reason', type: 'Textarea', title: '请假事由', placeholder: '请输入请假事由', required: true },
];

// More than three days also needs the leader one level up.
const leaveFlow: FlowNode[] = [
  { type: 'approver', id: 'leader', name: '直属部门负责人', approvers: { kind: 'leader', level: 1 }, mode: 'any' },
  {
    type: 'branch',
    id: 'days',
    branches: [
      { name: '超过 3 天', when: [{ field: LEAVE_PERIOD, op: 'gt', value: 3 }], nodes: [{ type: 'approver', id: 'leader2', name: '上级部门负责人', approvers: { kind: 'leader', level: 2 }, mode: 'any' }] },
      { name: '其他情况', when: null, nodes: [] },
    ],
  },
];

const generalControls: Control[] = [
  { id: 'Textarea-content', type: 'Textarea', title: '申请内容', placeholder: '请输入申请内容', required: true },
  { id: 'File-attachments', type: 'File', title: '附件', placeholder: '', required: false },
];

/** The built-in templates every corp starts with; approval admins may change their flows and fields later. */
export const builtinTemplates: Record<Exclude<TemplateKind, 'custom'>, TemplateInput> = {
  expense: { name: '报销', description: '费用报销：明细、金额与附件', controls: expenseControls, flow: expenseFlow, settings: { selfApproval: 'forbid', dedupeApprovers: true }, rangeDepartments: [], enabled: true },
  leave: { name: '请假', description: '请假：类型、时间（按工作日历计算时长）与事由', controls: leaveControls, flow: leaveFlow, settings: { selfApproval: 'skip', dedupeApprovers: true }, rangeDepartments: [], enabled: true },
  general: { name: '通用审批', description: '其他事项的申请', controls: generalControls, flow: [{ type: 'approver', id: 'leader', name: '直属部门负责人', approvers: { kind: 'leader', level: 1 }, mode: 'any' }], settings: { selfApproval: 'skip', dedupeApprovers: true }, rangeDepartments: [], enabled: true },
};
