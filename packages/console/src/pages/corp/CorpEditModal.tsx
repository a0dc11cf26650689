import { corpProfileUpdate } from '@orgdesk/contracts';
import { App, Button, Flex, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CorpInfo } from '../../api/types';
import { topLevelFields, useErrorReporter } from '../../api/useErrorReporter';
import { IndustrySelect, SizeSelect } from '../../components/CorpProfileSelects';
import { zodRule } from '../../components/zodRule';
import { useUpdateCorpProfile } from './useCorp';

type ProfileForm = Pick<CorpInfo, 'name' | 'industry' | 'size'>;
const formFields = topLevelFields('name', 'industry', 'size');

export function CorpEditModal({ corp, open, onClose }: { corp: CorpInfo; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ProfileForm>();
  const update = useUpdateCorpProfile();
  const reportError = useErrorReporter();
  const required = { required: true, message: t('validation.required') };

  const submit = (values: ProfileForm) =>
    update.mutate(values, {
      onSuccess: () => {
        void message.success(t('corp.updated'));
        onClose();
      },
      onError: (error) => reportError(error, form, formFields),
    });

  return (
    <Modal title={t('corp.editTitle')} open={open} onCancel={onClose} footer={null} destroyOnHidden>
      <Form<ProfileForm>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ name: corp.name, industry: corp.industry, size: corp.size }}
        onFinish={submit}
        data-testid="corp-edit-form"
      >
        <Form.Item name="name" label={t('corp.name')} rules={[required, zodRule(corpProfileUpdate.shape.name, t('validation.name'))]}>
          <Input maxLength={64} data-testid="corp-edit-name" />
        </Form.Item>
        <Form.Item name="industry" label={t('corp.industry')} rules={[required]}>
          <IndustrySelect testId="corp-edit-industry" />
        </Form.Item>
        <Form.Item name="size" label={t('corp.size')} rules={[required]}>
          <SizeSelect testId="corp-edit-size" />
        </Form.Item>
        <Flex justify="end" gap="small">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" htmlType="submit" loading={update.isPending} data-testid="corp-edit-submit">
            {t('common.save')}
          </Button>
        </Flex>
      </Form>
    </Modal>
  );
}
