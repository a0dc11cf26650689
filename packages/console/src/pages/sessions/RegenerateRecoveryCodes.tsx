import { KeyOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorReporter } from '../../api/useErrorReporter';
import { useMe } from '../../auth/useMe';
import { RecoveryCodesView } from '../../components/RecoveryCodesView';
import { useRegenerateRecoveryCodes } from './useSessions';

/** Replacing the recovery codes voids the old ones, so it asks first and then shows the new ones once. */
export function RegenerateRecoveryCodes() {
  const { t } = useTranslation();
  const me = useMe().data;
  const regenerate = useRegenerateRecoveryCodes();
  const reportError = useErrorReporter();
  const [confirming, setConfirming] = useState(false);
  const [codes, setCodes] = useState<string[] | null>(null);

  const confirm = () =>
    regenerate.mutate(undefined, {
      onSuccess: ({ recoveryCodes }) => {
        setConfirming(false);
        setCodes(recoveryCodes);
      },
      onError: (error) => reportError(error),
    });

  return (
    <Card title={t('sessions.recoveryTitle')}>
      <Flex align="center" justify="space-between" gap="middle" wrap>
        <Typography.Text data-testid="sessions-recovery-left">
          {t('sessions.recoveryLeft', { count: me?.recoveryCodesLeft ?? 0 })}
        </Typography.Text>
        <Button icon={<KeyOutlined />} onClick={() => setConfirming(true)} data-testid="sessions-regenerate-recovery">
          {t('sessions.regenerate')}
        </Button>
      </Flex>
      <Modal
        open={confirming}
        title={t('sessions.regenerateTitle')}
        onCancel={() => setConfirming(false)}
        footer={
          <Flex justify="end" gap="small">
            <Button onClick={() => setConfirming(false)}>{t('common.cancel')}</Button>
            <Button type="primary" danger loading={regenerate.isPending} onClick={confirm} data-testid="sessions-regenerate-confirm">
              {t('common.confirm')}
            </Button>
          </Flex>
        }
      >
        {t('sessions.regenerateBody')}
      </Modal>
      <Modal open={codes !== null} title={t('sessions.newCodesTitle')} closable={false} mask={{ closable: false }} footer={null}>
        {codes && <RecoveryCodesView codes={codes} onDone={() => setCodes(null)} />}
      </Modal>
    </Card>
  );
}
