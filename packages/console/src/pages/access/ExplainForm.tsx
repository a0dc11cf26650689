import { explainTargetTypes, useridSchema, type Permission } from '@orgdesk/contracts';
import { AutoComplete, Button, Form, Input, Radio, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FieldPathMapper } from '../../api/useErrorReporter';
import { useErrorReporter } from '../../api/useErrorReporter';
import { zodRule } from '../../components/zodRule';
import { localizeFieldReasons } from '../directory/localizeError';
import { useTags } from '../directory/useTags';
import { memberLabel, permissionLabel, permissionModules } from './accessDisplay';
import { SingleDepartmentField, useDepartmentNamesState } from './ScopeDepartmentsField';
import { useAdmins } from './useAdmins';
import type { ExplainTargetType, NamedQuestion } from './useExplain';

interface ExplainFormValues {
  admin: string;
  permission: Permission;
  targetType: ExplainTargetType;
  member?: string;
  department?: number;
  tag?: number;
}

/** The server names the admin and the target; the target is whichever field its type shows. */
const fieldPath =
  (targetType: ExplainTargetType): FieldPathMapper =>
  (path) => {
    if (path === 'admin' || path === 'permission') return [path];
    if (path === 'target' && targetType !== 'corp') return [targetType];
    return null;
  };

/** Who, may do what, to which target. */
export function ExplainForm({ loading, onAsk }: { loading: boolean; onAsk: (question: NamedQuestion) => Promise<unknown> }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ExplainFormValues>();
  const reportError = useErrorReporter();
  const admins = useAdmins();
  const tags = useTags();
  const [departmentNames, rememberDepartments] = useDepartmentNamesState();
  const targetType = Form.useWatch('targetType', form) ?? 'corp';
  const required = { required: true, message: t('validation.required') };

  // Each admin once, however many assignments they hold.
  const adminOptions = [...new Map((admins.data ?? []).map((a) => [a.member.userid, a.member])).values()].map((member) => ({
    value: member.userid,
    label: memberLabel(member),
  }));
  const permissionOptions = permissionModules.map(({ module, permissions }) => ({
    label: t(`access.module.${module}`),
    options: permissions.map((permission) => ({ value: permission, label: permissionLabel(t, permission) })),
  }));

  const toQuestion = (values: ExplainFormValues): NamedQuestion => {
    const base = { admin: values.admin.trim(), permission: values.permission, targetType: values.targetType };
    if (values.targetType === 'member') return { ...base, target: values.member?.trim() ?? '', targetName: values.member?.trim() ?? '' };
    if (values.targetType === 'department') {
      const id = values.department ?? 0;
      return { ...base, target: String(id), targetName: departmentNames.get(id) ?? `#${id}` };
    }
    if (values.targetType === 'tag') {
      const id = values.tag ?? 0;
      return { ...base, target: String(id), targetName: tags.data?.find((tag) => tag.id === id)?.name ?? `#${id}` };
    }
    return { ...base, target: '', targetName: '' };
  };
  const submit = (values: ExplainFormValues) =>
    void onAsk(toQuestion(values)).catch((error: unknown) => reportError(localizeFieldReasons(error), form, fieldPath(values.targetType)));

  return (
    <Form<ExplainFormValues>
      form={form}
      layout="vertical"
      requiredMark={false}
      initialValues={{ targetType: 'corp', permission: 'directory.view' }}
      onFinish={submit}
      style={{ maxWidth: 640 }}
      data-testid="explain-form"
    >
      <Form.Item name="admin" label={t('access.explain.admin')} rules={[required, zodRule(useridSchema, t('validation.userid'))]}>
        <AutoComplete options={adminOptions} filterOption={(input, option) => String(option?.label ?? '').toLowerCase().includes(input.toLowerCase())}>
          <Input maxLength={64} autoComplete="off" placeholder={t('access.explain.adminPlaceholder')} data-testid="explain-admin" />
        </AutoComplete>
      </Form.Item>
      <Form.Item name="permission" label={t('access.explain.permission')} rules={[required]}>
        <Select<Permission>
          options={permissionOptions}
          showSearch={{ optionFilterProp: 'label' }}
          virtual={false}
          optionRender={(option) => <span data-testid={`explain-permission-option-${String(option.value)}`}>{option.label}</span>}
          data-testid="explain-permission"
        />
      </Form.Item>
      <Form.Item name="targetType" label={t('access.explain.targetType')}>
        <Radio.Group
          optionType="button"
          options={explainTargetTypes.map((type) => ({ value: type, label: <span data-testid={`explain-target-type-${type}`}>{t(`access.explain.targetTypes.${type}`)}</span> }))}
        />
      </Form.Item>
      {targetType === 'member' && (
        <Form.Item name="member" label={t('access.explain.target')} rules={[required, zodRule(useridSchema, t('validation.userid'))]}>
          <Input maxLength={64} autoComplete="off" placeholder={t('access.explain.memberPlaceholder')} data-testid="explain-target-member" />
        </Form.Item>
      )}
      {targetType === 'department' && (
        <Form.Item name="department" label={t('access.explain.target')} rules={[required]}>
          <SingleDepartmentField names={departmentNames} onPicked={rememberDepartments} placeholder={t('access.explain.departmentPlaceholder')} testId="explain-target-department" />
        </Form.Item>
      )}
      {targetType === 'tag' && (
        <Form.Item name="tag" label={t('access.explain.target')} rules={[required]}>
          <Select<number>
            options={(tags.data ?? []).map((tag) => ({ value: tag.id, label: tag.name }))}
            loading={tags.isPending}
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('access.explain.tagPlaceholder')}
            data-testid="explain-target-tag"
          />
        </Form.Item>
      )}
      <Button type="primary" htmlType="submit" loading={loading} data-testid="explain-submit">
        {t('access.explain.submit')}
      </Button>
    </Form>
  );
}
