import { UploadOutlined } from '@ant-design/icons';
import type { App } from '@orgdesk/contracts';
import { Alert, App as AntApp, Button, Flex, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { AppLogo } from './AppLogo';
import { logoExtensions, maxLogoBytes, useSetLogo } from './useApps';

/** Why a logo was refused: the server's (or the browser's) message and the reasons given for the file. */
interface Refusal {
  message: string;
  reasons: string[];
}

/** The app's logo and, for those who may change the app, an upload that replaces it (PUT /apps/:id/logo). */
export function AppLogoField({ app, mayChange }: { app: App; mayChange: boolean }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const setLogo = useSetLogo();
  const [refusal, setRefusal] = useState<Refusal | null>(null);

  const send = (file: File) => {
    setRefusal(null);
    const name = file.name.toLowerCase();
    // Said here rather than after sending; the server checks the bytes anyway.
    if (!logoExtensions.some((extension) => name.endsWith(extension))) return setRefusal({ message: t('apps.logo.badType'), reasons: [] });
    if (file.size > maxLogoBytes) return setRefusal({ message: t('apps.logo.tooLarge'), reasons: [] });
    setLogo.mutate(
      { id: app.id, file },
      {
        onSuccess: () => void message.success(t('apps.logo.updated')),
        onError: (error) =>
          setRefusal(
            error instanceof ApiError
              ? { message: error.message, reasons: error.fields.map((field) => (field.path === 'logo' ? field.reason : `${field.path}: ${field.reason}`)) }
              : { message: t('errors.unexpected'), reasons: [] },
          ),
      },
    );
  };

  return (
    <Flex vertical gap="small">
      <Flex gap="middle" align="center" wrap>
        <AppLogo key={app.logoUrl ?? 'none'} app={app} size={64} testId="app-detail-logo" />
        {mayChange && (
          // data-* props land on the hidden <input type=file>, so the testid is the file input itself.
          <Upload
            accept={logoExtensions.join(',')}
            multiple={false}
            showUploadList={false}
            disabled={setLogo.isPending}
            beforeUpload={(file) => {
              send(file);
              return false; // The upload is our own request (a multipart PUT), not antd's.
            }}
            data-testid="app-logo-upload"
          >
            <Button icon={<UploadOutlined />} loading={setLogo.isPending} data-testid="app-logo-button">
              {t('apps.logo.change')}
            </Button>
          </Upload>
        )}
        <Typography.Text type="secondary">{app.logoUrl ? t('apps.logo.hint') : `${t('apps.logo.none')} · ${t('apps.logo.hint')}`}</Typography.Text>
      </Flex>
      {refusal && (
        <Alert
          type="error"
          showIcon
          closable={{ onClose: () => setRefusal(null) }}
          title={refusal.message}
          description={refusal.reasons.length ? refusal.reasons.join(t('common.separator')) : undefined}
          data-testid="app-logo-error"
        />
      )}
    </Flex>
  );
}
