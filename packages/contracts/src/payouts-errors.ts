/** The payouts module's errors, merged into the one catalogue in errors.ts (each with both languages). */
export const payoutErrors = {
  'payouts.not_found': { status: 404, 'zh-CN': '付款记录不存在', en: 'The payout does not exist' },
  'payouts.batch_not_found': { status: 404, 'zh-CN': '付款批次不存在', en: 'The payout batch does not exist' },
  'payouts.already_paid': { status: 409, 'zh-CN': '该笔款项已支付，不能撤销', en: 'The payout has been paid and cannot be cancelled' },
  'payouts.in_open_batch': { status: 409, 'zh-CN': '该笔款项在已导出、尚未确认的批次中，请先确认或作废该批次', en: 'The payout is in an exported batch not yet confirmed; confirm or void that batch first' },
  'payouts.not_payable': { status: 409, 'zh-CN': '所选款项中有已支付、已取消或已在付款批次中的记录', en: 'Some of the chosen payouts are paid, cancelled or already in a batch' },
  'payouts.nothing_to_pay': { status: 409, 'zh-CN': '没有待支付的款项', en: 'There are no pending payouts' },
  'payouts.invalid_state': { status: 409, 'zh-CN': '付款当前的状态不允许此操作', en: 'The payout is not in a state that allows this' },
  'payouts.batch_settled': { status: 409, 'zh-CN': '该批次已用另一个银行流水号确认过', en: 'The batch was already confirmed with another bank reference' },
  'payouts.batch_not_open': { status: 409, 'zh-CN': '该批次已确认或已作废', en: 'The batch has been confirmed or voided' },
  'payouts.reference_taken': { status: 409, 'zh-CN': '该银行流水号已用于另一个批次', en: 'The bank reference was already used for another batch' },
  'payouts.statement_unreadable': { status: 400, 'zh-CN': '无法读取银行对账单，请上传网银导出的 CSV 或 XLSX 文件', en: 'The bank statement cannot be read; upload the CSV or XLSX your online banking exports' },
  'payouts.invalid_request': { status: 400, 'zh-CN': '付款信息不完整或不正确', en: 'The payout request is incomplete or invalid' },
} as const satisfies Record<string, { status: number; 'zh-CN': string; en: string }>;

/** Chinese of the payouts module's own field reasons (merged into reasons.ts). */
export const payoutZhReasons: Record<string, string> = {
  'must be 4 to 64 characters': '须为 4 到 64 个字符',
  'letters, digits and - _ / . only': '只能包含字母、数字和 - _ / .',
  'give payoutIds or allPending': '请选择付款记录，或选择全部待支付',
  'is not in this batch': '不在该批次中',
  'listed twice': '重复列出',
  'is not a pending line of this batch': '不是该批次中待确认的记录',
  'must be between 1 fen and ¥10,000,000.00': '须在 0.01 元到 10,000,000.00 元之间',
  'no such member in this corp': '企业中没有该成员',
  'is not pending': '不是待支付或支付失败的记录，或已在付款批次中',
  'is not a readable CSV or XLSX bank statement': '不是可读取的 CSV 或 XLSX 银行对账单',
  'has no reference and amount columns': '找不到流水号和金额列',
};
