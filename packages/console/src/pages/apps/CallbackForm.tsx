import { appCallbackRequest, type App as AppRecord } from '@orgdesk/contracts';
import { App, Button, Flex, Form, Input, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { topLevelFields, useErrorReporter } from '../../api/useErrorReporter';
import { zodRule } from '../../components/zodRule';
import { randomAlphanumeric } from './randomKey';
import { useSetCallback } from './useApps';

interface CallbackValues {
  url: string;
  token: string;
  encodingAesKey: string;
}

const fieldPath = topLevelFields('url', 'token', 'encodingAesKey');

/** A failed handshake says why on the URL field: the refusal in the UI language, then the server's reason. */
function localizeReasons(error: unknown): unknown {
  if (!(error instanceof ApiError) || error.code !== 'apps.callback_unverified') return error;
  const fields = error.fields.map((field) => ({ ...field, reason: `${error.message}: ${field.reason}` }));
  return new ApiError(error.status, error.code, error.message, fields, error.retryAfterSeconds);
}

/** 接收消息's form: URL, Token and EncodingAESKey (each key with a generate button, as WeCom's console has). */
export function CallbackForm({ app, onSaved, onCancel }: { app: AppRecord; onSaved: () => void; onCancel?: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<CallbackValues>();
  const save = useSetCallback();
  const reportError = useErrorReporter();

  const generate = (name: 'token' | 'encodingAesKey', length: number) => {
    form.setFieldValue(name, randomAlphanumeric(length));
    void form.validateFields([name]);
  };

  const submit = (values: CallbackValues) =>
    save.mutate(
      { id: app.id, input: { url: values.url.trim(), token: values.token, encodingAesKey: values.encodingAesKey } },
      {
        onSuccess: () => {
          void message.success(t('apps.callback.saved'));
          onSaved();
        },
        onError: (error) => reportError(localizeReasons(error), form, fieldPath),
      },
    );

  return (
    <Form<CallbackValues>
      form={form}
      layout="vertical"
      requiredMark={false}
      style={{ maxWidth: 720 }}
      initialValues={{ url: app.callback?.url ?? '', token: '', encodingAesKey: '' }}
      onFinish={submit}
      data-testid="app-callback-form"
    >
      <Form.Item name="url" label={t('apps.callback.url')} rules={[{ required: true, message: t('validation.required') }, zodRule(appCallbackRequest.shape.url, t('apps.callback.urlRule'))]}>
        <Input placeholder="https://" maxLength={512} data-testid="app-callback-url" />
      </Form.Item>
      <Form.Item label={t('apps.callback.token')} required>
        <Space.Compact style={{ width: '100%' }}>
          <Form.Item name="token" noStyle rules={[{ required: true, message: t('validation.required') }, zodRule(appCallbackRequest.shape.token, t('apps.callback.tokenRule'))]}>
            <Input maxLength={32} autoComplete="off" data-testid="app-callback-token" />
          </Form.Item>
          <Button onClick={() => generate('token', 32)} data-testid="app-callback-token-generate">
            {t('apps.callback.generate')}
          </Button>
        </Space.Compact>
      </Form.Item>
      <Form.Item label={t('apps.callback.aesKey')} required>
        <Space.Compact style={{ width: '100%' }}>
          <Form.Item name="encodingAesKey" noStyle rules={[{ required: true, message: t('validation.required') }, zodRule(appCallbackRequest.shape.encodingAesKey, t('apps.callback.aesKeyRule'))]}>
            <Input maxLength={43} autoComplete="off" data-testid="app-callback-aes-key" />
          </Form.Item>
          <Button onClick={() => generate('encodingAesKey', 43)} data-testid="app-callback-aes-key-generate">
            {t('apps.callback.generate')}
          </Button>
        </Space.Compact>
      </Form.Item>
      <Flex justify="end" gap="small">
        {onCancel && (
          <Button onClick={onCancel} data-testid="app-callback-cancel">
            {t('common.cancel')}
          </Button>
        )}
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="app-callback-submit">
          {t('apps.callback.submit')}
        </Button>
      </Flex>
    </Form>
  );
}
