import { sql } from 'kysely';
import type { Executor } from '../../db';
import type { RequestRow } from './approvals.table';

/** Whether a member takes part in a request: its applicant, one of its approvers, cc'd, or someone who acted on it. */
export async function canSee(db: Executor, request: RequestRow, memberId: string): Promise<boolean> {
  if (request.applicant_id === memberId) return true;
  const result = await sql<{ ok: boolean }>`
    select exists (select 1 from approval_tasks where request_id = ${request.id} and member_id = ${memberId})
        or exists (select 1 from approval_cc where request_id = ${request.id} and member_id = ${memberId})
        or exists (select 1 from approval_events where request_id = ${request.id} and actor_id = ${memberId}) as ok`.execute(db);
  return result.rows[0]?.ok === true;
}
