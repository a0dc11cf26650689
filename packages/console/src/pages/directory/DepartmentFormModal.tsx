import { departmentNameSchema, orderSchema } from '@orgdesk/contracts';
import { App, Button, Flex, Form, Input, InputNumber, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Department } from '../../api/types';
import { topLevelFields, useErrorReporter } from '../../api/useErrorReporter';
import { zodRule } from '../../components/zodRule';
import { localizeFieldReasons } from './localizeError';
import { useCreateDepartment, useUpdateDepartment } from './useDepartments';

/** Adding a sub-department, renaming one, or changing its sort order. */
export type DepartmentFormMode = 'create' | 'rename' | 'order';

interface DepartmentForm {
  name?: string;
  order?: number | null;
}

const formFields = topLevelFields('name', 'order');

interface Props {
  mode: DepartmentFormMode | null;
  /** The parent when creating, the department itself otherwise. */
  department: Department;
  onClose: () => void;
  onCreated?: (department: Department) => void;
}

export function DepartmentFormModal({ mode, department, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const titles = { create: t('directory.dept.createTitle'), rename: t('directory.dept.renameTitle'), order: t('directory.dept.orderTitle') };
  return (
    <Modal open={mode !== null} title={mode ? titles[mode] : undefined} onCancel={onClose} footer={null} destroyOnHidden>
      {mode && <DepartmentFormBody mode={mode} department={department} onClose={onClose} onCreated={onCreated} />}
    </Modal>
  );
}

function DepartmentFormBody({ mode, department, onClose, onCreated }: Props & { mode: DepartmentFormMode }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<DepartmentForm>();
  const create = useCreateDepartment();
  const update = useUpdateDepartment();
  const reportError = useErrorReporter();
  const required = { required: true, message: t('validation.required') };
  const onError = (error: unknown) => reportError(localizeFieldReasons(error), form, formFields);

  const submit = ({ name, order }: DepartmentForm) => {
    if (mode === 'create') {
      create.mutate(
        { name: name ?? '', parentId: department.id, order: order ?? undefined },
        {
          onSuccess: (created) => {
            void message.success(t('directory.dept.created'));
            onCreated?.(created);
            onClose();
          },
          onError,
        },
      );
      return;
    }
    const patch = mode === 'rename' ? { name } : { order: order ?? 0 };
    update.mutate(
      { id: department.id, patch },
      {
        onSuccess: () => {
          void message.success(mode === 'rename' ? t('directory.dept.renamed') : t('directory.dept.reordered'));
          onClose();
        },
        onError,
      },
    );
  };

  const initialValues = mode === 'rename' ? { name: department.name } : mode === 'order' ? { order: department.order } : {};
  return (
    <Form<DepartmentForm> form={form} layout="vertical" requiredMark={false} initialValues={initialValues} onFinish={submit}>
      {mode === 'create' && (
        <Form.Item label={t('directory.dept.parent')}>
          <Input value={department.name} disabled />
        </Form.Item>
      )}
      {mode !== 'order' && (
        <Form.Item name="name" label={t('directory.dept.name')} rules={[required, zodRule(departmentNameSchema, t('validation.departmentName'))]}>
          <Input maxLength={64} autoFocus data-testid="dept-form-name" />
        </Form.Item>
      )}
      {mode !== 'rename' && (
        <Form.Item
          name="order"
          label={t('directory.dept.order')}
          extra={t('directory.dept.orderHelp')}
          rules={[...(mode === 'order' ? [required] : []), zodRule(orderSchema, t('validation.order'))]}
        >
          <InputNumber min={0} max={4_294_967_295} precision={0} style={{ width: '100%' }} data-testid="dept-form-order" />
        </Form.Item>
      )}
      <Flex justify="end" gap="small">
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={create.isPending || update.isPending} data-testid="dept-form-submit">
          {t('common.save')}
        </Button>
      </Flex>
    </Form>
  );
}
