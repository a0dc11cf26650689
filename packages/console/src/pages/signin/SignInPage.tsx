import { signInRequest } from '@orgdesk/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Collapse, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import type { SignInRequest, SignInResponse } from '../../api/types';
import { topLevelFields, useErrorReporter } from '../../api/useErrorReporter';
import { goOn, isOAuthReturn, refreshMe, returnPath, useMe } from '../../auth/useMe';
import { PageSpin } from '../../components/PageSpin';
import { zodRule } from '../../components/zodRule';
import { ChooseCorp } from './ChooseCorp';
import { useSignIn } from './useSignIn';

type Corps = NonNullable<SignInResponse['corps']>;
const formFields = topLevelFields('login', 'password', 'corpId');

export default function SignInPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<SignInRequest>();
  const [choice, setChoice] = useState<{ request: SignInRequest; corps: Corps } | null>(null);
  const me = useMe();
  const signIn = useSignIn();
  const reportError = useErrorReporter();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const required = { required: true, message: t('validation.required') };

  if (me.isPending) return <PageSpin />;
  const target = returnPath(location.state, location.search);
  if (me.data?.stage === 'full') {
    if (isOAuthReturn(target)) {
      goOn(navigate, target);
      return <PageSpin />;
    }
    return <Navigate to={target} replace />;
  }

  const submit = (values: SignInRequest) => {
    const request = { ...values, corpId: values.corpId?.trim() || undefined };
    signIn.mutate(request, {
      onSuccess: async ({ next, corps }) => {
        if (next === 'choose_corp') {
          setChoice({ request, corps: corps ?? [] });
          return;
        }
        setChoice(null);
        await refreshMe(queryClient);
        // A member signed in with the password alone goes on to where they were headed ('/' sends them to the portal).
        if (next === 'done') return goOn(navigate, target);
        const path = next === 'totp' ? '/sign-in/totp' : '/sign-in/enroll';
        void navigate(path, { replace: true, state: { from: target } });
      },
      onError: (error) => reportError(error, form, formFields),
    });
  };

  if (choice) {
    return (
      <ChooseCorp
        corps={choice.corps}
        pending={signIn.isPending}
        onChoose={(corpId) => submit({ ...choice.request, corpId })}
        onBack={() => setChoice(null)}
      />
    );
  }

  return (
    <>
      <Typography.Title level={3}>{t('auth.signIn.title')}</Typography.Title>
      <Form<SignInRequest> form={form} layout="vertical" onFinish={submit} requiredMark={false} data-testid="signin-form">
        <Form.Item name="login" label={t('auth.signIn.login')} rules={[required]}>
          <Input autoComplete="username" autoFocus data-testid="signin-login" />
        </Form.Item>
        <Form.Item name="password" label={t('auth.signIn.password')} rules={[required]}>
          <Input.Password autoComplete="current-password" data-testid="signin-password" />
        </Form.Item>
        <Collapse
          ghost
          size="small"
          style={{ marginBottom: 16 }}
          items={[
            {
              key: 'corp',
              label: <span data-testid="signin-corp-toggle">{t('auth.signIn.corpToggle')}</span>,
              children: (
                <Form.Item
                  name="corpId"
                  label={t('auth.signIn.corpId')}
                  extra={t('auth.signIn.corpIdHelp')}
                  rules={[zodRule(signInRequest.shape.corpId, t('validation.corpId'))]}
                >
                  <Input placeholder="ww0123456789abcdef" data-testid="signin-corpid" />
                </Form.Item>
              ),
            },
          ]}
        />
        <Button type="primary" htmlType="submit" block loading={signIn.isPending} data-testid="signin-submit">
          {t('auth.signIn.submit')}
        </Button>
      </Form>
      <Typography.Paragraph style={{ marginTop: 16, textAlign: 'center' }}>
        {t('auth.signIn.noCorp')} <Link to="/register" data-testid="signin-to-register">{t('auth.signIn.register')}</Link>
      </Typography.Paragraph>
    </>
  );
}
