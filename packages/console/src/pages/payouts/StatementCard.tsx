import { UploadOutlined } from '@ant-design/icons';
import type { StatementMatch } from '@orgdesk/contracts';
import { Button, Card, Flex, Table, Tag, Typography, Upload, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { useErrorReporter } from '../../api/useErrorReporter';
import { Amount } from './payoutDisplay';
import { useMatchStatement } from './usePayouts';

type Match = StatementMatch['matches'][number];

/** 银行对账单: upload what online banking exports; each settled batch's reference is checked against its amount. */
export function StatementCard() {
  const { t } = useTranslation();
  const reportError = useErrorReporter();
  const match = useMatchStatement();
  const columns: TableColumnsType<Match> = [
    { key: 'batchNo', title: t('payouts.column.batchNo'), dataIndex: 'batchNo' },
    { key: 'reference', title: t('payouts.column.reference'), dataIndex: 'reference' },
    { key: 'statement', title: t('payouts.statement.statementAmount'), align: 'right', render: (_, m) => <Amount fen={m.statementFen} /> },
    { key: 'paid', title: t('payouts.reconciliation.confirmedPaid'), align: 'right', render: (_, m) => <Amount fen={m.paidFen} /> },
    { key: 'status', title: t('payouts.column.status'), render: (_, m) => <Tag color={m.status === 'matched' ? 'success' : 'error'} data-testid={`statement-${m.reference}`}>{t(`payouts.statement.${m.status}`)}</Tag> },
  ];
  return (
    <Card
      size="small"
      title={t('payouts.statement.title')}
      extra={
        <Upload
          accept=".csv,.xlsx,.txt"
          showUploadList={false}
          beforeUpload={(file) => {
            match.mutate(file, { onError: (error) => reportError(error) });
            return false; // Sent by the mutation, with the session's CSRF token.
          }}
        >
          <Button icon={<UploadOutlined />} loading={match.isPending} data-testid="statement-upload">
            {t('payouts.statement.upload')}
          </Button>
        </Upload>
      }
    >
      {match.data ? (
        <Flex vertical gap="small">
          <Typography.Text type="secondary">{t('payouts.statement.summary', { rows: match.data.rows, matched: match.data.matches.length, unrelated: match.data.unrelatedReferences })}</Typography.Text>
          <Table<Match> rowKey="batchId" size="small" columns={columns} dataSource={match.data.matches} pagination={false} />
        </Flex>
      ) : (
        <Typography.Text type="secondary">{t('payouts.statement.hint')}</Typography.Text>
      )}
    </Card>
  );
}
