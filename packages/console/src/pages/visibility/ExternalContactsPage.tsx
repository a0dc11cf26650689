import type { ExternalContactSetting } from '@orgdesk/contracts';
import { Alert, App, Button, Card, Divider, Flex, Form, Radio, Spin, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorReporter, type FieldPathMapper } from '../../api/useErrorReporter';
import { LoadFailed } from '../../components/LoadFailed';
import type { PickedDepartment } from '../directory/DepartmentPicker';
import { MemberSelect } from '../directory/MemberSelect';
import { DepartmentsField, MemberField, TagsField } from './fields';
import { useExternalContactCheck, useExternalContacts, useSaveExternalContacts } from './useVisibility';

interface FormValues {
  mode: 'everyone' | 'listed';
  departments: PickedDepartment[];
  tagIds: number[];
  userids: string[];
}

const fieldPath: FieldPathMapper = (path) => {
  const first = path.split('.')[0] ?? '';
  const byServer: Record<string, string> = { mode: 'mode', departmentIds: 'departments', tagIds: 'tagIds', userids: 'userids' };
  return byServer[first] ? [byServer[first]] : null;
};

/** 外部联系人权限: who may add external contacts (customers). */
export default function ExternalContactsPage() {
  const { t } = useTranslation();
  const setting = useExternalContacts();
  return (
    <Card title={t('visibility.external.title')} data-testid="external-contacts-page">
      {setting.isError ? <LoadFailed error={setting.error} onRetry={() => void setting.refetch()} /> : setting.data ? <SettingForm key={setting.data.updatedAt ?? 'default'} setting={setting.data} /> : <Spin />}
      <Divider />
      <CheckMember />
    </Card>
  );
}

function SettingForm({ setting }: { setting: ExternalContactSetting }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const save = useSaveExternalContacts();
  const reportError = useErrorReporter();
  const mode = Form.useWatch('mode', form) ?? setting.mode;
  const departments = Form.useWatch('departments', form) ?? setting.departments;
  const tagIds = Form.useWatch('tagIds', form) ?? [];
  const userids = Form.useWatch('userids', form) ?? [];
  const nobody = mode === 'listed' && departments.length + tagIds.length + userids.length === 0;

  const submit = (values: FormValues) => {
    const listed = values.mode === 'listed';
    const input = { mode: values.mode, departmentIds: listed ? values.departments.map((d) => d.id) : [], tagIds: listed ? values.tagIds : [], userids: listed ? values.userids : [] };
    save.mutate(input, { onSuccess: () => void message.success(t('visibility.external.saved')), onError: (error) => reportError(error, form, fieldPath) });
  };

  return (
    <Form<FormValues>
      form={form}
      layout="vertical"
      requiredMark={false}
      onFinish={submit}
      style={{ maxWidth: 640 }}
      initialValues={{ mode: setting.mode, departments: setting.departments, tagIds: setting.tags.map((tag) => tag.id), userids: setting.members.map((m) => m.userid) }}
      data-testid="external-contacts-form"
    >
      <Alert type="info" showIcon title={t('visibility.external.intro')} style={{ marginBottom: 16 }} />
      <Form.Item name="mode" label={t('visibility.external.mode')}>
        <Radio.Group data-testid="external-contacts-mode">
          <Radio value="everyone" data-testid="external-contacts-mode-everyone">
            {t('visibility.external.everyone')}
          </Radio>
          <Radio value="listed" data-testid="external-contacts-mode-listed">
            {t('visibility.external.listed')}
          </Radio>
        </Radio.Group>
      </Form.Item>
      {mode === 'listed' && (
        <>
          <Form.Item name="departments" label={t('visibility.external.departments')}>
            <DepartmentsField testId="external-contacts-departments" />
          </Form.Item>
          <Form.Item name="tagIds" label={t('visibility.external.tags')}>
            <TagsField known={setting.tags} testId="external-contacts-tags" />
          </Form.Item>
          <Form.Item name="userids" label={t('visibility.external.members')}>
            <MemberSelect placeholder={t('visibility.memberPlaceholder')} testId="external-contacts-members" />
          </Form.Item>
          {nobody && <Alert type="warning" showIcon title={t('visibility.external.nobodyWarning')} style={{ marginBottom: 16 }} />}
        </>
      )}
      <Flex justify="space-between" align="center">
        <Typography.Text type="secondary" data-testid="external-contacts-updated">
          {setting.updatedAt ? t('visibility.external.updatedAt', { time: dayjs(setting.updatedAt).format('YYYY-MM-DD HH:mm') }) : t('visibility.external.neverSet')}
        </Typography.Text>
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="external-contacts-save">
          {t('common.save')}
        </Button>
      </Flex>
    </Form>
  );
}

/** "May this member add external contacts?" under the saved setting. */
function CheckMember() {
  const { t } = useTranslation();
  const [userid, setUserid] = useState<string | undefined>();
  const check = useExternalContactCheck(userid ?? null);
  return (
    <Flex vertical gap="small">
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('visibility.external.check')}
      </Typography.Title>
      <Flex gap="small" align="center" wrap>
        <MemberField value={userid} onChange={setUserid} placeholder={t('visibility.memberPlaceholder')} style={{ width: 320 }} testId="external-contacts-check-member" />
        {check.isError && <Typography.Text type="danger">{check.error.message}</Typography.Text>}
        {check.data && (
          <Tag color={check.data.allowed ? 'green' : 'red'} data-testid="external-contacts-check-result">
            {check.data.allowed ? t('visibility.external.allowed') : t('visibility.external.denied')}
          </Tag>
        )}
      </Flex>
    </Flex>
  );
}
