import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Table, Tag, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import type { HTMLAttributes } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditPage } from '../../api/types';
import { LoadFailed } from '../../components/LoadFailed';
import { AuditEntryDetails } from './AuditEntryDetails';
import { AuditFilterBar } from './AuditFilterBar';
import { AuditVerifyButton, AuditVerifyResult } from './AuditVerifyButton';
import { auditExportUrl, useAuditLog, useVerifyAudit, type AuditFilters } from './useAuditLog';
import { usePaging } from '../../components/usePaging';

type AuditEntry = AuditPage['items'][number];

export default function AuditLogPage() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<AuditFilters>({});
  const { page, pageSize, firstPage, pagination } = usePaging(20);
  const log = useAuditLog(filters, page, pageSize);
  const verify = useVerifyAudit();

  const columns: TableColumnsType<AuditEntry> = [
    { key: 'seq', title: t('audit.seq'), dataIndex: 'seq', width: 80 },
    { key: 'at', title: t('audit.time'), dataIndex: 'at', width: 180, render: (at: string) => dayjs(at).format('YYYY-MM-DD HH:mm:ss') },
    {
      key: 'actor',
      title: t('audit.actor'),
      render: (_, entry) =>
        entry.actor ? (
          <Flex vertical>
            <span>{entry.actorName ?? entry.actor}</span>
            <Typography.Text type="secondary">{entry.actor}</Typography.Text>
          </Flex>
        ) : (
          <Typography.Text type="secondary">{t('audit.system')}</Typography.Text>
        ),
    },
    { key: 'action', title: t('audit.action'), dataIndex: 'action', render: (action: string) => <Tag>{action}</Tag> },
    {
      key: 'target',
      title: t('audit.target'),
      render: (_, { targetType, targetId }) => [targetType, targetId].filter(Boolean).join(' · ') || t('common.none'),
    },
    { key: 'ip', title: t('audit.ip'), dataIndex: 'ip', render: (ip: string | null) => ip ?? t('common.none') },
  ];

  const applyFilters = (next: AuditFilters) => {
    setFilters(next);
    firstPage();
  };

  return (
    <Card title={t('audit.title')}>
      <Flex vertical gap="middle">
        <AuditFilterBar onChange={applyFilters} />
        <Flex gap="small" wrap>
          <Button icon={<DownloadOutlined />} href={auditExportUrl(filters)} download data-testid="audit-export">
            {t('audit.export')}
          </Button>
          <AuditVerifyButton verify={verify} />
        </Flex>
        <AuditVerifyResult verify={verify} />
        {log.isError ? (
          <LoadFailed error={log.error} onRetry={() => void log.refetch()} />
        ) : (
          <div data-testid="audit-table">
            <Table<AuditEntry>
              rowKey="seq"
              size="middle"
              columns={columns}
              dataSource={log.data?.items ?? []}
              loading={log.isFetching}
              onRow={(entry) => ({ 'data-testid': `audit-row-${entry.seq}` }) as HTMLAttributes<HTMLElement>}
              expandable={{ expandedRowRender: (entry) => <AuditEntryDetails entry={entry} /> }}
              pagination={pagination(log.data?.total ?? 0, { showTotal: (total) => t('audit.total', { total }) })}
            />
          </div>
        )}
      </Flex>
    </Card>
  );
}
