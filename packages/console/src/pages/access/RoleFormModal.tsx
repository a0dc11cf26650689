import { roleCreateRequest, type Permission, type Role } from '@orgdesk/contracts';
import { Alert, App, Button, Flex, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { topLevelFields, useErrorReporter } from '../../api/useErrorReporter';
import { zodRule } from '../../components/zodRule';
import { localizeFieldReasons } from '../directory/localizeError';
import { roleLabel } from './accessDisplay';
import { PermissionChecklist } from './PermissionChecklist';
import { useCreateRole, useUpdateRole } from './useRoles';

interface Props {
  open: boolean;
  /** The role to edit (or, read-only, to look at); absent to create one. */
  role?: Role;
  readOnly?: boolean;
  onClose: () => void;
}

interface RoleFormValues {
  name: string;
  permissions: Permission[];
}

const formFields = topLevelFields('name', 'permissions');

/** Creates a custom role, edits one, or shows a role's permissions (built-in roles cannot change). */
export function RoleFormModal({ open, role, readOnly = false, onClose }: Props) {
  const { t } = useTranslation();
  const title = readOnly ? t('access.roles.viewTitle') : role ? t('access.roles.editTitle') : t('access.roles.createTitle');
  return (
    <Modal open={open} title={title} onCancel={onClose} footer={null} width={760} destroyOnHidden>
      <RoleForm role={role} readOnly={readOnly} onClose={onClose} />
    </Modal>
  );
}

function RoleForm({ role, readOnly, onClose }: Omit<Props, 'open'> & { readOnly: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<RoleFormValues>();
  const create = useCreateRole();
  const update = useUpdateRole();
  const reportError = useErrorReporter();

  const submit = (values: RoleFormValues) => {
    const input = { name: values.name.trim(), permissions: values.permissions };
    const options = {
      onSuccess: () => {
        void message.success(role ? t('access.roles.updated') : t('access.roles.created'));
        onClose();
      },
      onError: (error: unknown) => reportError(localizeFieldReasons(error), form, formFields),
    };
    if (role) update.mutate({ id: role.id, patch: input }, options);
    else create.mutate(input, options);
  };

  return (
    <Form<RoleFormValues>
      form={form}
      layout="vertical"
      requiredMark={false}
      disabled={readOnly}
      initialValues={{ name: role ? roleLabel(t, role) : '', permissions: role?.permissions ?? [] }}
      onFinish={submit}
      data-testid="role-form"
    >
      {readOnly && role?.builtin && <Alert type="info" showIcon title={t('access.roles.builtinReadonly')} style={{ marginBottom: 16 }} />}
      <Form.Item name="name" label={t('access.roles.name')} rules={[{ required: true, message: t('validation.required') }, zodRule(roleCreateRequest.shape.name, t('access.roles.nameRule'))]}>
        <Input maxLength={32} data-testid="role-form-name" />
      </Form.Item>
      <Form.Item
        name="permissions"
        label={t('access.roles.permissions')}
        rules={[{ required: true, type: 'array', min: 1, message: t('access.roles.permissionsRequired') }]}
      >
        <PermissionChecklist />
      </Form.Item>
      <Flex justify="end" gap="small">
        {readOnly ? (
          <Button onClick={onClose} disabled={false}>
            {t('common.confirm')}
          </Button>
        ) : (
          <>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="primary" htmlType="submit" loading={create.isPending || update.isPending} data-testid="role-form-submit">
              {t('common.save')}
            </Button>
          </>
        )}
      </Flex>
    </Form>
  );
}
