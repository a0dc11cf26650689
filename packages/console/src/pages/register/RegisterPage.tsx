import { mobileSchema, passwordSchema, registrationRequest } from '@orgdesk/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Divider, Flex, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { isApiError } from '../../api/client';
import type { RegistrationRequest } from '../../api/types';
import { topLevelFields, useErrorReporter } from '../../api/useErrorReporter';
import { refreshMe } from '../../auth/useMe';
import { IndustrySelect, SizeSelect } from '../../components/CorpProfileSelects';
import { zodRule } from '../../components/zodRule';
import { SmsCodeButton } from './SmsCodeButton';
import { useRegistration } from './useRegistration';

type RegisterForm = Omit<RegistrationRequest, 'verificationId'> & { mobile: string; passwordConfirm: string };

const shape = registrationRequest.shape;
const formFields = topLevelFields('name', 'creditCode', 'industry', 'size', 'adminName', 'code', 'password', 'mobile');

export default function RegisterPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<RegisterForm>();
  const [verificationId, setVerificationId] = useState<string | null>(null);
  const registration = useRegistration();
  const reportError = useErrorReporter();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const required = { required: true, message: t('validation.required') };

  const getMobile = async () => {
    try {
      const { mobile } = await form.validateFields(['mobile']);
      return mobile.trim();
    } catch {
      return null;
    }
  };

  const submit = ({ mobile: _mobile, passwordConfirm: _confirm, ...values }: RegisterForm) => {
    if (!verificationId) {
      form.setFields([{ name: 'code', errors: [t('validation.needSmsCode')] }]);
      return;
    }
    registration.mutate(
      { ...values, verificationId },
      {
        onSuccess: async () => {
          void message.success(t('register.success'));
          await refreshMe(queryClient);
          void navigate('/sign-in/enroll', { replace: true });
        },
        onError: (error) => {
          // These come without field paths but clearly concern one field.
          if (isApiError(error, 'corp.verification_failed')) form.setFields([{ name: 'code', errors: [error.message] }]);
          if (isApiError(error, 'corp.credit_code_invalid') || isApiError(error, 'corp.credit_code_taken')) {
            form.setFields([{ name: 'creditCode', errors: [error.message] }]);
          }
          reportError(error, form, (path) => (path === 'verificationId' ? ['code'] : formFields(path)));
        },
      },
    );
  };

  return (
    <>
      <Typography.Title level={3}>{t('register.title')}</Typography.Title>
      <Form<RegisterForm> form={form} layout="vertical" onFinish={submit} requiredMark={false} data-testid="register-form">
        <Divider titlePlacement="start">{t('register.corpSection')}</Divider>
        <Form.Item name="name" label={t('register.name')} rules={[required, zodRule(shape.name, t('validation.name'))]}>
          <Input maxLength={64} data-testid="register-name" />
        </Form.Item>
        <Form.Item
          name="creditCode"
          label={t('register.creditCode')}
          normalize={(value: string) => value.toUpperCase()}
          rules={[required, zodRule(shape.creditCode, t('validation.creditCode'))]}
        >
          <Input maxLength={18} showCount data-testid="register-credit-code" />
        </Form.Item>
        <Flex gap="middle">
          <Form.Item name="industry" label={t('register.industry')} rules={[required]} style={{ flex: 1 }}>
            <IndustrySelect testId="register-industry" />
          </Form.Item>
          <Form.Item name="size" label={t('register.size')} rules={[required]} style={{ flex: 1 }}>
            <SizeSelect testId="register-size" />
          </Form.Item>
        </Flex>

        <Divider titlePlacement="start">{t('register.adminSection')}</Divider>
        <Form.Item name="adminName" label={t('register.adminName')} rules={[required, zodRule(shape.adminName, t('validation.name'))]}>
          <Input maxLength={64} data-testid="register-admin-name" />
        </Form.Item>
        <Form.Item name="mobile" label={t('register.mobile')} rules={[required, zodRule(mobileSchema, t('validation.mobile'))]}>
          <Input inputMode="tel" autoComplete="tel" data-testid="register-mobile" />
        </Form.Item>
        <Form.Item label={t('register.code')} required>
          <Space.Compact block>
            <Form.Item name="code" noStyle rules={[required, zodRule(shape.code, t('validation.code6'))]}>
              <Input maxLength={6} inputMode="numeric" autoComplete="one-time-code" data-testid="register-code" />
            </Form.Item>
            <SmsCodeButton getMobile={getMobile} onSent={setVerificationId} />
          </Space.Compact>
        </Form.Item>
        <Form.Item name="password" label={t('register.password')} rules={[required, zodRule(passwordSchema, t('validation.password'))]}>
          <Input.Password autoComplete="new-password" data-testid="register-password" />
        </Form.Item>
        <Form.Item
          name="passwordConfirm"
          label={t('register.passwordConfirm')}
          dependencies={['password']}
          rules={[
            required,
            ({ getFieldValue }) => ({
              validator: async (_rule, value: string | undefined) => {
                if (value && value !== getFieldValue('password')) throw new Error(t('validation.passwordMismatch'));
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="register-password-confirm" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={registration.isPending} data-testid="register-submit">
          {t('register.submit')}
        </Button>
      </Form>
      <Typography.Paragraph style={{ marginTop: 16, textAlign: 'center' }}>
        {t('register.haveCorp')} <Link to="/sign-in" data-testid="register-to-signin">{t('register.signIn')}</Link>
      </Typography.Paragraph>
    </>
  );
}
