import { Button, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

interface Props {
  corps: { corpId: string; name: string }[];
  pending: boolean;
  onChoose: (corpId: string) => void;
  onBack: () => void;
}

/** The same login belongs to several corps: sign in again naming one. */
export function ChooseCorp({ corps, pending, onChoose, onBack }: Props) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap="middle" data-testid="signin-choose-corp">
      <Typography.Title level={4}>{t('auth.signIn.chooseCorp')}</Typography.Title>
      {corps.map((corp) => (
        <Button key={corp.corpId} block size="large" disabled={pending} onClick={() => onChoose(corp.corpId)} data-testid={`signin-corp-${corp.corpId}`}>
          <Flex justify="space-between" style={{ width: '100%' }}>
            <span>{corp.name}</span>
            <Typography.Text type="secondary">{corp.corpId}</Typography.Text>
          </Flex>
        </Button>
      ))}
      <Button type="link" onClick={onBack}>
        {t('auth.signIn.back')}
      </Button>
    </Flex>
  );
}
