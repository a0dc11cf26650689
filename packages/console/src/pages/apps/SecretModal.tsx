import { CopyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** A new secret, shown this once: copy it, then confirm before the modal closes. */
export function SecretModal({ secret, onClose }: { secret: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret ?? '');
      void message.success(t('common.copied'));
    } catch {
      void message.error(t('errors.unexpected'));
    }
  };

  return (
    <Modal open={secret !== null} title={t('apps.secret.title')} closable={false} mask={{ closable: false }} footer={null} destroyOnHidden>
      <Flex vertical gap="middle" data-testid="app-secret-modal">
        <Alert type="warning" showIcon title={t('apps.secret.warning')} data-testid="app-secret-warning" />
        <Typography.Text code style={{ fontSize: 16, wordBreak: 'break-all' }} data-testid="app-secret-value">
          {secret}
        </Typography.Text>
        <Flex gap="small" justify="end">
          <Button icon={<CopyOutlined />} onClick={() => void copy()} data-testid="app-secret-copy">
            {t('apps.secret.copy')}
          </Button>
          <Button type="primary" onClick={onClose} data-testid="app-secret-done">
            {t('apps.secret.done')}
          </Button>
        </Flex>
      </Flex>
    </Modal>
  );
}
