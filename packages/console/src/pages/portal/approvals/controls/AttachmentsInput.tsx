import { UploadOutlined } from '@ant-design/icons';
import type { ApprovalDetail } from '@orgdesk/contracts';
import { App, Button, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../../../api/client';

type Attachment = ApprovalDetail['attachments'][number];

/**
 * 附件: each file is uploaded as soon as it is chosen (POST /portal/approvals/files, up to 20 MB) and the form keeps
 * its id; the server accepts only the member's own uploads when the form is submitted.
 */
export function AttachmentsInput({ value, onChange, testId }: { value?: string[]; onChange?: (ids: string[] | undefined) => void; testId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [uploaded, setUploaded] = useState<Attachment[]>([]);
  const [busy, setBusy] = useState(false);
  const ids = value ?? [];
  const files: UploadFile[] = ids.map((id) => ({ uid: id, name: uploaded.find((a) => a.id === id)?.name ?? id, status: 'done' }));

  const upload = async (file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    setBusy(true);
    try {
      const attachment = await api.upload<Attachment>('/portal/approvals/files', form);
      setUploaded((list) => [...list, attachment]);
      onChange?.([...ids, attachment.id]);
    } catch (error) {
      message.error(isApiError(error) ? error.message : t('errors.unexpected'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div data-testid={testId}>
    <Upload
      fileList={files}
      multiple
      beforeUpload={(file) => {
        void upload(file);
        return false; // our own request, not antd's
      }}
      onRemove={(file) => {
        const rest = ids.filter((id) => id !== file.uid);
        onChange?.(rest.length ? rest : undefined);
      }}
    >
      <Button icon={<UploadOutlined />} loading={busy} disabled={ids.length >= 20} data-testid={`${testId}-button`}>
        {t('approvals.portal.upload')}
      </Button>
    </Upload>
    </div>
  );
}
