import { App, Form, Input, Modal, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useErrorReporter } from '../../api/useErrorReporter';
import { usePayoutAction } from './usePayouts';

/** Asks why before cancelling a payout or marking it failed: the reason is kept with it and in the audit log. */
export function ReasonModal({ action, payoutId, onClose }: { action: 'cancel' | 'fail'; payoutId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reportError = useErrorReporter();
  const [form] = Form.useForm<{ reason: string }>();
  const mutation = usePayoutAction(action);
  const submit = ({ reason }: { reason: string }) =>
    mutation.mutate(
      { id: payoutId, reason: reason.trim() },
      {
        onSuccess: () => {
          void message.success(t('payouts.reasonModal.done'));
          onClose();
        },
        onError: (error) => reportError(error, form, (path) => (path === 'reason' ? ['reason'] : null)),
      },
    );
  return (
    <Modal
      open
      title={t(action === 'cancel' ? 'payouts.reasonModal.cancelTitle' : 'payouts.reasonModal.failTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={mutation.isPending}
      okButtonProps={{ danger: true, 'data-testid': 'reason-submit' } as ButtonProps}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" requiredMark={false} onFinish={submit}>
        <Form.Item name="reason" label={t('payouts.reasonModal.reason')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
          <Input.TextArea maxLength={200} showCount autoSize={{ minRows: 2, maxRows: 4 }} data-testid="reason-input" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
