import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Flex, Radio, Spin, Typography, Upload } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import type { ImportJob, ImportMode } from '../../api/types';
import { importExtensions, importTemplateUrl, maxImportBytes, useUploadImport } from './useImports';

interface Props {
  mode: ImportMode;
  onModeChange: (mode: ImportMode) => void;
  createDepartments: boolean;
  onCreateDepartmentsChange: (value: boolean) => void;
  onUploaded: (job: ImportJob) => void;
}

/** Why a file was refused: the server's message and the reasons it gave for the file. */
interface Refusal {
  message: string;
  reasons: string[];
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Flex vertical gap="small">
      <Typography.Title level={5} style={{ margin: 0 }}>
        {title}
      </Typography.Title>
      {children}
    </Flex>
  );
}

/** Step 1: the template, the import's options and the file; choosing a file uploads it for preview at once. */
export function ImportUploadStep({ mode, onModeChange, createDepartments, onCreateDepartmentsChange, onUploaded }: Props) {
  const { t } = useTranslation();
  const upload = useUploadImport();
  const [refusal, setRefusal] = useState<Refusal | null>(null);

  const send = (file: File) => {
    setRefusal(null);
    const name = file.name.toLowerCase();
    // Said here rather than after sending up to 50 MB; the server checks the content again anyway.
    if (!importExtensions.some((extension) => name.endsWith(extension))) return setRefusal({ message: t('imports.upload.badType'), reasons: [] });
    if (file.size > maxImportBytes) return setRefusal({ message: t('imports.upload.tooLarge'), reasons: [] });
    upload.mutate(
      { file, mode, createDepartments },
      {
        onSuccess: onUploaded,
        onError: (error) =>
          setRefusal(
            error instanceof ApiError
              ? { message: error.message, reasons: error.fields.map((field) => (field.path === 'file' ? field.reason : `${field.path}: ${field.reason}`)) }
              : { message: t('errors.unexpected'), reasons: [] },
          ),
      },
    );
  };

  const modes: { value: ImportMode; help: string }[] = [
    { value: 'sync', help: t('imports.mode.syncHelp') },
    { value: 'replace', help: t('imports.mode.replaceHelp') },
  ];

  return (
    <Flex vertical gap="large" style={{ maxWidth: 720 }}>
      <Section title={t('imports.template.title')}>
        <Typography.Text type="secondary">{t('imports.template.hint')}</Typography.Text>
        <Flex gap="small" wrap>
          <Button icon={<DownloadOutlined />} href={importTemplateUrl('xlsx')} download data-testid="import-template-xlsx">
            {t('imports.template.xlsx')}
          </Button>
          <Button icon={<DownloadOutlined />} href={importTemplateUrl('csv')} download data-testid="import-template-csv">
            {t('imports.template.csv')}
          </Button>
        </Flex>
      </Section>

      <Section title={t('imports.mode.title')}>
        <Radio.Group value={mode} onChange={(event) => onModeChange(event.target.value as ImportMode)}>
          <Flex vertical gap="small">
            {modes.map(({ value, help }) => (
              <div key={value}>
                <Radio value={value} data-testid={`import-mode-${value}`}>
                  <Typography.Text strong>{t(`imports.mode.${value}`)}</Typography.Text>
                </Radio>
                <Typography.Paragraph type="secondary" style={{ margin: '0 0 0 24px' }}>
                  {help}
                </Typography.Paragraph>
              </div>
            ))}
          </Flex>
        </Radio.Group>
        <div>
          <Checkbox checked={createDepartments} onChange={(event) => onCreateDepartmentsChange(event.target.checked)} data-testid="import-create-departments">
            {t('imports.createDepartments')}
          </Checkbox>
          <Typography.Paragraph type="secondary" style={{ margin: '0 0 0 24px' }}>
            {t('imports.createDepartmentsHelp')}
          </Typography.Paragraph>
        </div>
      </Section>

      <Section title={t('imports.upload.title')}>
        <Spin spinning={upload.isPending} description={t('imports.upload.uploading')}>
          {/* data-* props land on the hidden <input type=file>, so the testid is the file input itself. */}
          <Upload.Dragger
            accept={{ format: importExtensions.join(','), filter: 'native' }}
            multiple={false}
            showUploadList={false}
            disabled={upload.isPending}
            beforeUpload={(file) => {
              send(file);
              return false; // The upload is our own request (multipart with the options), not antd's.
            }}
            data-testid="import-upload"
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t('imports.upload.drag')}</p>
            <p className="ant-upload-hint">{t('imports.upload.hint')}</p>
          </Upload.Dragger>
        </Spin>
        {refusal && (
          <Alert
            type="error"
            showIcon
            title={refusal.message}
            description={refusal.reasons.length ? refusal.reasons.join(t('common.separator')) : undefined}
            data-testid="import-file-error"
          />
        )}
      </Section>
    </Flex>
  );
}
