import { totpConfirmRequest } from '@orgdesk/contracts';
import { Button, Flex, Form, Input, QRCode, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { useErrorReporter } from '../../api/useErrorReporter';
import { LoadFailed } from '../../components/LoadFailed';
import { PageSpin } from '../../components/PageSpin';
import { zodRule } from '../../components/zodRule';
import { useConfirmTotp, useTotpEnrollment } from './useTotpEnrollment';

/** Scan the secret, prove it with one code; the server answers with the recovery codes. */
export function EnrollTotpStep({ onEnrolled }: { onEnrolled: (recoveryCodes: string[]) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ code: string }>();
  const enrollment = useTotpEnrollment();
  const confirm = useConfirmTotp();
  const reportError = useErrorReporter();

  if (enrollment.isPending) return <PageSpin />;
  if (enrollment.isError) return <LoadFailed error={enrollment.error} onRetry={() => void enrollment.refetch()} />;
  const { secret, otpauthUrl } = enrollment.data;

  const submit = ({ code }: { code: string }) =>
    confirm.mutate(code, {
      onSuccess: ({ recoveryCodes }) => onEnrolled(recoveryCodes),
      onError: (error) => {
        if (isApiError(error, 'auth.invalid_code')) form.setFields([{ name: 'code', errors: [error.message] }]);
        reportError(error);
      },
    });

  return (
    <Flex vertical gap="middle">
      <Typography.Text>{t('auth.enroll.scan')}</Typography.Text>
      <Flex justify="center">
        <QRCode value={otpauthUrl} size={200} data-testid="enroll-qrcode" />
      </Flex>
      <Typography.Text type="secondary">{t('auth.enroll.manual')}</Typography.Text>
      <Typography.Text code copyable={{ text: secret }} style={{ fontSize: 16, wordBreak: 'break-all' }}>
        <span data-testid="enroll-secret">{secret}</span>
      </Typography.Text>
      <Typography.Text>{t('auth.enroll.enter')}</Typography.Text>
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} data-testid="enroll-form">
        <Form.Item
          name="code"
          label={t('auth.enroll.code')}
          rules={[
            { required: true, message: t('validation.required') },
            zodRule(totpConfirmRequest.shape.code, t('validation.code6')),
          ]}
        >
          <Input maxLength={6} inputMode="numeric" autoComplete="one-time-code" data-testid="enroll-code" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={confirm.isPending} data-testid="enroll-submit">
          {t('auth.enroll.submit')}
        </Button>
      </Form>
    </Flex>
  );
}
