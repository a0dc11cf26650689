import { approvalApiAppIds, approvalQueries, type ChangeListener } from '../approvals';
import { approvalInfoXml, type CallbackOutbox } from '../callbacks';
import { approvalChangeInfo } from './oa-present';

/**
 * The sys_approval_change callback: on every change of a request (engine.onChange, in the change's transaction),
 * an event for the apps listed in 审批 →「可调用接口的应用」, queued in the callback outbox. StatuChangeEvent is the
 * change (1 提单, 2 同意, 3 驳回, 4 转审, 5 催办, 6 撤销, 8 通过后撤销, 10 添加备注); SpStatus the status after it.
 */
export function sysApprovalChange(outbox: CallbackOutbox): ChangeListener {
  return async (trx, request, event) => {
    const appIds = await approvalApiAppIds(trx, request.corp_id);
    if (appIds.length === 0) return;
    const detail = await approvalQueries.detail(trx, request.corp_id, request.id, null);
    await outbox.approvalChanged(trx, request.corp_id, appIds, approvalInfoXml(approvalChangeInfo(detail), event), event);
  };
}
