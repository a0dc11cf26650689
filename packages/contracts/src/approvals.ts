import { z } from 'zod';
import { pageQuery, useridSchema } from './common';

// 审批: templates (form controls and the flow), requests, and the actions on them.

const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'is required')
    .max(max, `must be at most ${max} characters`)
    // eslint-disable-next-line no-control-regex -- control characters are exactly what we refuse
    .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s), 'must not contain control characters');

/** The form controls a template can hold (WeCom's control names). */
export const controlTypes = ['Text', 'Textarea', 'Number', 'Money', 'Date', 'DateRange', 'Selector', 'Contact', 'Department', 'File', 'Table', 'BankAccount'] as const;
export type ControlType = (typeof controlTypes)[number];

/** A control id: its type, a dash and letters or digits (WeCom: `Text-1569573760849`). */
export const controlIdSchema = z.string().regex(/^[A-Za-z]+-[A-Za-z0-9_]{1,40}$/, 'must be Type-digits, like Text-1569573760849');

const selectorOption = z.object({ key: z.string().regex(/^[\w-]{1,64}$/, 'letters, digits, _ and - only, 1 to 64 characters'), text: text(40) });

const controlBase = z.object({
  id: controlIdSchema,
  title: text(40),
  placeholder: z.string().max(80, 'must be at most 80 characters').default(''),
  required: z.boolean().default(false),
});

const simpleControl = controlBase.extend({ type: z.enum(['Text', 'Textarea', 'Number', 'Money', 'File', 'BankAccount']) });
const dateControl = controlBase.extend({ type: z.literal('Date'), withTime: z.boolean().default(false) });
/** A date range counted in whole days, half days (上午/下午) or hours. */
const dateRangeControl = controlBase.extend({ type: z.literal('DateRange'), unit: z.enum(['day', 'halfday', 'hour']).default('halfday') });
const selectorControl = controlBase.extend({ type: z.literal('Selector'), multi: z.boolean().default(false), options: z.array(selectorOption).min(1, 'at least one option').max(100, 'at most 100 options') });
const pickerControl = controlBase.extend({ type: z.enum(['Contact', 'Department']), multi: z.boolean().default(false) });
const cellControl = z.discriminatedUnion('type', [simpleControl, dateControl, dateRangeControl, selectorControl, pickerControl]);
/** A table (明细): rows of the cell controls it lists, e.g. the expense items. */
const tableControl = controlBase.extend({ type: z.literal('Table'), columns: z.array(cellControl).min(1, 'at least one column').max(20, 'at most 20 columns') });

export const controlSchema = z.discriminatedUnion('type', [simpleControl, dateControl, dateRangeControl, selectorControl, pickerControl, tableControl]);
export type Control = z.infer<typeof controlSchema>;
export type CellControl = z.infer<typeof cellControl>;

/** Who approves at a node. Resolved when the node activates, never earlier. */
export const approverSpecSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('members'), userids: z.array(useridSchema).min(1, 'is required').max(100, 'at most 100 members') }),
  /** Everyone holding an admin role (a built-in key or a custom role id) whose scope covers the applicant. */
  z.object({ kind: z.literal('role'), roleId: z.string().min(1, 'is required').max(64, 'must be at most 64 characters') }),
  z.object({ kind: z.literal('tag'), tagId: z.number().int().positive() }),
  /** The leaders of the department N levels above the applicant's (1: the applicant's own department). */
  z.object({ kind: z.literal('leader'), level: z.number().int().min(1).max(20) }),
  /** Each level's leaders in turn, from level 1 up to level N (连续多级主管). */
  z.object({ kind: z.literal('leaders_up_to'), level: z.number().int().min(1).max(20) }),
  /** The applicant picks when submitting (自选). */
  z.object({ kind: z.literal('applicant_choice') }),
]);
export type ApproverSpec = z.infer<typeof approverSpecSchema>;

/** 或签 any-of, 会签 all-of, 依次 sequential. */
export const approvalModes = ['any', 'all', 'sequential'] as const;
export type ApprovalMode = (typeof approvalModes)[number];

