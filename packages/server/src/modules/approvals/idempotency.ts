import type { Trx } from '../../db';
import { AppError } from '../../platform/kernel/app-error';

/**
 * Claims an idempotency key for an action on a request, in the action's transaction. Returns null when the key is
 * new (the action goes ahead and the key commits with it), or the request id of the first use when the same action
 * was already done with it (the caller answers that again and changes nothing). A key reused for another action or
 * request is refused. Concurrent uses wait on the key's primary key until the first commits or rolls back.
 */
export async function claimKey(trx: Trx, corpId: string, actor: string, key: string, action: string, requestId: string, now: Date): Promise<string | null> {
  const inserted = await trx
    .insertInto('approval_action_keys')
    .values({ corp_id: corpId, actor, key, action, request_id: requestId, created_at: now })
    .onConflict((oc) => oc.doNothing())
    .returning('key')
    .executeTakeFirst();
  if (inserted) return null;
  const first = await trx.selectFrom('approval_action_keys').select(['action', 'request_id']).where('corp_id', '=', corpId).where('actor', '=', actor).where('key', '=', key).executeTakeFirstOrThrow();
  const sameRequest = action === 'submit' || first.request_id === requestId;
  if (first.action !== action || !sameRequest) throw new AppError('approvals.key_reused', { fields: [{ path: 'key', reason: 'was used for another action' }] });
  return first.request_id;
}
