import type { Payout, PayoutBatch } from '@orgdesk/contracts';
import { Flex, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { formatYuan } from './money';

const statusColor: Record<Payout['status'], string> = { pending: 'processing', paid: 'success', failed: 'error', cancelled: 'default' };
const batchColor: Record<PayoutBatch['status'], string> = { exported: 'processing', settled: 'success', voided: 'default' };

/** A payout's status as a coloured tag. */
export function PayoutStatusTag({ status, testId }: { status: Payout['status']; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={statusColor[status]} data-testid={testId}>
      {t(`payouts.status.${status}`)}
    </Tag>
  );
}

/** A batch's status as a coloured tag. */
export function BatchStatusTag({ status, testId }: { status: PayoutBatch['status']; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={batchColor[status]} data-testid={testId}>
      {t(`payouts.batchStatus.${status}`)}
    </Tag>
  );
}

/** An amount in yuan, right-aligned digits. */
export function Amount({ fen, testId }: { fen: number; testId?: string }) {
  return (
    <span style={{ fontVariantNumeric: 'tabular-nums' }} data-testid={testId}>
      {formatYuan(fen)}
    </span>
  );
}

/** Payee name with their userid beneath. */
export function PayeeCell({ payee }: { payee: Payout['payee'] }) {
  return (
    <Flex vertical>
      <span>{payee.name}</span>
      <Typography.Text type="secondary">{payee.userid}</Typography.Text>
    </Flex>
  );
}

/** The masked bank account, or a warning that there is none (a bank file cannot pay it). */
export function AccountCell({ account }: { account: Payout['bankAccount'] }) {
  const { t } = useTranslation();
  if (!account) return <Typography.Text type="warning">{t('payouts.noAccount')}</Typography.Text>;
  return (
    <Flex vertical>
      <span>{account.bankName}</span>
      <Typography.Text type="secondary">{account.accountMasked}</Typography.Text>
    </Flex>
  );
}

/** A timestamp as finance reads it. */
export const when = (iso: string | null) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—');
