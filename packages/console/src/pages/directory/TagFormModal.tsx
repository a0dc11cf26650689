import { tagNameSchema } from '@orgdesk/contracts';
import { App, Button, Flex, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Tag } from '../../api/types';
import { topLevelFields, useErrorReporter } from '../../api/useErrorReporter';
import { zodRule } from '../../components/zodRule';
import { localizeFieldReasons } from './localizeError';
import { useCreateTag, useRenameTag } from './useTags';

const formFields = topLevelFields('name');

/** Creates a tag, or renames `tag` when given. */
export function TagFormModal({ open, tag, onClose }: { open: boolean; tag?: Tag; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal open={open} title={tag ? t('directory.tag.renameTitle') : t('directory.tag.createTitle')} onCancel={onClose} footer={null} destroyOnHidden>
      <TagForm tag={tag} onClose={onClose} />
    </Modal>
  );
}

function TagForm({ tag, onClose }: { tag?: Tag; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ name: string }>();
  const create = useCreateTag();
  const rename = useRenameTag();
  const reportError = useErrorReporter();

  const submit = ({ name }: { name: string }) => {
    const options = {
      onSuccess: () => {
        void message.success(tag ? t('directory.tag.renamed') : t('directory.tag.created'));
        onClose();
      },
      onError: (error: unknown) => reportError(localizeFieldReasons(error), form, formFields),
    };
    if (tag) rename.mutate({ id: tag.id, name: name.trim() }, options);
    else create.mutate(name.trim(), options);
  };

  return (
    <Form form={form} layout="vertical" requiredMark={false} initialValues={{ name: tag?.name ?? '' }} onFinish={submit}>
      <Form.Item
        name="name"
        label={t('directory.tag.name')}
        rules={[{ required: true, message: t('validation.required') }, zodRule(tagNameSchema, t('validation.tagName'))]}
      >
        <Input maxLength={32} autoFocus data-testid="tag-form-name" />
      </Form.Item>
      <Flex justify="end" gap="small">
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={create.isPending || rename.isPending} data-testid="tag-form-submit">
          {t('common.save')}
        </Button>
      </Flex>
    </Form>
  );
}
