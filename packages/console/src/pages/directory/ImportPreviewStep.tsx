import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Col, Flex, Row, Statistic, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportCounts, ImportJob } from '../../api/types';
import { currentLanguage } from '../../i18n';
import { ImportErrorTable } from './ImportErrorTable';
import { importErrorReportUrl, type ApplyChoices } from './useImports';

interface Props {
  job: ImportJob;
  onRestart: () => void;
  onApply: (choices: ApplyChoices) => void;
}

type CountKey = Exclude<keyof ImportCounts, 'rows'>;
const countKeys: CountKey[] = ['created', 'updated', 'moved', 'disabled', 'unchanged', 'departmentsCreated', 'rowsInError'];
const alarming: Partial<Record<CountKey, string>> = { disabled: '#d46b08', rowsInError: '#cf1322' };

/** The preview's numbers, one card each; `data-value` carries the bare number for tests. */
function ImportCountCards({ counts }: { counts: ImportCounts }) {
  const { t } = useTranslation();
  return (
    <Row gutter={[12, 12]}>
      {countKeys.map((key) => (
        <Col key={key} xs={12} sm={8} md={6} xl={3} style={{ minWidth: 130 }}>
          <Card size="small" style={{ height: '100%' }}>
            <Statistic
              title={t(`imports.preview.counts.${key}`)}
              value={counts[key]}
              styles={{ content: counts[key] > 0 && alarming[key] ? { color: alarming[key] } : undefined }}
              data-testid={`import-count-${key}`}
              data-value={counts[key]}
            />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

/** A file can create hundreds of departments; the first few show until asked for all. */
const shortList = 20;

function TagList({ title, items, testId }: { title: string; items: string[]; testId: string }) {
  const { t } = useTranslation();
  const [all, setAll] = useState(false);
  if (items.length === 0) return null;
  const shown = all ? items : items.slice(0, shortList);
  return (
    <Flex vertical gap={6} data-testid={testId}>
      <Typography.Text strong>
        {title} ({items.length})
      </Typography.Text>
      <Flex wrap gap={6} align="center">
        {shown.map((item) => (
          <Tag key={item} style={{ marginInlineEnd: 0 }}>
            {item}
          </Tag>
        ))}
        {items.length > shown.length && (
          <Button type="link" size="small" onClick={() => setAll(true)}>
            {t('imports.preview.showAll', { count: items.length })}
          </Button>
        )}
      </Flex>
    </Flex>
  );
}

/** A share as a percentage that never rounds a partial share up to 100%. */
function formatShare(share: number): string {
  const format = new Intl.NumberFormat(currentLanguage(), { style: 'percent', maximumFractionDigits: 1 });
  return format.format(share < 1 ? Math.min(share, 0.999) : share);
}

/** Step 2: what applying the file would change, its rows in error, and the choices applying needs. */
export function ImportPreviewStep({ job, onRestart, onApply }: Props) {
  const { t } = useTranslation();
  const [skipBadRows, setSkipBadRows] = useState(false);
  const [confirmDisable, setConfirmDisable] = useState(false);
  const { counts } = job;
  const inError = counts.rowsInError > 0;
  const needsConfirm = job.disableShare > job.disableThreshold;
  const blocked = (inError && !skipBadRows) || (needsConfirm && !confirmDisable);

  return (
    <Flex vertical gap="middle">
      <Typography.Text type="secondary" data-testid="import-summary">
        {t('imports.preview.summary', { name: job.fileName, rows: counts.rows })}
        {t('common.separator')}
        {t('imports.preview.modeLabel', { mode: t(`imports.mode.${job.mode}`) })}
      </Typography.Text>
      <ImportCountCards counts={counts} />

      {job.mode === 'replace' && counts.disabled > 0 && !needsConfirm && <Alert type="info" showIcon title={t('imports.preview.replaceInfo', { count: counts.disabled })} />}
      {needsConfirm && (
        <Alert
          type="warning"
          showIcon
          title={t('imports.preview.disableWarning', { count: counts.disabled, share: formatShare(job.disableShare), threshold: formatShare(job.disableThreshold) })}
          description={
            <Checkbox checked={confirmDisable} onChange={(event) => setConfirmDisable(event.target.checked)} data-testid="import-confirm-disable">
              {t('imports.preview.confirmDisable')}
            </Checkbox>
          }
          data-testid="import-disable-warning"
        />
      )}

      <TagList title={t('imports.preview.newDepartments')} items={job.newDepartments} testId="import-new-departments" />
      <TagList title={t('imports.preview.unknownColumns')} items={job.unknownColumns} testId="import-unknown-columns" />

      {inError && (
        <Flex vertical gap="small">
          <Alert
            type="error"
            showIcon
            title={t('imports.preview.errorsTitle', { count: counts.rowsInError })}
            description={t('imports.preview.errorsHelp')}
            action={
              <Button size="small" icon={<DownloadOutlined />} href={importErrorReportUrl(job.id)} download data-testid="import-error-report">
                {t('imports.preview.errorReport')}
              </Button>
            }
            data-testid="import-errors-alert"
          />
          <ImportErrorTable jobId={job.id} />
          <Checkbox checked={skipBadRows} onChange={(event) => setSkipBadRows(event.target.checked)} data-testid="import-skip-bad-rows">
            {t('imports.preview.skipBadRows', { count: counts.rows - counts.rowsInError })}
          </Checkbox>
        </Flex>
      )}

      <Flex gap="small" justify="end">
        <Button onClick={onRestart} data-testid="import-restart">
          {t('imports.preview.restart')}
        </Button>
        <Button type="primary" disabled={blocked} onClick={() => onApply({ skipBadRows, confirmDisable })} data-testid="import-apply">
          {t('imports.preview.apply')}
        </Button>
      </Flex>
    </Flex>
  );
}
