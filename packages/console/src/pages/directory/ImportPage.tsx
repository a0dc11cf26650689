import { Button, Card, Flex, Result, Steps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { isApiError } from '../../api/client';
import type { ImportJob, ImportMode } from '../../api/types';
import { useErrorReporter } from '../../api/useErrorReporter';
import { LoadFailed } from '../../components/LoadFailed';
import { PageSpin } from '../../components/PageSpin';
import { ImportPreviewStep } from './ImportPreviewStep';
import { ImportRunStep } from './ImportRunStep';
import { ImportUploadStep } from './ImportUploadStep';
import { useApplyImport, useImportJob, type ApplyChoices } from './useImports';

/** Which step an import is at (nothing uploaded, previewed, applied), and how that step stands. */
function stepOf(job: ImportJob | undefined): { current: number; status: 'process' | 'finish' | 'error' } {
  if (!job || job.status === 'previewed') return { current: job ? 1 : 0, status: 'process' };
  return { current: 2, status: job.status === 'succeeded' ? 'finish' : job.status === 'failed' ? 'error' : 'process' };
}

/**
 * 批量导入: upload a file, preview what it changes, apply it and follow its progress. The import's id sits in
 * the address (?job=…), so a reload or a return visit lands on the same preview or result.
 */
export default function ImportPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const jobId = params.get('job');
  const job = useImportJob(jobId);
  const apply = useApplyImport();
  const reportError = useErrorReporter();
  // The upload choices survive 重新上传, which usually follows a fix to the same file.
  const [mode, setMode] = useState<ImportMode>('sync');
  const [createDepartments, setCreateDepartments] = useState(false);

  const open = (next: ImportJob) => setParams({ job: next.id });
  const restart = () => setParams({});
  const start = (choices: ApplyChoices) => jobId && apply.mutate({ id: jobId, ...choices }, { onError: (error) => reportError(error) });
  // Until the server answers, the import is shown as starting (it may answer only once it has finished).
  const shown: ImportJob | undefined = apply.isPending && job.data ? { ...job.data, status: 'applying', progress: null } : job.data;

  let content;
  if (jobId === null) {
    content = (
      <ImportUploadStep
        mode={mode}
        onModeChange={setMode}
        createDepartments={createDepartments}
        onCreateDepartmentsChange={setCreateDepartments}
        onUploaded={open}
      />
    );
  } else if (job.isError) {
    content = isApiError(job.error, 'imports.not_found') ? (
      <Result
        status="warning"
        title={t('imports.missing')}
        extra={
          <Button type="primary" onClick={restart} data-testid="import-restart">
            {t('imports.preview.restart')}
          </Button>
        }
      />
    ) : (
      <LoadFailed error={job.error} onRetry={() => void job.refetch()} />
    );
  } else if (!shown) {
    content = <PageSpin />;
  } else if (shown.status === 'previewed') {
    content = <ImportPreviewStep key={shown.id} job={shown} onRestart={restart} onApply={start} />;
  } else {
    content = <ImportRunStep job={shown} onRestart={restart} />;
  }

  return (
    <Card title={t('imports.title')}>
      <Flex vertical gap="large">
        <Steps
          {...stepOf(jobId === null ? undefined : shown)}
          items={[{ title: t('imports.steps.upload') }, { title: t('imports.steps.preview') }, { title: t('imports.steps.apply') }]}
          style={{ maxWidth: 720 }}
          data-testid="import-steps"
        />
        {content}
      </Flex>
    </Card>
  );
}
