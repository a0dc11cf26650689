import { Button, Flex, Progress, Result, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { ImportJob } from '../../api/types';
import { useRefreshAfterImport } from './useImports';

interface Props {
  job: ImportJob;
  onRestart: () => void;
}

/** 100% only once it has succeeded: after the last row the import still writes its audit entries. */
function percentOf(job: ImportJob): number {
  if (job.status === 'succeeded') return 100;
  const { done = 0, total = 0 } = job.progress ?? {};
  return total > 0 ? Math.min(99, Math.floor((done / total) * 100)) : 0;
}

/** Step 3: the import's progress while it applies (the job is polled meanwhile), then its result. */
export function ImportRunStep({ job, onRestart }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const refresh = useRefreshAfterImport();
  const finished = job.status === 'succeeded' || job.status === 'failed';

  useEffect(() => {
    // The directory's lists (tree, members, counts) are stale once the import has written.
    if (job.status === 'succeeded') refresh();
  }, [job.status, refresh]);

  const progressStatus = job.status === 'failed' ? 'exception' : job.status === 'succeeded' ? 'success' : 'active';
  const { counts } = job;
  const percent = percentOf(job);

  return (
    <Flex vertical gap="middle" style={{ maxWidth: 720 }}>
      <div data-testid="import-progress" data-status={job.status} data-percent={percent}>
        <Progress percent={percent} status={progressStatus} />
        {!finished && (
          <Flex vertical>
            {job.progress && job.progress.total > 0 && (
              <Typography.Text>{t('imports.run.progress', { done: job.progress.done.toLocaleString(), total: job.progress.total.toLocaleString() })}</Typography.Text>
            )}
            <Typography.Text type="secondary">{t('imports.run.applying')}</Typography.Text>
          </Flex>
        )}
      </div>
      {finished && (
        <Result
          status={job.status === 'succeeded' ? 'success' : 'error'}
          title={job.status === 'succeeded' ? t('imports.run.succeeded') : t('imports.run.failed')}
          subTitle={
            job.status === 'succeeded' ? (
              <>
                {t('imports.run.succeededBody', counts)}
                {counts.rowsInError > 0 && ` ${t('imports.run.skipped', { count: counts.rowsInError })}`}
              </>
            ) : (
              job.failure?.message
            )
          }
          extra={[
            <Button key="back" type="primary" onClick={() => void navigate('/directory')} data-testid="import-back-directory">
              {t('imports.run.backToDirectory')}
            </Button>,
            <Button key="again" onClick={onRestart} data-testid="import-again">
              {t('imports.run.again')}
            </Button>,
          ]}
          data-testid="import-result"
          data-status={job.status}
        />
      )}
    </Flex>
  );
}
