import { Card, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { BatchesTab } from './BatchesTab';
import { HistoryTab } from './HistoryTab';
import { PendingTab } from './PendingTab';
import { ReconciliationTab } from './ReconciliationTab';

const tabs = ['pending', 'batches', 'history', 'reconciliation'] as const;
type Tab = (typeof tabs)[number];

/** 企业支付 under 工作台: each tab has its own address, so finance can bookmark and share it. */
export default function PayoutsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const param = useParams().tab;
  const active: Tab = tabs.includes(param as Tab) ? (param as Tab) : 'pending';
  const go = (tab: string) => void navigate(`/workbench/payouts/${tab}`);
  const label = (tab: Tab) => <span data-testid={`payouts-tab-${tab}`}>{t(`payouts.tabs.${tab}`)}</span>;
  return (
    <Card title={t('payouts.title')} data-testid="payouts-page">
      <Tabs
        activeKey={active}
        onChange={go}
        destroyOnHidden
        items={[
          { key: 'pending', label: label('pending'), children: <PendingTab onBatchCreated={() => go('batches')} /> },
          { key: 'batches', label: label('batches'), children: <BatchesTab /> },
          { key: 'history', label: label('history'), children: <HistoryTab /> },
          { key: 'reconciliation', label: label('reconciliation'), children: <ReconciliationTab /> },
        ]}
      />
    </Card>
  );
}
