import { isScopedPermission, type Assignment } from '@orgdesk/contracts';
import { Alert, App, Button, Checkbox, Drawer, Flex, Form, Input, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FieldPathMapper } from '../../api/useErrorReporter';
import { useErrorReporter } from '../../api/useErrorReporter';
import { useMyAccess } from '../../auth/useMyAccess';
import { localizeFieldReasons } from '../directory/localizeError';
import { useTags } from '../directory/useTags';
import { memberLabel, roleLabel } from './accessDisplay';
import { ScopeDepartmentsField, useDepartmentNamesState } from './ScopeDepartmentsField';
import { useAppoint, useUpdateAssignment, type AppointRequest } from './useAdmins';
import { useRoles } from './useRoles';

interface Props {
  open: boolean;
  /** The assignment to change; absent to appoint someone. */
  assignment?: Assignment;
  onClose: () => void;
}

interface AdminFormValues {
  member: string;
  roleId?: string;
  departments: number[];
  tags: number[];
  ownDepartments: boolean;
}

/** Server paths to form fields: a missing scope is reported on the departments, where one usually starts. */
const fieldPath: FieldPathMapper = (path) => {
  if (path === 'member' || path === 'roleId') return [path];
  if (path.startsWith('scope.tags')) return ['tags'];
  if (path.startsWith('scope')) return ['departments'];
  return null;
};

/** 设置管理员 (or, given an assignment, changing its role and scope). */
export function AdminFormDrawer({ open, assignment, onClose }: Props) {
  const { t } = useTranslation();
  return (
    <Drawer open={open} title={assignment ? t('access.admins.editTitle') : t('access.admins.addTitle')} size={560} onClose={onClose} destroyOnHidden data-testid="admin-drawer">
      <AdminForm assignment={assignment} onClose={onClose} />
    </Drawer>
  );
}

function AdminForm({ assignment, onClose }: Omit<Props, 'open'>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<AdminFormValues>();
  const roles = useRoles();
  const tags = useTags();
  const appoint = useAppoint();
  const update = useUpdateAssignment();
  const reportError = useErrorReporter();
  const superAdmin = useMyAccess().data?.superAdmin ?? false;
  const [names, rememberNames] = useDepartmentNamesState(assignment?.scope.departments);
  const roleId = Form.useWatch('roleId', form);
  const role = roles.data?.find((r) => r.id === roleId);
  const required = { required: true, message: t('validation.required') };

  // Only a super admin appoints super admins; the server refuses anyone else anyway.
  const roleOptions = (roles.data ?? [])
    .filter((r) => superAdmin || r.id !== 'super_admin' || r.id === assignment?.role.id)
    .map((r) => ({ value: r.id, label: roleLabel(t, r) }));
  const tagOptions = (tags.data ?? []).map((tag) => ({ value: tag.id, label: tag.name }));
  for (const tag of assignment?.scope.tags ?? []) {
    if (!tagOptions.some((o) => o.value === tag.id)) tagOptions.push({ value: tag.id, label: tag.name ?? t('access.scope.deletedTag', { id: tag.id }) });
  }

  const submit = (values: AdminFormValues) => {
    const roleIdValue = values.roleId ?? '';
    const scope =
      roleIdValue === 'super_admin'
        ? { departments: [], tags: [], ownDepartments: false }
        : { departments: values.departments, tags: values.tags, ownDepartments: values.ownDepartments };
    const onError = (error: unknown) => reportError(localizeFieldReasons(error), form, fieldPath);
    if (assignment) {
      update.mutate(
        { id: assignment.id, patch: { roleId: roleIdValue, scope } },
        {
          onSuccess: () => {
            void message.success(t('access.admins.updated'));
            onClose();
          },
          onError,
        },
      );
    } else {
      const request: AppointRequest = { member: values.member.trim(), roleId: roleIdValue, scope };
      appoint.mutate(request, {
        onSuccess: (created) => {
          void message.success(created.status === 'pending' ? t('access.admins.appointed') : t('access.admins.appointedActive'));
          onClose();
        },
        onError,
      });
    }
  };

  const initialValues: AdminFormValues = {
    member: assignment ? memberLabel(assignment.member) : '',
    roleId: assignment?.role.id,
    departments: assignment?.scope.departments.map((d) => d.id) ?? [],
    tags: assignment?.scope.tags.map((tag) => tag.id) ?? [],
    ownDepartments: assignment?.scope.ownDepartments ?? false,
  };
  const scoped = role ? role.permissions.some(isScopedPermission) : true;

  return (
    <Form<AdminFormValues> form={form} layout="vertical" initialValues={initialValues} onFinish={submit} data-testid="admin-form">
      <Form.Item name="member" label={t('access.admins.memberLabel')} extra={assignment ? undefined : t('access.admins.memberHelp')} rules={assignment ? [] : [required]}>
        <Input maxLength={64} autoComplete="off" disabled={Boolean(assignment)} placeholder={t('access.admins.memberPlaceholder')} data-testid="admin-form-member" />
      </Form.Item>
      <Form.Item name="roleId" label={t('access.admins.role')} rules={[required]}>
        <Select<string>
          options={roleOptions}
          loading={roles.isPending}
          placeholder={t('access.admins.rolePlaceholder')}
          optionRender={(option) => <span data-testid={`admin-form-role-option-${String(option.value)}`}>{option.label}</span>}
          data-testid="admin-form-role"
        />
      </Form.Item>
      {roleId === 'super_admin' ? (
        <Alert type="info" showIcon title={t('access.admins.superAdminScope')} style={{ marginBottom: 24 }} data-testid="admin-form-super-scope" />
      ) : (
        <>
          <Typography.Title level={5}>{t('access.scope.label')}</Typography.Title>
          {scoped ? (
            <Typography.Paragraph type="secondary">{t('access.admins.scopeHelp')}</Typography.Paragraph>
          ) : (
            <Alert type="info" showIcon title={t('access.admins.unscopedRole')} style={{ marginBottom: 16 }} />
          )}
          <Form.Item name="departments" label={t('access.admins.departments')}>
            <ScopeDepartmentsField names={names} onPicked={rememberNames} placeholder={t('access.admins.departmentsPlaceholder')} testId="admin-form-departments" />
          </Form.Item>
          <Form.Item name="tags" label={t('access.admins.tags')}>
            <Select<number[]>
              mode="multiple"
              options={tagOptions}
              loading={tags.isPending}
              placeholder={t('access.admins.tagsPlaceholder')}
              showSearch={{ optionFilterProp: 'label' }}
              data-testid="admin-form-tags"
            />
          </Form.Item>
          <Form.Item name="ownDepartments" valuePropName="checked" extra={t('access.admins.ownDepartmentsHelp')}>
            <Checkbox data-testid="admin-form-own-departments">{t('access.admins.ownDepartments')}</Checkbox>
          </Form.Item>
        </>
      )}
      <Flex justify="end" gap="small">
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={appoint.isPending || update.isPending} data-testid="admin-form-submit">
          {t('common.save')}
        </Button>
      </Flex>
    </Form>
  );
}
