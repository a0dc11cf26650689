import { appCreateRequest, trustedDomainSchema, type App as AppRecord, type VisibleRange } from '@orgdesk/contracts';
import { App, Button, Flex, Form, Input, type FormRule } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { useErrorReporter, type FieldPathMapper } from '../../api/useErrorReporter';
import { zodRule } from '../../components/zodRule';
import { toLines } from './appDisplay';
import { useUpdateApp, type AppUpdate } from './useApps';
import { VisibleRangeField } from './VisibleRangeField';

interface SettingsValues {
  name: string;
  description: string;
  homeUrl: string;
  visibleRange: VisibleRange;
  trustedDomains: string;
  trustedIps: string;
}

const formFieldNames = ['name', 'description', 'homeUrl', 'visibleRange', 'trustedDomains', 'trustedIps'];
/** A server path ('trustedIps.2', 'visibleRange.userids') belongs to the form field it starts with. */
const fieldPath: FieldPathMapper = (path) => {
  const first = path.split('.')[0] ?? '';
  return formFieldNames.includes(first) ? [first] : null;
};

/** A refusal with its own code (a trusted IP that is not one) says so in the UI language, naming the entry. */
function localizeReasons(error: unknown): unknown {
  if (!(error instanceof ApiError) || error.code === 'common.validation_failed') return error;
  const fields = error.fields.map((field) => ({ ...field, reason: `${error.message}: ${field.reason.split(': ').pop() ?? ''}` }));
  return new ApiError(error.status, error.code, error.message, fields, error.retryAfterSeconds);
}

/** 应用设置: what an admin edits on an app; the directory-sync app has only its trusted IPs here. */
export function AppSettingsForm({ app, disabled }: { app: AppRecord; disabled: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<SettingsValues>();
  const update = useUpdateApp();
  const reportError = useErrorReporter();
  const custom = app.kind === 'custom';

  const domainsRule: FormRule = {
    validator: async (_rule, value: string | undefined) => {
      const lines = toLines(value);
      if (lines.length > 20) throw new Error(t('apps.form.trustedDomainsMax'));
      const bad = lines.filter((line) => !trustedDomainSchema.safeParse(line).success);
      if (bad.length) throw new Error(t('apps.form.trustedDomainsRule', { list: bad.join(t('visibility.listSeparator')) }));
    },
  };
  const ipsRule: FormRule = {
    validator: async (_rule, value: string | undefined) => {
      const lines = toLines(value);
      if (lines.length > 100 || lines.some((line) => line.length > 64)) throw new Error(t('apps.form.trustedIpsRule'));
    },
  };

  const submit = (values: SettingsValues) => {
    const trustedIps = toLines(values.trustedIps);
    const patch: AppUpdate = custom
      ? {
          name: values.name.trim(),
          description: values.description.trim(),
          homeUrl: values.homeUrl.trim() || null,
          visibleRange: values.visibleRange,
          trustedDomains: toLines(values.trustedDomains),
          trustedIps,
        }
      : { trustedIps };
    update.mutate({ id: app.id, patch }, { onSuccess: () => void message.success(t('apps.form.saved')), onError: (error) => reportError(localizeReasons(error), form, fieldPath) });
  };

  return (
    <Form<SettingsValues>
      form={form}
      layout="vertical"
      requiredMark={false}
      disabled={disabled}
      style={{ maxWidth: 720 }}
      initialValues={{
        name: app.name,
        description: app.description,
        homeUrl: app.homeUrl ?? '',
        visibleRange: app.visibleRange,
        trustedDomains: app.trustedDomains.join('\n'),
        trustedIps: app.trustedIps.join('\n'),
      }}
      onFinish={submit}
      data-testid="app-form"
    >
      {custom && (
        <>
          <Form.Item name="name" label={t('apps.form.name')} rules={[{ required: true, message: t('validation.required') }, zodRule(appCreateRequest.shape.name, t('apps.form.nameRule'))]}>
            <Input maxLength={32} showCount data-testid="app-form-name" />
          </Form.Item>
          <Form.Item name="description" label={t('apps.form.description')} rules={[{ max: 120, message: t('validation.maxLength', { max: 120 }) }]}>
            <Input.TextArea maxLength={120} showCount autoSize={{ minRows: 2, maxRows: 4 }} data-testid="app-form-description" />
          </Form.Item>
          <Form.Item name="homeUrl" label={t('apps.form.homeUrl')} rules={[{ pattern: /^https?:\/\/\S+$/, message: t('apps.form.homeUrlRule') }, { max: 512, message: t('apps.form.homeUrlRule') }]}>
            <Input placeholder="https://" data-testid="app-form-home-url" />
          </Form.Item>
          <Form.Item name="visibleRange" label={t('apps.range.mode')}>
            <VisibleRangeField disabled={disabled} testId="app-form-range" />
          </Form.Item>
          <Form.Item name="trustedDomains" label={t('apps.form.trustedDomains')} extra={t('apps.form.trustedDomainsHelp')} rules={[domainsRule]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} placeholder="app.example.com" data-testid="app-form-trusted-domains" />
          </Form.Item>
        </>
      )}
      <Form.Item name="trustedIps" label={t('apps.form.trustedIps')} extra={t('apps.form.trustedIpsHelp')} rules={[ipsRule]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 10 }} placeholder="10.0.0.0/8" data-testid="app-form-trusted-ips" />
      </Form.Item>
      {!disabled && (
        <Flex justify="end">
          <Button type="primary" htmlType="submit" loading={update.isPending} data-testid="app-form-submit">
            {t('common.save')}
          </Button>
        </Flex>
      )}
    </Form>
  );
}
