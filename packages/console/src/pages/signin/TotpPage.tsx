import { secondFactorRequest } from '@orgdesk/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Flex, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { isApiError } from '../../api/client';
import { useErrorReporter } from '../../api/useErrorReporter';
import { goOn, refreshMe, returnPath } from '../../auth/useMe';
import { useSignOut } from '../../auth/useSignOut';
import { zodRule } from '../../components/zodRule';
import { useSecondFactor } from './useSignIn';

type Mode = 'code' | 'recoveryCode';
type TotpForm = { code?: string; recoveryCode?: string };

const [codeSchema, recoverySchema] = secondFactorRequest.options;

export default function TotpPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<TotpForm>();
  const [mode, setMode] = useState<Mode>('code');
  const secondFactor = useSecondFactor();
  const signOut = useSignOut();
  const reportError = useErrorReporter();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const required = { required: true, message: t('validation.required') };

  const submit = (values: TotpForm) => {
    const request = mode === 'code' ? { code: values.code ?? '' } : { recoveryCode: values.recoveryCode?.trim() ?? '' };
    secondFactor.mutate(request, {
      onSuccess: async () => {
        await refreshMe(queryClient);
        goOn(navigate, returnPath(location.state));
      },
      onError: (error) => {
        if (isApiError(error, 'auth.invalid_code')) form.setFields([{ name: mode, errors: [error.message] }]);
        reportError(error);
      },
    });
  };

  const switchMode = (next: Mode) => {
    form.resetFields();
    setMode(next);
  };

  return (
    <>
      <Typography.Title level={3}>{t('auth.totp.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">
        {mode === 'code' ? t('auth.totp.hint') : t('auth.totp.recoveryHint')}
      </Typography.Paragraph>
      <Form<TotpForm> form={form} layout="vertical" onFinish={submit} requiredMark={false} data-testid="totp-form">
        {mode === 'code' ? (
          <Form.Item name="code" label={t('auth.totp.code')} rules={[required, zodRule(codeSchema.shape.code, t('validation.code6'))]}>
            <Input maxLength={6} inputMode="numeric" autoComplete="one-time-code" autoFocus data-testid="totp-code" />
          </Form.Item>
        ) : (
          <Form.Item
            name="recoveryCode"
            label={t('auth.totp.recoveryCode')}
            rules={[required, zodRule(recoverySchema.shape.recoveryCode, t('validation.recoveryCode'))]}
          >
            <Input maxLength={11} autoComplete="off" autoFocus placeholder="xxxxx-xxxxx" data-testid="totp-recovery-code" />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" block loading={secondFactor.isPending} data-testid="totp-submit">
          {t('auth.totp.submit')}
        </Button>
      </Form>
      <Flex justify="space-between" style={{ marginTop: 16 }}>
        {mode === 'code' ? (
          <Button type="link" onClick={() => switchMode('recoveryCode')} data-testid="totp-use-recovery" style={{ padding: 0 }}>
            {t('auth.totp.useRecovery')}
          </Button>
        ) : (
          <Button type="link" onClick={() => switchMode('code')} data-testid="totp-use-code" style={{ padding: 0 }}>
            {t('auth.totp.useCode')}
          </Button>
        )}
        <Button type="link" onClick={() => signOut.mutate()} data-testid="totp-other-account" style={{ padding: 0 }}>
          {t('auth.totp.otherAccount')}
        </Button>
      </Flex>
    </>
  );
}
