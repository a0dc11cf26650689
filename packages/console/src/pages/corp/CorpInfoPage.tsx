import { EditOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadFailed } from '../../components/LoadFailed';
import { CorpEditModal } from './CorpEditModal';
import { CorpLogoField } from './CorpLogoField';
import { useCorp } from './useCorp';

export default function CorpInfoPage() {
  const { t } = useTranslation();
  const corp = useCorp();
  const [editing, setEditing] = useState(false);

  if (corp.isError) return <LoadFailed error={corp.error} onRetry={() => void corp.refetch()} />;
  const info = corp.data;

  return (
    <Card
      title={t('corp.title')}
      loading={corp.isPending}
      extra={
        <Button icon={<EditOutlined />} onClick={() => setEditing(true)} disabled={!info} data-testid="corp-edit">
          {t('common.edit')}
        </Button>
      }
    >
      {info && (
        <>
          <Descriptions
            bordered
            column={1}
            styles={{ label: { width: 200 } }}
            items={[
              { key: 'logo', label: t('corp.logo'), children: <CorpLogoField corp={info} /> },
              { key: 'name', label: t('corp.name'), children: <span data-testid="corp-name">{info.name}</span> },
              {
                key: 'corpId',
                label: t('corp.corpId'),
                children: (
                  <Typography.Text copyable={{ text: info.corpId }}>
                    <span data-testid="corp-corpid">{info.corpId}</span>
                  </Typography.Text>
                ),
              },
              { key: 'creditCode', label: t('corp.creditCode'), children: <span data-testid="corp-credit-code">{info.creditCode}</span> },
              { key: 'industry', label: t('corp.industry'), children: <span data-testid="corp-industry">{t(`industry.${info.industry}`)}</span> },
              { key: 'size', label: t('corp.size'), children: <span data-testid="corp-size">{t(`size.${info.size}`)}</span> },
              { key: 'createdAt', label: t('corp.createdAt'), children: dayjs(info.createdAt).format('YYYY-MM-DD HH:mm') },
              { key: 'memberCount', label: t('corp.memberCount'), children: <span data-testid="corp-member-count">{info.memberCount}</span> },
            ]}
          />
          <CorpEditModal corp={info} open={editing} onClose={() => setEditing(false)} />
        </>
      )}
    </Card>
  );
}
