import { createHash } from 'node:crypto';
import { csvLine, UTF8_BOM } from '../../platform/kernel/csv';
import { fenToYuan } from './money';

/** One line of a batch as a provider needs it: who gets how much, into which account, for which approval. */
export interface PayoutLine {
  lineNo: number;
  payoutId: string;
  spNo: string;
  amountFen: number;
  payeeName: string;
  bankName: string;
  accountName: string;
  accountNumber: string;
}

/** What a provider hands finance for a batch: for the offline provider, the file uploaded to online banking. */
export interface BatchFile {
  fileName: string;
  contentType: string;
  bytes: Buffer;
  sha256: string;
}

/**
 * How payouts reach a payee. A provider renders a batch for its channel; confirmations (paid, or a line
 * refused) are recorded by the service, from finance for the offline provider, from a callback for an online one.
 * `render` must be deterministic: the same batch renders to the same bytes on every download.
 */
export interface PayoutProvider {
  readonly key: string;
  render(batch: { batchNo: string }, lines: readonly PayoutLine[]): BatchFile;
}

/** The header of a Chinese bank's batch-transfer (批量代发/批量转账) template. */
const HEADER = ['序号', '收款人', '收款账号', '开户行', '金额(元)', '用途/摘要'];

/**
 * The default provider: a CSV for the bank's batch transfer, in UTF-8 with a byte-order mark so Excel (which
 * finance opens it in first) shows the Chinese. The summary carries the approval number, so the bank statement
 * leads back to the expense.
 */
export const offlineBankFileProvider: PayoutProvider = {
  key: 'offline_bank_file',
  render(batch, lines) {
    const rows = lines.map((l) => csvLine([l.lineNo, l.accountName || l.payeeName, l.accountNumber, l.bankName, fenToYuan(l.amountFen), `报销 ${l.spNo}`]));
    const bytes = Buffer.from(UTF8_BOM + csvLine(HEADER) + rows.join(''), 'utf8');
    return { fileName: `payout-batch-${batch.batchNo}.csv`, contentType: 'text/csv; charset=utf-8', bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
  },
};
