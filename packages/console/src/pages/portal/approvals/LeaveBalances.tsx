import { Alert, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMyLeaveBalances } from './useApprovals';

/** The member's 年假 / 调休假 left, shown above a leave form. */
export function LeaveBalances() {
  const { t } = useTranslation();
  const balances = useMyLeaveBalances(true);
  if (!balances.data) return null;
  return (
    <Alert
      type="info"
      showIcon
      title={t('approvals.portal.balances')}
      description={
        <Flex vertical data-testid="leave-balances">
          {balances.data.map((b) => (
            <Typography.Text key={b.type} data-testid={`leave-balance-${b.type}`}>
              {t('approvals.portal.balanceLine', { type: t(`approvals.leaveType.${b.type}`), remaining: b.remainingDays, total: b.totalDays, used: b.usedDays })}
            </Typography.Text>
          ))}
        </Flex>
      }
      style={{ marginBottom: 16 }}
    />
  );
}
