import type { AuditEntry, Payout } from '@orgdesk/contracts';
import { Descriptions, Drawer, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { LoadFailed } from '../../components/LoadFailed';
import { AccountCell, Amount, PayeeCell, PayoutStatusTag, when } from './payoutDisplay';
import { usePayoutHistory } from './usePayouts';

/** What a history entry changed, in a line: the new status, the batch, the bank's reference, the reason. */
function change(entry: AuditEntry): string {
  const after = (entry.after ?? {}) as Record<string, unknown>;
  return ['batchNo', 'bankReference', 'reason'].map((k) => after[k]).filter((v) => typeof v === 'string' && v).join(' · ');
}

/** One payout in full, with its history from the audit log (who created, batched, paid, failed or cancelled it). */
export function PayoutDrawer({ payout, onClose }: { payout: Payout; onClose: () => void }) {
  const { t } = useTranslation();
  const history = usePayoutHistory(payout.id);
  return (
    <Drawer open width={560} title={t('payouts.drawer.title', { spNo: payout.spNo })} onClose={onClose} data-testid="payout-drawer">
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t('payouts.column.spNo')}>{payout.spNo}</Descriptions.Item>
        <Descriptions.Item label={t('payouts.column.payee')}>
          <PayeeCell payee={payout.payee} />
        </Descriptions.Item>
        <Descriptions.Item label={t('payouts.column.amount')}>
          <Amount fen={payout.amountFen} />
        </Descriptions.Item>
        <Descriptions.Item label={t('payouts.column.status')}>
          <PayoutStatusTag status={payout.status} />
        </Descriptions.Item>
        <Descriptions.Item label={t('payouts.column.bankAccount')}>
          <AccountCell account={payout.bankAccount} />
        </Descriptions.Item>
        <Descriptions.Item label={t('payouts.column.batch')}>{payout.batchNo ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('payouts.column.reference')}>{payout.bankReference ?? '—'}</Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('payouts.drawer.history')}
      </Typography.Title>
      {history.isError ? (
        <LoadFailed error={history.error} onRetry={() => void history.refetch()} />
      ) : (
        <Timeline
          data-testid="payout-history"
          items={(history.data?.items ?? []).map((entry) => ({
            children: (
              <div data-testid={`payout-history-${entry.action}`}>
                <Typography.Text strong>{t(`payouts.drawer.action.${entry.action.replace('payouts.', '')}`, { defaultValue: entry.action })}</Typography.Text>
                <Typography.Text type="secondary">{` ${when(entry.at)} · ${entry.actorName ?? entry.actor ?? t('payouts.drawer.system')}`}</Typography.Text>
                {change(entry) && <div>{change(entry)}</div>}
              </div>
            ),
          }))}
        />
      )}
    </Drawer>
  );
}
