import { Table, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ImportRowError } from '../../api/types';
import { LoadFailed } from '../../components/LoadFailed';
import { useImportErrors } from './useImports';
import { usePaging } from '../../components/usePaging';

type Keyed = ImportRowError & { key: string };

/** The rows in error of a preview, a page at a time from the server (a file can have thousands). */
export function ImportErrorTable({ jobId }: { jobId: string }) {
  const { t } = useTranslation();
  const { page, pageSize, pagination } = usePaging(10);
  const errors = useImportErrors(jobId, page, pageSize);

  const columns: TableColumnsType<Keyed> = [
    { key: 'row', title: t('imports.preview.row'), dataIndex: 'row', width: 80 },
    { key: 'column', title: t('imports.preview.column'), dataIndex: 'column', width: 140, render: (column: string) => column || t('common.none') },
    {
      key: 'value',
      title: t('imports.preview.value'),
      dataIndex: 'value',
      width: 220,
      ellipsis: true,
      render: (value: string) => (value ? <Typography.Text code>{value}</Typography.Text> : <Typography.Text type="secondary">{t('common.none')}</Typography.Text>),
    },
    { key: 'message', title: t('imports.preview.reason'), dataIndex: 'message' },
  ];

  if (errors.isError) return <LoadFailed error={errors.error} onRetry={() => void errors.refetch()} />;
  // A row can be wrong in several cells, so the row number alone is no key.
  const items = (errors.data?.items ?? []).map((item, index) => ({ ...item, key: `${(page - 1) * pageSize + index}` }));
  return (
    <div data-testid="import-errors">
      <Table<Keyed>
        size="small"
        columns={columns}
        dataSource={items}
        loading={errors.isFetching}
        pagination={pagination(errors.data?.total ?? 0, { pageSizeOptions: [10, 50, 100, 500], showTotal: (total) => t('imports.preview.errorsTotal', { total }) })}
      />
    </div>
  );
}
