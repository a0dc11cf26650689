import type { ApprovalSummary } from '@orgdesk/contracts';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const statusColors: Record<ApprovalSummary['status'], string> = { 1: 'processing', 2: 'success', 3: 'error', 4: 'default', 6: 'warning', 7: 'default', 10: 'purple' };
const grouped = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Yuan with two decimals and thousands separators ("3,500.00"), from fen or from a yuan value. */
export function formatYuan(value: { fen: number } | { yuan: unknown }): string {
  const amount = 'fen' in value ? value.fen / 100 : Number(value.yuan);
  return Number.isFinite(amount) ? grouped.format(amount) : '';
}

/** A request's sp_status as a coloured tag; a request returned to its applicant shows 已退回 instead of 审批中. */
export function StatusTag({ request, testId }: { request: Pick<ApprovalSummary, 'status' | 'returned'>; testId?: string }) {
  const { t } = useTranslation();
  const returned = request.returned && request.status === 1;
  return (
    <Tag color={returned ? 'orange' : statusColors[request.status]} data-testid={testId} data-status={request.status} data-returned={String(returned)} style={{ marginInlineEnd: 0 }}>
      {returned ? t('approvals.returned') : t(`approvals.status.${request.status}`)}
    </Tag>
  );
}

/** 加急, shown beside a request's name. */
export function UrgentTag({ urgent }: { urgent: boolean }) {
  const { t } = useTranslation();
  return urgent ? (
    <Tag color="red" data-testid="approval-urgent">
      {t('approvals.urgent')}
    </Tag>
  ) : null;
}
