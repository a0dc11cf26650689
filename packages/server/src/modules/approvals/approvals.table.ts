import type { TimeLimit } from '@orgdesk/contracts';
import type { ColumnType, Generated, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T> = ColumnType<T, string, string>;
type NullableJson<T> = ColumnType<T | null, string | null | undefined, string | null>;
/** bigint columns come back as strings; we write numbers. */
type BigIntColumn = ColumnType<string | null, number | null | undefined, number | null>;

export interface ApprovalTemplatesTable {
  id: string;
  corp_id: string;
  kind: string;
  name: string;
  description: string;
  controls: Json<unknown>;
  flow: Json<unknown>;
  settings: Json<unknown>;
  range_departments: ColumnType<number[], number[] | undefined, number[]>;
  enabled: boolean;
  version: ColumnType<number, number | undefined, number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ApprovalRequestsTable {
  id: Generated<string>;
  corp_id: string;
  sp_no: string;
  template_id: string;
  template_version: number;
  kind: string;
  name: string;
  controls: Json<unknown>;
  form: Json<Record<string, unknown>>;
  settings: Json<unknown>;
  applicant_id: string;
  department_id: number;
  status: ColumnType<number, number | undefined, number>;
  returned: ColumnType<boolean, boolean | undefined, boolean>;
  urgent: ColumnType<boolean, boolean | undefined, boolean>;
  amount_fen: BigIntColumn;
  leave_type: string | null;
  leave_half_days: number | null;
  summary: string;
  chosen_approvers: Json<Record<string, string[]>>;
  /** The route an app gave at submission (oa/applyevent), kept for a resubmission; null: the template's flow. */
  given_route: ColumnType<unknown, string | null | undefined, string | null>;
  last_urged_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
  finished_at: NullableTimestamp;
}

export type StepStatus = 'waiting' | 'active' | 'approved' | 'rejected' | 'skipped';

export interface ApprovalStepsTable {
  id: Generated<string>;
  request_id: string;
  corp_id: string;
  position: number;
  node_id: string;
  name: string;
  type: 'approver' | 'cc';
  mode: 'any' | 'all' | 'sequential';
  cc_when: string | null;
  spec: Json<unknown>;
  /** The node's 限时处理 (a TimeLimit), null when it has none. */
  time_limit: NullableJson<TimeLimit>;
  status: ColumnType<StepStatus, StepStatus | undefined, StepStatus>;
  activated_at: NullableTimestamp;
  finished_at: NullableTimestamp;
}

export type TaskStatus = 'waiting' | 'pending' | 'approved' | 'rejected' | 'transferred' | 'returned' | 'cancelled' | 'skipped';

export interface ApprovalTasksTable {
  id: Generated<string>;
  request_id: string;
  step_id: string;
  corp_id: string;
  member_id: string;
  position: number;
  status: TaskStatus;
  auto: ColumnType<boolean, boolean | undefined, boolean>;
  comment: string | null;
  created_at: Timestamp;
  decided_at: NullableTimestamp;
  /** When a pending task of a step with a time limit falls overdue; null without a limit. */
  due_at: NullableTimestamp;
  /** When the sweeper dealt with it being overdue (reminded, or approved it): at most once per task. */
  timed_out_at: NullableTimestamp;
}

export interface ApprovalCcTable {
  request_id: string;
  member_id: string;
  corp_id: string;
  created_at: Timestamp;
}

export interface ApprovalEventsTable {
  id: Generated<string>;
  request_id: string;
  corp_id: string;
  actor_id: string | null;
  action: string;
  comment: string | null;
  detail: Json<Record<string, unknown>>;
  created_at: Timestamp;
}

export interface ApprovalActionKeysTable {
  corp_id: string;
  actor: string;
  key: string;
  action: string;
  request_id: string;
  created_at: Timestamp;
}

export interface ApprovalSpCountersTable {
  corp_id: string;
  day: string;
  last: number;
}

export interface LeaveBalancesTable {
  corp_id: string;
  member_id: string;
  leave_type: string;
  total_half_days: ColumnType<number, number | undefined, number>;
  used_half_days: ColumnType<number, number | undefined, number>;
  updated_at: Timestamp;
}

export interface ApprovalSettingsTable {
  corp_id: string;
  api_app_ids: ColumnType<string[], string[] | undefined, string[]>;
  updated_at: Timestamp;
}

export interface ApprovalFilesTable {
  id: Generated<string>;
  corp_id: string;
  uploader_id: string;
  name: string;
  content_type: string;
  size: number;
  bytes: Buffer;
  created_at: Timestamp;
}

/** The approvals module's tables. */
export interface ApprovalsTables {
  approval_templates: ApprovalTemplatesTable;
  approval_requests: ApprovalRequestsTable;
  approval_steps: ApprovalStepsTable;
  approval_tasks: ApprovalTasksTable;
  approval_cc: ApprovalCcTable;
  approval_events: ApprovalEventsTable;
  approval_action_keys: ApprovalActionKeysTable;
  approval_sp_counters: ApprovalSpCountersTable;
  leave_balances: LeaveBalancesTable;
  approval_settings: ApprovalSettingsTable;
  approval_files: ApprovalFilesTable;
}

export type TemplateRow = Selectable<ApprovalTemplatesTable>;
export type RequestRow = Selectable<ApprovalRequestsTable>;
export type StepRow = Selectable<ApprovalStepsTable>;
export type TaskRow = Selectable<ApprovalTasksTable>;
