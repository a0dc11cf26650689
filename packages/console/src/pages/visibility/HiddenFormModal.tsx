import type { HiddenEntry } from '@orgdesk/contracts';
import { App, Button, Flex, Form, Modal, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import { useErrorReporter, type FieldPathMapper } from '../../api/useErrorReporter';
import type { PickedDepartment } from '../directory/DepartmentPicker';
import { MemberSelect } from '../directory/MemberSelect';
import { DepartmentsField, MemberField, TagsField } from './fields';
import { useSaveHidden } from './useVisibility';

interface HiddenFormValues {
  kind: 'department' | 'member';
  department: PickedDepartment[];
  userid?: string;
  allowedDepartments: PickedDepartment[];
  allowedTagIds: number[];
  allowedUserids: string[];
}

const fieldPath: FieldPathMapper = (path) => {
  const first = path.split('.')[0] ?? '';
  const byServer: Record<string, string> = { departmentId: 'department', userid: 'userid', allowedDepartmentIds: 'allowedDepartments', allowedTagIds: 'allowedTagIds', allowedUserids: 'allowedUserids' };
  return byServer[first] ? [byServer[first]] : null;
};

/** Hides a department (with its subtree) or a member, or edits `entry` when given. */
export function HiddenFormModal({ open, entry, onClose }: { open: boolean; entry?: HiddenEntry; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal open={open} title={entry ? t('visibility.hidden.editTitle') : t('visibility.hidden.createTitle')} onCancel={onClose} footer={null} destroyOnHidden width={600}>
      <HiddenForm entry={entry} onClose={onClose} />
    </Modal>
  );
}

function HiddenForm({ entry, onClose }: { entry?: HiddenEntry; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<HiddenFormValues>();
  const save = useSaveHidden();
  const reportError = useErrorReporter();
  const kind = Form.useWatch('kind', form) ?? entry?.kind ?? 'department';
  const required = { required: true, message: t('validation.required') };

  const submit = (values: HiddenFormValues) => {
    const target = values.kind === 'department' ? { departmentId: values.department[0]?.id } : { userid: values.userid };
    const input = {
      ...target,
      allowedDepartmentIds: values.allowedDepartments.map((d) => d.id),
      allowedTagIds: values.allowedTagIds,
      allowedUserids: values.allowedUserids,
    };
    save.mutate(
      { id: entry?.id, input },
      {
        onSuccess: () => {
          void message.success(entry ? t('visibility.hidden.updated') : t('visibility.hidden.created'));
          onClose();
        },
        onError: (error) => reportError(error, form, fieldPath),
      },
    );
  };

  return (
    <Form<HiddenFormValues>
      form={form}
      layout="vertical"
      requiredMark={false}
      onFinish={submit}
      initialValues={{
        kind: entry?.kind ?? 'department',
        department: entry?.department ? [entry.department] : [],
        userid: entry?.member?.userid,
        allowedDepartments: entry?.allowedDepartments ?? [],
        allowedTagIds: entry?.allowedTags.map((tag) => tag.id) ?? [],
        allowedUserids: entry?.allowedMembers.map((m) => m.userid) ?? [],
      }}
      data-testid="visibility-hidden-form"
    >
      <Form.Item name="kind" label={t('visibility.hidden.target')}>
        <Radio.Group data-testid="visibility-hidden-kind">
          <Radio value="department">{t('visibility.hidden.kind.department')}</Radio>
          <Radio value="member">{t('visibility.hidden.kind.member')}</Radio>
        </Radio.Group>
      </Form.Item>
      {kind === 'department' ? (
        <Form.Item name="department" label={t('visibility.hidden.department')} extra={t('visibility.hidden.departmentHelp')} rules={[{ validator: async (_rule, value: PickedDepartment[] = []) => { if (value.length === 0) throw new Error(t('validation.required')); } }]}>
          <DepartmentsField multiple={false} testId="visibility-hidden-department" />
        </Form.Item>
      ) : (
        <Form.Item name="userid" label={t('visibility.hidden.member')} rules={[required]}>
          <MemberField placeholder={t('visibility.memberPlaceholder')} testId="visibility-hidden-member" />
        </Form.Item>
      )}
      <Form.Item name="allowedDepartments" label={t('visibility.hidden.allowedDepartments')} extra={t('visibility.hidden.allowedHelp')}>
        <DepartmentsField testId="visibility-hidden-allowed-departments" />
      </Form.Item>
      <Form.Item name="allowedTagIds" label={t('visibility.hidden.allowedTags')}>
        <TagsField known={entry?.allowedTags} testId="visibility-hidden-allowed-tags" />
      </Form.Item>
      <Form.Item name="allowedUserids" label={t('visibility.hidden.allowedMembers')}>
        <MemberSelect placeholder={t('visibility.memberPlaceholder')} testId="visibility-hidden-allowed-members" />
      </Form.Item>
      <Flex justify="end" gap="small">
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="visibility-hidden-submit">
          {t('common.save')}
        </Button>
      </Flex>
    </Form>
  );
}
