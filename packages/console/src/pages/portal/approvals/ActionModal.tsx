import type { ApprovalDetail } from '@orgdesk/contracts';
import { App, Form, Input, Modal, Radio, Select, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { topLevelFields, useErrorReporter } from '../../../api/useErrorReporter';
import { PortalMemberSelect } from './controls/pickers';
import { useIntentKey } from './intentKey';
import { useApprovalAction, type ActionPath } from './useApprovals';

/** The actions that open this modal, each with the fields it asks for. */
export type ModalAction = 'approve' | 'reject' | 'return' | 'transfer' | 'addApprovers' | 'withdraw' | 'delete' | 'comment' | 'urge';

interface Values {
  comment?: string;
  to?: string;
  transferTo?: string[];
  userids?: string[];
  mode?: 'any' | 'all' | 'sequential';
}

/** The actions that end or remove the request, shown as dangerous. */
const dangerous: ReadonlySet<ModalAction> = new Set(['reject', 'withdraw', 'delete']);

const paths: Record<ModalAction, ActionPath> = { approve: 'decide', reject: 'decide', return: 'return', transfer: 'transfer', addApprovers: 'add-approvers', withdraw: 'withdraw', delete: 'delete', comment: 'comment', urge: 'urge' };
/** Server paths to the form's fields: `to` of a transfer is its member picker, of a return the step select. */
const fieldPathOf = (action: ModalAction) => (path: string) => (path === 'to' && action === 'transfer' ? ['transferTo'] : topLevelFields('comment', 'to', 'userids', 'mode')(path));

/** What the API takes for an action, from the modal's values. */
function bodyOf(action: ModalAction, values: Values): Record<string, unknown> {
  const comment = values.comment?.trim() ?? '';
  switch (action) {
    case 'approve':
    case 'reject':
      return { decision: action, comment };
    case 'return':
      return { to: values.to, comment };
    case 'transfer':
      return { to: values.transferTo?.[0], comment };
    case 'addApprovers':
      return { userids: values.userids, mode: values.mode ?? 'any', comment };
    default:
      return { comment };
  }
}

/** One action on a request, confirmed in a modal with its comment; the modal keeps one idempotency key while open. */
export function ActionModal({ detail, action, onClose }: { detail: ApprovalDetail; action: ModalAction; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const run = useApprovalAction(detail.id);
  const reportError = useErrorReporter();
  // Mounted per opening (destroyOnHidden): this key stands for this one intent, and is reused if it is retried.
  const [key] = useIntentKey();
  const title = t(`approvals.action.${action}`);

  const submit = (values: Values) =>
    run.mutate(
      { path: paths[action], body: { ...bodyOf(action, values), key } },
      {
        onSuccess: () => {
          void message.success(action === 'urge' ? t('approvals.action.urged') : t('approvals.action.done'));
          // A deleted request has left 我发起的: back to the list rather than a page about it.
          if (action === 'delete') void navigate('/portal/approvals');
          else onClose();
        },
        onError: (error) => reportError(error, form, fieldPathOf(action)),
      },
    );

  return (
    <Modal open title={title} onCancel={onClose} onOk={() => form.submit()} okText={title} okButtonProps={{ loading: run.isPending, danger: dangerous.has(action), 'data-testid': 'action-confirm' } as ButtonProps} destroyOnHidden data-testid="action-modal">
      <Form<Values> form={form} layout="vertical" initialValues={{ to: 'applicant', mode: 'any' }} onFinish={submit}>
        {action === 'withdraw' && <p>{t('approvals.action.withdrawConfirm')}</p>}
        {action === 'delete' && <p>{t('approvals.action.deleteConfirm')}</p>}
        {action === 'return' && (
          <Form.Item name="to" label={t('approvals.action.returnTo')} rules={[{ required: true, message: t('validation.required') }]}>
            <Select
              options={[{ value: 'applicant', label: t('approvals.action.toApplicant') }, ...detail.can.returnTo.map((step) => ({ value: step.stepId, label: step.name }))]}
              data-testid="action-return-to"
            />
          </Form.Item>
        )}
        {action === 'transfer' && (
          <Form.Item name="transferTo" label={t('approvals.action.transferTo')} rules={[{ required: true, message: t('validation.required') }]}>
            <PortalMemberSelect multi={false} testId="action-transfer-to" />
          </Form.Item>
        )}
        {action === 'addApprovers' && (
          <>
            <Form.Item name="userids" label={t('approvals.action.addUserids')} rules={[{ required: true, message: t('validation.required') }]}>
              <PortalMemberSelect multi testId="action-add-userids" />
            </Form.Item>
            <Form.Item name="mode" label={t('approvals.action.addMode')}>
              <Radio.Group options={(['any', 'all', 'sequential'] as const).map((mode) => ({ value: mode, label: t(`approvals.mode.${mode}`) }))} />
            </Form.Item>
          </>
        )}
        <Form.Item
          name="comment"
          label={action === 'comment' ? t('approvals.action.commentRequired') : t('approvals.action.commentLabel')}
          rules={action === 'comment' ? [{ required: true, whitespace: true, message: t('validation.required') }] : []}
        >
          <Input.TextArea maxLength={1000} showCount autoSize={{ minRows: 3, maxRows: 8 }} data-testid="action-comment" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
