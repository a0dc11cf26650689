import { BankOutlined, DeleteOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Avatar, Button, Flex, Popconfirm, Typography, Upload } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CorpInfo } from '../../api/types';
import { useErrorReporter } from '../../api/useErrorReporter';
import { useUpdateCorpProfile } from './useCorp';

const logoTypes = ['image/png', 'image/jpeg', 'image/svg+xml'];
const maxLogoBytes = 256 * 1024;

function readAsDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('FileReader failed'));
    reader.readAsDataURL(file);
  });
}

/** The logo travels inside PATCH /corp as a data URL, so it is read and checked here. */
export function CorpLogoField({ corp }: { corp: CorpInfo }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const update = useUpdateCorpProfile();
  const reportError = useErrorReporter();

  const save = (logo: string | null) =>
    update.mutate(
      { logo },
      {
        onSuccess: () => void message.success(logo ? t('corp.logoUpdated') : t('corp.logoRemoved')),
        onError: (error) => reportError(error),
      },
    );

  const upload = async (file: File) => {
    if (!logoTypes.includes(file.type)) return void message.error(t('corp.logoType'));
    if (file.size > maxLogoBytes) return void message.error(t('corp.logoSize'));
    try {
      save(await readAsDataUrl(file));
    } catch {
      void message.error(t('errors.unexpected'));
    }
  };

  return (
    <Flex align="center" gap="middle" wrap>
      <Avatar shape="square" size={64} src={corp.logo ?? undefined} icon={<BankOutlined />} alt={t('corp.logo')} data-testid="corp-logo" />
      <Upload
        accept={logoTypes.join(',')}
        showUploadList={false}
        beforeUpload={(file) => {
          void upload(file);
          return false; // Nothing is uploaded by antd itself; the data URL goes in the PATCH.
        }}
      >
        <Button icon={<UploadOutlined />} loading={update.isPending} data-testid="corp-logo-upload">
          {t('corp.uploadLogo')}
        </Button>
      </Upload>
      {corp.logo && (
        <Popconfirm title={t('corp.removeLogoConfirm')} onConfirm={() => save(null)}>
          <Button icon={<DeleteOutlined />} danger data-testid="corp-logo-remove">
            {t('corp.removeLogo')}
          </Button>
        </Popconfirm>
      )}
      <Typography.Text type="secondary">{corp.logo ? null : `${t('corp.noLogo')} · `}{t('corp.logoHint')}</Typography.Text>
    </Flex>
  );
}
