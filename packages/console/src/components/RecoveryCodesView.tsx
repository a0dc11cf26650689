import { CopyOutlined, DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

function downloadText(fileName: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  anchor.click();
  URL.revokeObjectURL(url);
}

/** Recovery codes, shown once: copy, download and an explicit confirmation before moving on. */
export function RecoveryCodesView({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const fileText = [t('auth.recovery.fileHeader'), '', ...codes, ''].join('\n');

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(codes.join('\n'));
      void message.success(t('common.copied'));
    } catch {
      void message.error(t('errors.unexpected'));
    }
  };

  return (
    <Flex vertical gap="middle">
      <Alert type="warning" showIcon title={t('auth.recovery.hint')} />
      <ol data-testid="recovery-codes" style={{ columns: 2, fontFamily: 'monospace', fontSize: 16, margin: 0 }}>
        {codes.map((code) => (
          <li key={code}>
            <Typography.Text code>{code}</Typography.Text>
          </li>
        ))}
      </ol>
      <Flex gap="small" wrap>
        <Button icon={<CopyOutlined />} onClick={() => void copy()} data-testid="recovery-copy">
          {t('auth.recovery.copy')}
        </Button>
        <Button
          icon={<DownloadOutlined />}
          onClick={() => downloadText('orgdesk-recovery-codes.txt', fileText)}
          data-testid="recovery-download"
        >
          {t('auth.recovery.download')}
        </Button>
      </Flex>
      <Button type="primary" block onClick={onDone} data-testid="recovery-done">
        {t('auth.recovery.done')}
      </Button>
    </Flex>
  );
}