/** One clause of a branch condition: a form field (or the applicant's department) against a value. */
export const conditionClauseSchema = z.discriminatedUnion('op', [
  /** A Number or Money control, a Table's Money column (its sum, as `Table-1.Money-2`) or a DateRange's days. */
  z.object({ field: z.string().min(1).max(100), op: z.enum(['lt', 'lte', 'gt', 'gte', 'eq']), value: z.number().finite() }),
  z.object({ field: z.string().min(1).max(100), op: z.literal('between'), value: z.tuple([z.number().finite(), z.number().finite()]) }),
  /** A Selector control holding any of these option keys. */
  z.object({ field: z.string().min(1).max(100), op: z.literal('in'), value: z.array(z.string().max(64)).min(1).max(100) }),
  /** The applicant's department lies under any of these (field `applicant.department`). */
  z.object({ field: z.literal('applicant.department'), op: z.literal('under'), value: z.array(z.number().int().positive()).min(1).max(100) }),
]);
export type ConditionClause = z.infer<typeof conditionClauseSchema>;

/** What an overdue approver task does: 超时提醒 (its approver is reminded once) or 超时自动通过 (it approves itself). */
export const timeoutActions = ['remind', 'approve'] as const;
export type TimeoutAction = (typeof timeoutActions)[number];

/** 限时处理: how many working hours (on the corp's calendar) an approver has, and what happens past them. */
export const timeLimitSchema = z.object({
  hours: z.number().int().min(1).max(720),
  onTimeout: z.enum(timeoutActions),
});
export type TimeLimit = z.infer<typeof timeLimitSchema>;

export interface ApproverNode {
  type: 'approver';
  id: string;
  name: string;
  approvers: ApproverSpec;
  mode: ApprovalMode;
  /** None: an approver has as long as they take. */
  timeLimit?: TimeLimit;
}
export interface CcNode {
  type: 'cc';
  id: string;
  name: string;
  recipients: ApproverSpec;
  /** 提交时 on submit, 通过后 on finish, or both. */
  when: 'submit' | 'finish' | 'both';
}
export interface BranchNode {
  type: 'branch';
  id: string;
  /** Tried in order; the last one, and only it, has no condition (the default branch). */
  branches: { name: string; when: ConditionClause[] | null; nodes: FlowNode[] }[];
}
export type FlowNode = ApproverNode | CcNode | BranchNode;

const nodeId = z.string().regex(/^[\w-]{1,40}$/, 'letters, digits, _ and - only, 1 to 40 characters');
export const flowNodeSchema: z.ZodType<FlowNode> = z.lazy(() =>
  z.discriminatedUnion('type', [
    z.object({ type: z.literal('approver'), id: nodeId, name: text(40), approvers: approverSpecSchema, mode: z.enum(approvalModes).default('any'), timeLimit: timeLimitSchema.optional() }),
    z.object({ type: z.literal('cc'), id: nodeId, name: text(40), recipients: approverSpecSchema, when: z.enum(['submit', 'finish', 'both']).default('submit') }),
    z.object({
      type: z.literal('branch'),
      id: nodeId,
      branches: z
        .array(z.object({ name: text(40), when: z.array(conditionClauseSchema).min(1, 'at least one clause').max(20).nullable(), nodes: z.array(flowNodeSchema).max(50) }))
        .min(2, 'at least two branches')
        .max(20, 'at most 20 branches'),
    }),
  ]),
) as z.ZodType<FlowNode>;

/** What happens when an approver is the applicant: skipped, approved for them, or handed to someone else. */
export const selfApprovalRules = ['skip', 'auto_approve', 'forbid'] as const;

export const templateSettingsSchema = z.object({
  selfApproval: z.enum(selfApprovalRules).default('skip'),
  /** An approver who already approved this request approves later occurrences automatically. */
  dedupeApprovers: z.boolean().default(true),
});

/** Built-in templates (报销, 请假, 通用) and custom ones. */
export const templateKinds = ['expense', 'leave', 'general', 'custom'] as const;
export type TemplateKind = (typeof templateKinds)[number];

export const templateInput = z.object({
  name: text(40),
  description: z.string().max(200, 'must be at most 200 characters').default(''),
  controls: z.array(controlSchema).min(1, 'at least one control').max(100, 'at most 100 controls'),
  flow: z.array(flowNodeSchema).min(1, 'at least one node').max(50),
  settings: templateSettingsSchema.default({ selfApproval: 'skip', dedupeApprovers: true }),
  /** Departments (with their subtrees) whose members may apply; empty: everyone. */
  rangeDepartments: z.array(z.number().int().positive()).max(100).default([]),
  enabled: z.boolean().default(true),
});
export type TemplateInput = z.infer<typeof templateInput>;

