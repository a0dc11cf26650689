import { sql, type Kysely } from 'kysely';

// Frozen once landed: a later change is a new migration.
// 审批: templates, requests with their steps, tasks, cc and history, idempotency keys, sp_no counters, leave balances.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('approval_templates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('corp_id', 'text', (c) => c.notNull().references('corps.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('expense', 'leave', 'general', 'custom')`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('controls', 'jsonb', (c) => c.notNull())
    .addColumn('flow', 'jsonb', (c) => c.notNull())
    .addColumn('settings', 'jsonb', (c) => c.notNull())
    .addColumn('range_departments', sql`integer[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('enabled', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  // One of each built-in kind per corp, created on first use; names unique case-insensitively.
  await sql`create unique index approval_templates_builtin on approval_templates (corp_id, kind) where kind <> 'custom'`.execute(db);
  await sql`create unique index approval_templates_name on approval_templates (corp_id, lower(name))`.execute(db);

  await db.schema
    .createTable('approval_requests')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('corp_id', 'text', (c) => c.notNull().references('corps.id'))
    .addColumn('sp_no', 'text', (c) => c.notNull())
    .addColumn('template_id', 'text', (c) => c.notNull().references('approval_templates.id'))
    .addColumn('template_version', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    // The template's controls as they were at submission, so a later template edit cannot reinterpret the form.
    .addColumn('controls', 'jsonb', (c) => c.notNull())
    .addColumn('form', 'jsonb', (c) => c.notNull())
    // The self-approval and repeated-approver rules as they were at submission, for the same reason.
    .addColumn('settings', 'jsonb', (c) => c.notNull())
    .addColumn('applicant_id', 'uuid', (c) => c.notNull().references('members.id'))
    .addColumn('department_id', 'integer', (c) => c.notNull())
    .addColumn('status', 'smallint', (c) => c.notNull().defaultTo(1).check(sql`status in (1, 2, 3, 4, 6, 7, 10)`))
    // Returned to the applicant: still 审批中 (1), waiting for them to resubmit or withdraw.
    .addColumn('returned', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('urgent', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('amount_fen', 'bigint')
    .addColumn('leave_type', 'text')
    .addColumn('leave_half_days', 'integer')
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('chosen_approvers', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('last_urged_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('finished_at', 'timestamptz')
    .execute();
  await sql`create unique index approval_requests_sp_no on approval_requests (corp_id, sp_no)`.execute(db);
  await sql`create index approval_requests_applicant on approval_requests (applicant_id, created_at desc)`.execute(db);
  await sql`create index approval_requests_corp_time on approval_requests (corp_id, created_at desc)`.execute(db);

  await db.schema
    .createTable('approval_steps')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('request_id', 'uuid', (c) => c.notNull().references('approval_requests.id').onDelete('cascade'))
    .addColumn('corp_id', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('node_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull().check(sql`type in ('approver', 'cc')`))
    .addColumn('mode', 'text', (c) => c.notNull().check(sql`mode in ('any', 'all', 'sequential')`))
    .addColumn('cc_when', 'text')
    // The node's approver spec; the people are resolved when the step activates and stored as tasks.
    .addColumn('spec', 'jsonb', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('waiting').check(sql`status in ('waiting', 'active', 'approved', 'rejected', 'skipped')`))
    .addColumn('activated_at', 'timestamptz')
    .addColumn('finished_at', 'timestamptz')
    .execute();
  await sql`create index approval_steps_request on approval_steps (request_id, position)`.execute(db);

  await db.schema
    .createTable('approval_tasks')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('request_id', 'uuid', (c) => c.notNull().references('approval_requests.id').onDelete('cascade'))
    .addColumn('step_id', 'uuid', (c) => c.notNull().references('approval_steps.id').onDelete('cascade'))
    .addColumn('corp_id', 'text', (c) => c.notNull())
    .addColumn('member_id', 'uuid', (c) => c.notNull().references('members.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('waiting', 'pending', 'approved', 'rejected', 'transferred', 'returned', 'cancelled', 'skipped')`),
    )
    .addColumn('auto', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('comment', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('decided_at', 'timestamptz')
    .execute();
  // "To approve" reads only the pending tasks of one member; "approved by me" their decided ones, newest first.
  await sql`create index approval_tasks_todo on approval_tasks (member_id, created_at desc) where status = 'pending'`.execute(db);
  await sql`create index approval_tasks_done on approval_tasks (member_id, decided_at desc) where status in ('approved', 'rejected', 'transferred', 'returned')`.execute(db);
  await sql`create index approval_tasks_request on approval_tasks (request_id)`.execute(db);
  // Settling a step reads and updates its tasks on every decision.
  await sql`create index approval_tasks_step on approval_tasks (step_id, position)`.execute(db);

  await db.schema
    .createTable('approval_cc')
    .addColumn('request_id', 'uuid', (c) => c.notNull().references('approval_requests.id').onDelete('cascade'))
    .addColumn('member_id', 'uuid', (c) => c.notNull().references('members.id'))
    .addColumn('corp_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('approval_cc_pk', ['request_id', 'member_id'])
    .execute();
  await sql`create index approval_cc_member on approval_cc (member_id, created_at desc)`.execute(db);

  await db.schema
    .createTable('approval_events')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('request_id', 'uuid', (c) => c.notNull().references('approval_requests.id').onDelete('cascade'))
    .addColumn('corp_id', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'uuid')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('detail', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await sql`create index approval_events_request on approval_events (request_id, id)`.execute(db);

  // The first outcome of each idempotency key: a retried action answers it again and changes nothing.
  await db.schema
    .createTable('approval_action_keys')
    .addColumn('corp_id', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('request_id', 'uuid', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('approval_action_keys_pk', ['corp_id', 'actor', 'key'])
    .execute();

  // sp_no is the local date and a per-day sequence (202611260001), as WeCom numbers them.
  await db.schema
    .createTable('approval_sp_counters')
    .addColumn('corp_id', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('last', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('approval_sp_counters_pk', ['corp_id', 'day'])
    .execute();

  // Balances in half days, so 0.5-day leave is exact.
  await db.schema
    .createTable('leave_balances')
    .addColumn('corp_id', 'text', (c) => c.notNull())
    .addColumn('member_id', 'uuid', (c) => c.notNull().references('members.id'))
    .addColumn('leave_type', 'text', (c) => c.notNull())
    .addColumn('total_half_days', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('used_half_days', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('leave_balances_pk', ['corp_id', 'member_id', 'leave_type'])
    .execute();

  // Attachments (File controls): uploaded by a member before they submit, then referenced from the form by id.
  await db.schema
    .createTable('approval_files')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('corp_id', 'text', (c) => c.notNull().references('corps.id'))
    .addColumn('uploader_id', 'uuid', (c) => c.notNull().references('members.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('bytes', 'bytea', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await sql`create index approval_files_uploader on approval_files (uploader_id, created_at desc)`.execute(db);

  await db.schema
    .createTable('approval_settings')
    .addColumn('corp_id', 'text', (c) => c.primaryKey().references('corps.id'))
    // Custom apps that may call /cgi-bin/oa and receive sys_approval_change (审批 → 可调用接口的应用).
    .addColumn('api_app_ids', sql`uuid[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
}
