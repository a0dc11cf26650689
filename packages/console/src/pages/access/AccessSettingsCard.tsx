import { accessSettingsSchema, MAX_SUPER_ADMINS_LIMIT, type AccessSettings } from '@orgdesk/contracts';
import { App, Button, Card, Form, InputNumber } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { topLevelFields, useErrorReporter } from '../../api/useErrorReporter';
import { useMyAccess } from '../../auth/useMyAccess';
import { LoadFailed } from '../../components/LoadFailed';
import { zodRule } from '../../components/zodRule';
import { useAccessSettings, useSaveAccessSettings } from './useAccessSettings';

const formFields = topLevelFields('maxSuperAdmins');

/** 超级管理员人数上限: shown to everyone who sees 权限管理, changed only by a super admin. */
export function AccessSettingsCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<AccessSettings>();
  const settings = useAccessSettings();
  const save = useSaveAccessSettings();
  const reportError = useErrorReporter();
  const superAdmin = useMyAccess().data?.superAdmin ?? false;
  const value = settings.data?.maxSuperAdmins;

  useEffect(() => {
    if (value !== undefined) form.setFieldsValue({ maxSuperAdmins: value });
  }, [value, form]);

  const submit = (values: AccessSettings) =>
    save.mutate(values, {
      onSuccess: () => void message.success(t('access.settings.saved')),
      onError: (error) => reportError(error, form, formFields),
    });

  return (
    <Card title={t('access.settings.title')} loading={settings.isPending} data-testid="access-settings">
      {settings.isError ? (
        <LoadFailed error={settings.error} onRetry={() => void settings.refetch()} />
      ) : (
        <Form<AccessSettings> form={form} layout="inline" onFinish={submit} requiredMark={false} style={{ rowGap: 12 }}>
          <Form.Item
            name="maxSuperAdmins"
            label={t('access.settings.maxSuperAdmins')}
            extra={superAdmin ? t('access.settings.maxSuperAdminsHelp') : t('access.settings.onlySuperAdmin')}
            rules={[{ required: true, message: t('validation.required') }, zodRule(accessSettingsSchema.shape.maxSuperAdmins, t('access.settings.range'))]}
          >
            <InputNumber min={1} max={MAX_SUPER_ADMINS_LIMIT} precision={0} disabled={!superAdmin} data-testid="access-settings-max" />
          </Form.Item>
          {superAdmin && (
            <Form.Item>
              <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="access-settings-save">
                {t('common.save')}
              </Button>
            </Form.Item>
          )}
        </Form>
      )}
    </Card>
  );
}