export const templateSchema = z.object({
  id: z.string(),
  kind: z.enum(templateKinds),
  name: z.string(),
  description: z.string(),
  controls: z.array(controlSchema),
  flow: z.array(flowNodeSchema),
  settings: templateSettingsSchema,
  rangeDepartments: z.array(z.number()),
  enabled: z.boolean(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type Template = z.infer<typeof templateSchema>;
export const templateList = z.object({ items: z.array(templateSchema) });
export const templateParams = z.object({ id: z.string().regex(/^[\w-]{1,64}$/, 'is invalid') });

/** Leave types, with the ones that draw on a balance. */
export const leaveTypes = ['annual', 'personal', 'sick', 'compensatory', 'marriage', 'maternity', 'paternity', 'other'] as const;
export type LeaveType = (typeof leaveTypes)[number];
export const balancedLeaveTypes: readonly LeaveType[] = ['annual', 'compensatory'];

/** A form's values by control id. Shapes per control are checked against the template by the server. */
export const formValues = z.record(controlIdSchema, z.unknown());

export const applyInput = z.object({
  templateId: z.string().regex(/^[\w-]{1,64}$/, 'is invalid'),
  form: formValues,
  /** The department the request is made for (提单部门); the applicant's main department by default. */
  departmentId: z.number().int().positive().optional(),
  /** Approvers the applicant picks, by node id, for nodes of kind applicant_choice. */
  chosenApprovers: z.record(nodeId, z.array(useridSchema).min(1).max(20)).default({}),
  urgent: z.boolean().default(false),
  /** A retried submission with the same key answers the request the first one created. */
  key: z.string().regex(/^[\w-]{8,80}$/, 'must be 8 to 80 letters, digits, _ or -').optional(),
});
export type ApplyInput = z.infer<typeof applyInput>;

/** WeCom's sp_status: 1 审批中, 2 已通过, 3 已驳回, 4 已撤销, 6 通过后撤销, 7 已删除, 10 已支付. */
export const spStatuses = [1, 2, 3, 4, 6, 7, 10] as const;
export type SpStatus = (typeof spStatuses)[number];

export const taskStatuses = ['waiting', 'pending', 'approved', 'rejected', 'transferred', 'returned', 'cancelled', 'skipped'] as const;
export type TaskStatus = (typeof taskStatuses)[number];

const personRef = z.object({ userid: z.string(), name: z.string() });

export const approvalStepSchema = z.object({
  id: z.string(),
  nodeId: z.string(),
  name: z.string(),
  type: z.enum(['approver', 'cc']),
  mode: z.enum(approvalModes),
  status: z.enum(['waiting', 'active', 'approved', 'rejected', 'skipped']),
  tasks: z.array(z.object({ id: z.string(), approver: personRef, status: z.enum(taskStatuses), comment: z.string().nullable(), decidedAt: z.string().nullable(), auto: z.boolean(), dueAt: z.string().nullable() })),
});

export const approvalEventSchema = z.object({
  id: z.string(),
  action: z.string(),
  actor: personRef.nullable(),
  comment: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
  at: z.string(),
});

export const approvalSummarySchema = z.object({
  id: z.string(),
  spNo: z.string(),
  templateId: z.string(),
  kind: z.enum(templateKinds),
  name: z.string(),
  status: z.union(spStatuses.map((s) => z.literal(s)) as unknown as [z.ZodLiteral<1>, z.ZodLiteral<2>, ...z.ZodLiteral<SpStatus>[]]),
  returned: z.boolean(),
  urgent: z.boolean(),
  applicant: personRef,
  departmentId: z.number(),
  amountFen: z.number().nullable(),
  summary: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ApprovalSummary = z.infer<typeof approvalSummarySchema>;

export const approvalDetailSchema = approvalSummarySchema.extend({
  controls: z.array(controlSchema),
  form: z.record(z.string(), z.unknown()),
  /** The files the form's File controls reference, for their names. */
  attachments: z.array(z.object({ id: z.string(), name: z.string(), size: z.number(), contentType: z.string() })),
  /** Names of the members and departments the form's Contact and Department controls hold. */
  names: z.object({ members: z.array(z.object({ userid: z.string(), name: z.string() })), departments: z.array(z.object({ id: z.number(), name: z.string() })) }),
  steps: z.array(approvalStepSchema),
  cc: z.array(personRef),
  events: z.array(approvalEventSchema),
  leave: z.object({ type: z.enum(leaveTypes), days: z.number() }).nullable(),
  /** What the signed-in member may do now. */
  can: z.object({ decide: z.boolean(), withdraw: z.boolean(), delete: z.boolean(), resubmit: z.boolean(), urge: z.boolean(), comment: z.boolean(), returnTo: z.array(z.object({ stepId: z.string(), name: z.string() })) }),
});
export type ApprovalDetail = z.infer<typeof approvalDetailSchema>;

/** The lists of the portal: mine, to approve, approved by me, cc'd to me. */
export const approvalBoxes = ['mine', 'todo', 'done', 'cc'] as const;
export const approvalListQuery = pageQuery.extend({
  box: z.enum(approvalBoxes).default('mine'),
  status: z.coerce.number().int().optional(),
  templateId: z.string().max(64).optional(),
});
export const approvalAdminQuery = pageQuery.extend({
  status: z.coerce.number().int().optional(),
  templateId: z.string().max(64).optional(),
  applicant: z.string().max(64).optional(),
  from: z.iso.date('must be YYYY-MM-DD').optional(),
  to: z.iso.date('must be YYYY-MM-DD').optional(),
});
export const approvalPage = z.object({ items: z.array(approvalSummarySchema), total: z.number().int() });
export const approvalParams = z.object({ id: z.uuid('is invalid') });
export const approvalFileParams = z.object({ id: z.uuid('is invalid'), fileId: z.uuid('is invalid') });
export const attachmentSchema = z.object({ id: z.string(), name: z.string(), size: z.number(), contentType: z.string() });

const comment = z.string().trim().max(1000, 'must be at most 1000 characters').default('');
/** Every action carries an idempotency key: the same key again answers the first outcome, changing nothing. */
export const idempotencyKey = z.string().regex(/^[\w-]{8,80}$/, 'must be 8 to 80 letters, digits, _ or -');

export const decideInput = z.object({ decision: z.enum(['approve', 'reject']), comment, key: idempotencyKey });
export const returnInput = z.object({ to: z.union([z.literal('applicant'), z.uuid()]), comment, key: idempotencyKey });
export const transferInput = z.object({ to: useridSchema, comment, key: idempotencyKey });
export const addApproverInput = z.object({ userids: z.array(useridSchema).min(1).max(20), mode: z.enum(approvalModes).default('any'), comment, key: idempotencyKey });
export const commentInput = z.object({ comment: text(1000), key: idempotencyKey });
export const simpleActionInput = z.object({ comment, key: idempotencyKey });
export const resubmitInput = z.object({ form: formValues.optional(), comment, key: idempotencyKey });

export const leaveBalanceSchema = z.object({ userid: z.string(), name: z.string(), type: z.enum(leaveTypes), totalDays: z.number(), usedDays: z.number(), remainingDays: z.number() });
export const leaveBalanceList = z.object({ items: z.array(leaveBalanceSchema) });
export const leaveBalanceInput = z.object({ userid: useridSchema, type: z.enum(balancedLeaveTypes as unknown as [LeaveType, ...LeaveType[]]), totalDays: z.number().min(0).max(365).multipleOf(0.5, 'must be whole or half days') });
export const leaveDurationQuery = z.object({ start: z.iso.date(), startHalf: z.enum(['am', 'pm']), end: z.iso.date(), endHalf: z.enum(['am', 'pm']) });
export const leaveDuration = z.object({ days: z.number() });

/** Approval settings of a corp: which apps may call /cgi-bin/oa and receive sys_approval_change. */
export const approvalSettingsSchema = z.object({ apiAgentIds: z.array(z.number().int()).max(100) });

/** 审批统计 of an admin's scope over a period: by status, by template, how long decisions take, and per day. */
export const approvalStatsQuery = z.object({ from: z.iso.date('must be YYYY-MM-DD'), to: z.iso.date('must be YYYY-MM-DD') });
export const approvalStatsSchema = z.object({
  total: z.number().int(),
  byStatus: z.array(z.object({ status: z.number().int(), count: z.number().int() })),
  byTemplate: z.array(z.object({ templateId: z.string(), name: z.string(), count: z.number().int(), approved: z.number().int(), amountFen: z.number() })),
  /** Hours from submission to the final decision, of the requests decided in the period. */
  hoursToDecide: z.object({ median: z.number().nullable(), p90: z.number().nullable() }),
  perDay: z.array(z.object({ day: z.string(), submitted: z.number().int() })),
});
export type ApprovalStats = z.infer<typeof approvalStatsSchema>;
