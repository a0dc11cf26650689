import { Descriptions, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AuditPage } from '../../api/types';

type AuditEntry = AuditPage['items'][number];

function Json({ value, testId }: { value: unknown; testId: string }) {
  const { t } = useTranslation();
  if (value === null || value === undefined) return <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  return (
    <pre data-testid={testId} style={{ margin: 0, maxHeight: 320, overflow: 'auto', whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}

/** The expanded row: what changed, and where the change came from. */
export function AuditEntryDetails({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  return (
    <Descriptions
      size="small"
      bordered
      column={2}
      items={[
        { key: 'before', label: t('audit.before'), children: <Json value={entry.before} testId={`audit-before-${entry.seq}`} /> },
        { key: 'after', label: t('audit.after'), children: <Json value={entry.after} testId={`audit-after-${entry.seq}`} /> },
        { key: 'userAgent', label: t('audit.userAgent'), span: 2, children: entry.userAgent ?? t('common.none') },
        {
          key: 'hash',
          label: t('audit.hash'),
          span: 2,
          children: <Typography.Text code copyable style={{ wordBreak: 'break-all' }}>{entry.hash}</Typography.Text>,
        },
      ]}
    />
  );
}
