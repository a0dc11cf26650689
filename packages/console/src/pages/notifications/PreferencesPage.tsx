import { emailModes, type EmailMode } from '@orgdesk/contracts';
import { App, Button, Card, Form, Radio, Select, Space, Switch, TimePicker, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { topLevelFields } from '../../api/useErrorReporter';
import { useErrorReporter } from '../../api/useErrorReporter';
import { LoadFailed } from '../../components/LoadFailed';
import { PageSpin } from '../../components/PageSpin';
import { TimezoneSelect } from '../corp/settings/TimezoneSelect';
import { usePreferences, useSavePreferences, type NotificationPreferences } from './useNotifications';

interface Values {
  quietOn: boolean;
  quietStart: Dayjs | null;
  quietEnd: Dayjs | null;
  timeZone: string | null;
  mutedAppIds: string[];
  emailMode: EmailMode;
}

const toTime = (hhmm: string | undefined) => (hhmm ? dayjs(`2000-01-01T${hhmm}`) : null);

/** A member's own notification rules: quiet hours, their time zone, muted apps, how notices reach them by email. */
export default function PreferencesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reportError = useErrorReporter();
  const view = usePreferences();
  const save = useSavePreferences();
  const [form] = Form.useForm<Values>();
  const quietOn = Form.useWatch('quietOn', form);
  const data = view.data;

  useEffect(() => {
    if (!data) return;
    const p = data.preferences;
    form.setFieldsValue({ quietOn: p.quietHours !== null, quietStart: toTime(p.quietHours?.start ?? '22:00'), quietEnd: toTime(p.quietHours?.end ?? '08:00'), timeZone: p.timeZone, mutedAppIds: p.mutedAppIds, emailMode: p.emailMode });
  }, [data, form]);

  if (view.isError) return <LoadFailed error={view.error} onRetry={() => void view.refetch()} />;
  if (!data) return <PageSpin />;

  const submit = (values: Values) => {
    const quietHours = values.quietOn && values.quietStart && values.quietEnd ? { start: values.quietStart.format('HH:mm'), end: values.quietEnd.format('HH:mm') } : null;
    const preferences: NotificationPreferences = { quietHours, timeZone: values.timeZone ?? null, mutedAppIds: values.mutedAppIds, emailMode: values.emailMode };
    save.mutate(preferences, {
      onSuccess: () => void message.success(t('notifications.preferences.saved')),
      onError: (error) => reportError(error, form, (path) => (path.startsWith('quietHours') ? ['quietEnd'] : topLevelFields('timeZone', 'mutedAppIds', 'emailMode')(path)?.slice(0, 1) ?? null)),
    });
  };

  return (
    <Card title={t('notifications.preferences.title')} style={{ maxWidth: 720 }} data-testid="notification-preferences">
      <Typography.Paragraph type="secondary">{t('notifications.preferences.hint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item label={t('notifications.preferences.quietHours')} extra={t('notifications.preferences.quietHoursHint')}>
          <Space wrap>
            <Form.Item name="quietOn" valuePropName="checked" noStyle>
              <Switch data-testid="pref-quiet-on" />
            </Form.Item>
            <Form.Item name="quietStart" noStyle>
              <TimePicker format="HH:mm" minuteStep={5} disabled={!quietOn} placeholder={t('notifications.preferences.start')} allowClear={false} />
            </Form.Item>
            <span>–</span>
            <Form.Item name="quietEnd" noStyle>
              <TimePicker format="HH:mm" minuteStep={5} disabled={!quietOn} placeholder={t('notifications.preferences.end')} allowClear={false} />
            </Form.Item>
          </Space>
        </Form.Item>
        <Form.Item name="timeZone" label={t('notifications.preferences.timeZone')} extra={t('notifications.preferences.timeZoneHint', { zone: data.calendarTimeZone })}>
          <TimezoneSelect allowClear placeholder={t('notifications.preferences.followCorp', { zone: data.calendarTimeZone })} style={{ maxWidth: 320 }} data-testid="pref-timezone" />
        </Form.Item>
        <Form.Item name="mutedAppIds" label={t('notifications.preferences.mutedApps')} extra={t('notifications.preferences.mutedAppsHint')}>
          <Select mode="multiple" options={data.apps.map((a) => ({ value: a.id, label: a.name }))} style={{ maxWidth: 480 }} data-testid="pref-muted-apps" />
        </Form.Item>
        <Form.Item name="emailMode" label={t('notifications.preferences.email')} extra={t('notifications.preferences.emailHint')}>
          <Radio.Group options={emailModes.map((mode) => ({ value: mode, label: t(`notifications.preferences.emailModes.${mode}`) }))} data-testid="pref-email-mode" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="pref-save">
          {t('notifications.preferences.save')}
        </Button>
      </Form>
    </Card>
  );
}
