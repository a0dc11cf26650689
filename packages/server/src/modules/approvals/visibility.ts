import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../db';
import type { RequestRow } from './approvals.table';

/**
 * Whether a member takes part in request `requestId` (an SQL expression over it): its applicant, one of its
 * approvers, cc'd, or someone who acted on it.
 */
export function takesPart(requestId: RawBuilder<unknown>, applicantId: RawBuilder<unknown>, memberId: string): RawBuilder<boolean> {
  return sql<boolean>`(${applicantId} = ${memberId}::uuid
    or exists (select 1 from approval_tasks where request_id = ${requestId} and member_id = ${memberId}::uuid)
    or exists (select 1 from approval_cc where request_id = ${requestId} and member_id = ${memberId}::uuid)
    or exists (select 1 from approval_events where request_id = ${requestId} and actor_id = ${memberId}::uuid))`;
}

/** Whether a member takes part in a request already read. */
export async function canSee(db: Executor, request: RequestRow, memberId: string): Promise<boolean> {
  if (request.applicant_id === memberId) return true;
  const result = await sql<{ ok: boolean }>`select ${takesPart(sql`${request.id}::uuid`, sql`${request.applicant_id}::uuid`, memberId)} as ok`.execute(db);
  return result.rows[0]?.ok === true;
}
