import { appCreateRequest, type VisibleRange } from '@orgdesk/contracts';
import { App, Button, Flex, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { topLevelFields, useErrorReporter } from '../../api/useErrorReporter';
import { zodRule } from '../../components/zodRule';
import { useCreateApp } from './useApps';
import { emptyRange, VisibleRangeField } from './VisibleRangeField';

interface Props {
  open: boolean;
  onClose: () => void;
  /** The new app's secret, for the page to show once. */
  onCreated: (secret: string) => void;
}

interface CreateValues {
  name: string;
  description?: string;
  visibleRange: VisibleRange;
}

const formFields = topLevelFields('name', 'description', 'visibleRange');

/** 创建应用: name, description and visible range; the secret follows in its own modal. */
export function AppCreateModal({ open, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  return (
    <Modal open={open} title={t('apps.form.createTitle')} onCancel={onClose} footer={null} width={600} destroyOnHidden>
      <CreateForm onClose={onClose} onCreated={onCreated} />
    </Modal>
  );
}

function CreateForm({ onClose, onCreated }: Omit<Props, 'open'>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<CreateValues>();
  const create = useCreateApp();
  const reportError = useErrorReporter();

  const submit = (values: CreateValues) => {
    const input = { name: values.name.trim(), description: values.description?.trim() ?? '', visibleRange: values.visibleRange };
    create.mutate(input, {
      onSuccess: ({ secret }) => {
        void message.success(t('apps.form.created'));
        onClose();
        onCreated(secret);
      },
      onError: (error) => reportError(error, form, (path) => formFields(path)?.slice(0, 1) ?? null),
    });
  };

  return (
    <Form<CreateValues> form={form} layout="vertical" requiredMark={false} initialValues={{ name: '', description: '', visibleRange: emptyRange }} onFinish={submit} data-testid="app-create-form">
      <Form.Item name="name" label={t('apps.form.name')} rules={[{ required: true, message: t('validation.required') }, zodRule(appCreateRequest.shape.name, t('apps.form.nameRule'))]}>
        <Input maxLength={32} showCount data-testid="app-create-name" />
      </Form.Item>
      <Form.Item name="description" label={t('apps.form.description')} rules={[{ max: 120, message: t('validation.maxLength', { max: 120 }) }]}>
        <Input.TextArea maxLength={120} showCount autoSize={{ minRows: 2, maxRows: 4 }} data-testid="app-create-description" />
      </Form.Item>
      <Form.Item name="visibleRange" label={t('apps.range.mode')}>
        <VisibleRangeField testId="app-create-range" />
      </Form.Item>
      <Flex justify="end" gap="small">
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="app-create-submit">
          {t('apps.create')}
        </Button>
      </Flex>
    </Form>
  );
}
