import { sql, type Kysely } from 'kysely';

// Frozen once landed: a later change is a new migration.
// 限时处理: an approver node's time limit travels with its step (as the node's other settings do), and each pending
// task carries the instant it falls overdue; the sweeper finds the overdue ones through a small partial index.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('approval_steps').addColumn('time_limit', 'jsonb').execute();
  await db.schema.alterTable('approval_tasks').addColumn('due_at', 'timestamptz').addColumn('timed_out_at', 'timestamptz').execute();
  await sql`create index approval_tasks_overdue on approval_tasks (due_at) where status = 'pending' and timed_out_at is null and due_at is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index approval_tasks_overdue`.execute(db);
  await db.schema.alterTable('approval_tasks').dropColumn('due_at').dropColumn('timed_out_at').execute();
  await db.schema.alterTable('approval_steps').dropColumn('time_limit').execute();
}
