import { Alert, Button, Card, Flex, Form, Input, Layout, Result, Spin, Typography } from 'antd';
import { passwordSchema } from '@orgdesk/contracts';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { topLevelFields, useErrorReporter } from '../../api/useErrorReporter';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { zodRule } from '../../components/zodRule';
import { useActivate, useActivationInfo } from './usePortal';

interface ActivationForm {
  password: string;
  confirm: string;
}

/** Where an invitation link lands: greets the member, sets their password, activates the account. */
export default function ActivatePage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token');
  const info = useActivationInfo(token);
  const activate = useActivate();
  const reportError = useErrorReporter();
  const [form] = Form.useForm<ActivationForm>();

  const submit = ({ password }: ActivationForm) => {
    if (!token) return;
    activate.mutate({ token, password }, { onError: (error) => reportError(error, form, topLevelFields('password')) });
  };

  let body;
  if (!token) body = <Alert type="error" showIcon title={t('portal.activate.missing')} data-testid="activate-error" />;
  else if (info.isPending) body = <Spin />;
  else if (info.isError) body = <Alert type="error" showIcon title={info.error.message} data-testid="activate-error" />;
  else if (activate.isSuccess)
    body = (
      <Result
        status="success"
        title={t('portal.activate.done')}
        extra={
          <Link to="/sign-in" data-testid="activate-to-sign-in">
            <Button type="primary">{t('portal.activate.toSignIn')}</Button>
          </Link>
        }
        data-testid="activate-done"
      />
    );
  else
    body = (
      <>
        <Typography.Title level={4} data-testid="activate-greeting">
          {t('portal.activate.greeting', { name: info.data.name, corp: info.data.corpName })}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('portal.activate.hint')}</Typography.Paragraph>
        <Form<ActivationForm> form={form} layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item label={t('portal.activate.userid')}>
            <Input value={info.data.userid} disabled />
          </Form.Item>
          <Form.Item name="password" label={t('portal.activate.password')} rules={[{ required: true, message: t('validation.required') }, zodRule(passwordSchema, t('validation.password'))]}>
            <Input.Password autoComplete="new-password" data-testid="activate-password" />
          </Form.Item>
          <Form.Item
            name="confirm"
            label={t('portal.activate.confirm')}
            dependencies={['password']}
            rules={[
              { required: true, message: t('validation.required') },
              ({ getFieldValue }) => ({ validator: (_, value) => (value === getFieldValue('password') ? Promise.resolve() : Promise.reject(new Error(t('validation.passwordMismatch')))) }),
            ]}
          >
            <Input.Password autoComplete="new-password" data-testid="activate-confirm" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={activate.isPending} data-testid="activate-submit">
            {t('portal.activate.submit')}
          </Button>
        </Form>
      </>
    );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ background: '#fff', paddingInline: 24 }}>
        <Flex align="center" justify="space-between" style={{ height: '100%' }}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('common.appName')} · {t('portal.activate.title')}
          </Typography.Title>
          <LanguageSwitch />
        </Flex>
      </Layout.Header>
      <Layout.Content>
        <Flex justify="center" style={{ padding: '48px 16px' }}>
          <Card style={{ width: '100%', maxWidth: 480 }}>{body}</Card>
        </Flex>
      </Layout.Content>
    </Layout>
  );
}
