import { memberEditableFieldOptions } from '@orgdesk/contracts';
import { App, Alert, Button, Card, Checkbox, Divider, Form, Select } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorReporter } from '../../../api/useErrorReporter';
import { LoadFailed } from '../../../components/LoadFailed';
import { supportedLanguages } from '../../../i18n';
import { useCorp, useSaveCorpSettings } from '../useCorp';
import { settingsFieldName, toSettingsForm, toSettingsRequest, weekdays, type SettingsForm } from './calendarForm';
import { DateListField } from './DateListField';
import { HoursRangeList } from './HoursRangeList';
import { TimezoneSelect } from './TimezoneSelect';

export default function CorpSettingsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<SettingsForm>();
  const corp = useCorp();
  const save = useSaveCorpSettings();
  const reportError = useErrorReporter();
  const settings = corp.data?.settings;

  useEffect(() => {
    if (settings) form.setFieldsValue(toSettingsForm(settings));
  }, [settings, form]);

  if (corp.isError) return <LoadFailed error={corp.error} onRetry={() => void corp.refetch()} />;

  const submit = (values: SettingsForm) =>
    save.mutate(toSettingsRequest(values), {
      onSuccess: () => void message.success(t('settings.saved')),
      onError: (error) => reportError(error, form, settingsFieldName),
    });

  const noConflict = {
    validator: async (_rule: unknown, makeupWorkdays: string[] | undefined) => {
      const holidays: string[] = form.getFieldValue(['calendar', 'holidays']) ?? [];
      const both = (makeupWorkdays ?? []).filter((day) => holidays.includes(day));
      if (both.length) throw new Error(t('validation.dateConflict', { dates: both.join(t('common.separator')) }));
    },
  };

  return (
    <Card title={t('settings.title')} loading={corp.isPending}>
      <Form<SettingsForm> form={form} layout="vertical" onFinish={submit} requiredMark={false} style={{ maxWidth: 720 }} data-testid="settings-form">
        <Divider titlePlacement="start">{t('settings.general')}</Divider>
        <Form.Item name={['calendar', 'timezone']} label={t('settings.timezone')} rules={[{ required: true, message: t('validation.required') }]}>
          <TimezoneSelect data-testid="settings-timezone" style={{ maxWidth: 360 }} />
        </Form.Item>
        <Form.Item name="defaultLanguage" label={t('settings.language')}>
          <Select
            data-testid="settings-language"
            style={{ maxWidth: 360 }}
            options={supportedLanguages.map((language) => ({ value: language, label: t(`language.${language}`) }))}
            optionRender={(option) => <span data-testid={`settings-language-option-${String(option.value)}`}>{option.label}</span>}
          />
        </Form.Item>

        <Divider titlePlacement="start">{t('settings.calendar')}</Divider>
        <Form.Item name={['calendar', 'workingDays']} label={t('settings.workingDays')}>
          <Checkbox.Group<number>
            data-testid="settings-working-days"
            options={weekdays.map((day) => ({ value: day, label: <span data-testid={`settings-day-${day}`}>{t(`weekday.${day}`)}</span> }))}
          />
        </Form.Item>
        <Form.Item label={t('settings.workingHours')} required>
          <Alert type="info" showIcon title={t('settings.hoursHelp')} style={{ marginBottom: 12 }} />
          <HoursRangeList />
        </Form.Item>
        <Form.Item name={['calendar', 'holidays']} label={t('settings.holidays')} extra={t('settings.holidaysHelp')}>
          <DateListField testId="settings-holidays" />
        </Form.Item>
        <Form.Item
          name={['calendar', 'makeupWorkdays']}
          label={t('settings.makeupWorkdays')}
          extra={t('settings.makeupHelp')}
          dependencies={[['calendar', 'holidays']]}
          rules={[noConflict]}
        >
          <DateListField testId="settings-makeup" />
        </Form.Item>

        <Divider titlePlacement="start">{t('settings.memberPortal')}</Divider>
        <Form.Item name="memberTotpRequired" label={t('settings.memberTotp')} valuePropName="checked" extra={t('settings.memberTotpHelp')}>
          <Checkbox data-testid="settings-member-totp">{t('settings.memberTotpRequired')}</Checkbox>
        </Form.Item>
        <Form.Item name="memberEditableFields" label={t('settings.memberEditableFields')} extra={t('settings.memberEditableHelp')}>
          <Checkbox.Group
            data-testid="settings-member-fields"
            options={memberEditableFieldOptions.map((field) => ({
              value: field,
              label: <span data-testid={`settings-member-field-${field}`}>{t(`settings.memberField.${field}`)}</span>,
            }))}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending} disabled={!settings} data-testid="settings-save">
          {t('common.save')}
        </Button>
      </Form>
    </Card>
  );
}
