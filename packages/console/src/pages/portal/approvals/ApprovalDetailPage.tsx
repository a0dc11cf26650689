import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Spin } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { LoadFailed } from '../../../components/LoadFailed';
import { ApprovalView } from '../../approvals/shared/ApprovalView';
import { ActionModal, type ModalAction } from './ActionModal';
import { useApproval } from './useApprovals';

/** One request in the portal: everything about it, and the buttons for what the member may do now (`can`). */
export default function ApprovalDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const detail = useApproval(id);
  const [action, setAction] = useState<ModalAction | null>(null);

  if (detail.isError) return <LoadFailed error={detail.error} onRetry={() => void detail.refetch()} />;
  if (!detail.data) return <Spin />;
  const request = detail.data;
  const { can } = request;
  const button = (name: ModalAction, primary = false, danger = false) => (
    <Button key={name} type={primary ? 'primary' : 'default'} danger={danger} onClick={() => setAction(name)} data-testid={`action-${name}`}>
      {t(`approvals.action.${name}`)}
    </Button>
  );
  const buttons = [
    ...(can.decide ? [button('approve', true), button('reject', false, true), button('return'), button('transfer'), button('addApprovers')] : []),
    ...(can.resubmit
      ? [
          <Button key="resubmit" type="primary" onClick={() => void navigate(`/portal/approvals/${id}/resubmit`)} data-testid="action-resubmit">
            {t('approvals.action.resubmit')}
          </Button>,
        ]
      : []),
    ...(can.urge ? [button('urge')] : []),
    ...(can.withdraw ? [button('withdraw', false, true)] : []),
    ...(can.delete ? [button('delete', false, true)] : []),
    ...(can.comment ? [button('comment')] : []),
  ];

  return (
    <Flex vertical gap="middle" style={{ maxWidth: 920 }} data-testid="approval-detail">
      <Link to="/portal/approvals" data-testid="approval-back">
        <ArrowLeftOutlined /> {t('approvals.portal.back')}
      </Link>
      <Card title={<span data-testid="approval-name">{request.name}</span>} extra={<Flex gap="small" wrap data-testid="approval-actions">{buttons}</Flex>}>
        <ApprovalView detail={request} filesBase={`/api/v1/portal/approvals/${request.id}/files`} />
      </Card>
      {action && <ActionModal detail={request} action={action} onClose={() => setAction(null)} />}
    </Flex>
  );
}
