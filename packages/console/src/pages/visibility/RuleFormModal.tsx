import { hideableFields, visibilityScopes, type HideableField, type VisibilityRule, type VisibilityScope } from '@orgdesk/contracts';
import { App, Button, Checkbox, Flex, Form, Input, Modal, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import { useErrorReporter, type FieldPathMapper } from '../../api/useErrorReporter';
import type { PickedDepartment } from '../directory/DepartmentPicker';
import { DepartmentsField, TagsField } from './fields';
import { useSaveRule } from './useVisibility';

interface RuleFormValues {
  name: string;
  viewerDepartments: PickedDepartment[];
  viewerTagIds: number[];
  sees: VisibilityScope;
  seenDepartments: PickedDepartment[];
  seenTagIds: number[];
  hiddenFields: HideableField[];
}

/** Server paths (viewerDepartmentIds.0 …) onto the form's fields. */
const fieldPath: FieldPathMapper = (path) => {
  const first = path.split('.')[0] ?? '';
  const byServer: Record<string, string> = { viewerDepartmentIds: 'viewerDepartments', seenDepartmentIds: 'seenDepartments', name: 'name', viewerTagIds: 'viewerTagIds', sees: 'sees', seenTagIds: 'seenTagIds', hiddenFields: 'hiddenFields' };
  return byServer[first] ? [byServer[first]] : null;
};

/** Creates a visibility rule, or edits `rule` when given. */
export function RuleFormModal({ open, rule, onClose }: { open: boolean; rule?: VisibilityRule; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal open={open} title={rule ? t('visibility.rule.editTitle') : t('visibility.rule.createTitle')} onCancel={onClose} footer={null} destroyOnHidden width={640}>
      <RuleForm rule={rule} onClose={onClose} />
    </Modal>
  );
}

function RuleForm({ rule, onClose }: { rule?: VisibilityRule; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<RuleFormValues>();
  const save = useSaveRule();
  const reportError = useErrorReporter();
  const sees = Form.useWatch('sees', form) ?? rule?.sees ?? 'own_departments';
  const required = { required: true, message: t('validation.required') };

  const submit = (values: RuleFormValues) => {
    const listed = values.sees === 'listed';
    const input = {
      name: values.name.trim(),
      viewerDepartmentIds: values.viewerDepartments.map((d) => d.id),
      viewerTagIds: values.viewerTagIds,
      sees: values.sees,
      // Lists of what to see belong only to a rule of listed departments or tags.
      seenDepartmentIds: listed ? values.seenDepartments.map((d) => d.id) : [],
      seenTagIds: listed ? values.seenTagIds : [],
      hiddenFields: values.hiddenFields,
    };
    save.mutate(
      { id: rule?.id, input },
      {
        onSuccess: () => {
          void message.success(rule ? t('visibility.rule.updated') : t('visibility.rule.created'));
          onClose();
        },
        onError: (error) => reportError(error, form, fieldPath),
      },
    );
  };

  const atLeastOneViewer = {
    validator: async () => {
      const { viewerDepartments = [], viewerTagIds = [] } = form.getFieldsValue(['viewerDepartments', 'viewerTagIds']) as Partial<RuleFormValues>;
      if (viewerDepartments.length + viewerTagIds.length === 0) throw new Error(t('visibility.rule.viewersRequired'));
    },
  };
  const atLeastOneSeen = {
    validator: async () => {
      const { seenDepartments = [], seenTagIds = [] } = form.getFieldsValue(['seenDepartments', 'seenTagIds']) as Partial<RuleFormValues>;
      if (seenDepartments.length + seenTagIds.length === 0) throw new Error(t('visibility.rule.seenRequired'));
    },
  };

  return (
    <Form<RuleFormValues>
      form={form}
      layout="vertical"
      requiredMark={false}
      onFinish={submit}
      initialValues={{
        name: rule?.name ?? '',
        viewerDepartments: rule?.viewerDepartments ?? [],
        viewerTagIds: rule?.viewerTags.map((tag) => tag.id) ?? [],
        sees: rule?.sees ?? 'own_departments',
        seenDepartments: rule?.seenDepartments ?? [],
        seenTagIds: rule?.seenTags.map((tag) => tag.id) ?? [],
        hiddenFields: rule?.hiddenFields ?? [],
      }}
      data-testid="visibility-rule-form"
    >
      <Form.Item name="name" label={t('visibility.rule.name')} rules={[required, { max: 64, message: t('validation.maxLength', { max: 64 }) }]}>
        <Input maxLength={64} autoFocus data-testid="visibility-rule-name" />
      </Form.Item>
      <Form.Item name="viewerDepartments" label={t('visibility.rule.viewerDepartments')} extra={t('visibility.rule.viewersHelp')} rules={[atLeastOneViewer]} dependencies={['viewerTagIds']}>
        <DepartmentsField testId="visibility-rule-viewer-departments" />
      </Form.Item>
      <Form.Item name="viewerTagIds" label={t('visibility.rule.viewerTags')}>
        <TagsField known={rule?.viewerTags} testId="visibility-rule-viewer-tags" />
      </Form.Item>
      <Form.Item name="sees" label={t('visibility.rule.sees')}>
        <Radio.Group data-testid="visibility-rule-sees">
          {visibilityScopes.map((scope) => (
            <Radio key={scope} value={scope} data-testid={`visibility-rule-sees-${scope}`}>
              {t(`visibility.sees.${scope}`)}
            </Radio>
          ))}
        </Radio.Group>
      </Form.Item>
      {sees === 'listed' && (
        <>
          <Form.Item name="seenDepartments" label={t('visibility.rule.seenDepartments')} rules={[atLeastOneSeen]} dependencies={['seenTagIds']}>
            <DepartmentsField testId="visibility-rule-seen-departments" />
          </Form.Item>
          <Form.Item name="seenTagIds" label={t('visibility.rule.seenTags')}>
            <TagsField known={rule?.seenTags} testId="visibility-rule-seen-tags" />
          </Form.Item>
        </>
      )}
      <Form.Item name="hiddenFields" label={t('visibility.rule.hiddenFields')} extra={t('visibility.rule.hiddenFieldsHelp')}>
        <Checkbox.Group options={hideableFields.map((field) => ({ value: field, label: t(`visibility.field.${field}`) }))} data-testid="visibility-rule-hidden-fields" />
      </Form.Item>
      <Flex justify="end" gap="small">
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="visibility-rule-submit">
          {t('common.save')}
        </Button>
      </Flex>
    </Form>
  );
}
