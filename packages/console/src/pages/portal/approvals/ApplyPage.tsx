import { ArrowLeftOutlined } from '@ant-design/icons';
import { App, Card, Empty, Flex, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { LoadFailed } from '../../../components/LoadFailed';
import { ApplyForm, type ApplyValues } from './ApplyForm';
import { useIntentKey } from './intentKey';
import { LeaveBalances } from './LeaveBalances';
import { useApply, usePortalTemplates } from './useApprovals';

/** 发起申请 with one template: its form, and for leave the member's balances. */
export default function ApplyPage() {
  const { t } = useTranslation();
  const { templateId = '' } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const templates = usePortalTemplates();
  const apply = useApply();
  // One key per submission: a double click or a retry after a lost answer creates one request, not two.
  const [key, renewKey] = useIntentKey();

  if (templates.isError) return <LoadFailed error={templates.error} onRetry={() => void templates.refetch()} />;
  if (!templates.data) return <Spin />;
  const template = templates.data.find((item) => item.id === templateId);

  const submit = async (values: ApplyValues) => {
    const detail = await apply.mutateAsync({ templateId, ...values, key });
    renewKey();
    void message.success(t('approvals.portal.submitted'));
    void navigate(`/portal/approvals/${detail.id}`);
  };

  return (
    <Flex vertical gap="middle" style={{ maxWidth: 920 }}>
      <Link to="/portal/approvals/new" data-testid="apply-back">
        <ArrowLeftOutlined /> {t('approvals.portal.chooseTemplate')}
      </Link>
      <Card title={<span data-testid="apply-title">{template?.name ?? t('approvals.portal.apply')}</span>}>
        {!template ? (
          <Empty description={t('approvals.portal.noTemplates')} />
        ) : (
          <>
            {template.description && <Typography.Paragraph type="secondary">{template.description}</Typography.Paragraph>}
            {template.kind === 'leave' && <LeaveBalances />}
            <ApplyForm controls={template.controls} flow={template.flow} submitting={apply.isPending} onSubmit={submit} submitLabel={t('approvals.portal.submit')} />
          </>
        )}
      </Card>
    </Flex>
  );
}
