import { appSecretResetRequest } from '@orgdesk/contracts';
import { Button, Flex, Form, Input, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { useErrorReporter } from '../../api/useErrorReporter';
import { zodRule } from '../../components/zodRule';

interface Props {
  open: boolean;
  title?: string;
  loading: boolean;
  /** Sends the code; rejects with the server's error (a wrong code shows on the field). */
  onSubmit: (code: string) => Promise<unknown>;
  onCancel: () => void;
}

/** Asks for the admin's current authenticator code before a secret is made. */
export function CodeModal({ open, title, loading, onSubmit, onCancel }: Props) {
  const { t } = useTranslation();
  return (
    <Modal open={open} title={title ?? t('apps.secret.codeTitle')} onCancel={onCancel} footer={null} destroyOnHidden width={440}>
      <CodeForm loading={loading} onSubmit={onSubmit} onCancel={onCancel} />
    </Modal>
  );
}

function CodeForm({ loading, onSubmit, onCancel }: Omit<Props, 'open' | 'title'>) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ code: string }>();
  const reportError = useErrorReporter();

  const submit = async ({ code }: { code: string }) => {
    try {
      await onSubmit(code.trim());
    } catch (error) {
      if (isApiError(error, 'auth.invalid_code')) form.setFields([{ name: 'code', errors: [error.message] }]);
      reportError(error);
    }
  };

  return (
    <Form<{ code: string }> form={form} layout="vertical" requiredMark={false} onFinish={(values) => void submit(values)} data-testid="app-code-form">
      <Typography.Paragraph type="secondary">{t('apps.secret.codeHint')}</Typography.Paragraph>
      <Form.Item name="code" label={t('apps.secret.code')} rules={[{ required: true, message: t('validation.required') }, zodRule(appSecretResetRequest.shape.code, t('validation.code6'))]}>
        <Input maxLength={6} inputMode="numeric" autoComplete="one-time-code" autoFocus data-testid="app-code" />
      </Form.Item>
      <Flex justify="end" gap="small">
        <Button onClick={onCancel}>{t('common.cancel')}</Button>
        <Button type="primary" danger htmlType="submit" loading={loading} data-testid="app-code-submit">
          {t('apps.secret.submit')}
        </Button>
      </Flex>
    </Form>
  );
}
