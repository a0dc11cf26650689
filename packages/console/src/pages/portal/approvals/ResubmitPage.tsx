import { ArrowLeftOutlined } from '@ant-design/icons';
import { App, Card, Flex, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { LoadFailed } from '../../../components/LoadFailed';
import { ApplyForm, type ApplyValues } from './ApplyForm';
import { useIntentKey } from './intentKey';
import { LeaveBalances } from './LeaveBalances';
import { useApproval, useApprovalAction } from './useApprovals';

/** 重新提交: a returned request's form, prefilled with what was submitted, sent again along the same route. */
export default function ResubmitPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const detail = useApproval(id);
  const action = useApprovalAction(id);
  const [key, renewKey] = useIntentKey();

  if (detail.isError) return <LoadFailed error={detail.error} onRetry={() => void detail.refetch()} />;
  if (!detail.data) return <Spin />;
  const request = detail.data;

  const submit = async (values: ApplyValues) => {
    await action.mutateAsync({ path: 'resubmit', body: { form: values.form, comment: '', key } });
    renewKey();
    void message.success(t('approvals.portal.resubmitted'));
    void navigate(`/portal/approvals/${id}`);
  };

  return (
    <Flex vertical gap="middle" style={{ maxWidth: 920 }}>
      <Link to={`/portal/approvals/${id}`} data-testid="resubmit-back">
        <ArrowLeftOutlined /> {request.name}
      </Link>
      <Card title={<span data-testid="apply-title">{`${t('approvals.portal.resubmitTitle')} · ${request.name}`}</span>}>
        {request.kind === 'leave' && <LeaveBalances />}
        <ApplyForm controls={request.controls} flow={[]} initialForm={request.form} submitting={action.isPending} onSubmit={submit} submitLabel={t('approvals.action.resubmit')} />
      </Card>
    </Flex>
  );
}
