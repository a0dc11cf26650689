import { emailSchema, memberCreateRequest, mobileSchema, telephoneSchema, useridSchema } from '@orgdesk/contracts';
import { App, Button, Col, DatePicker, Drawer, Flex, Form, Input, Radio, Row, type FormRule } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { Member } from '../../api/types';
import { useErrorReporter } from '../../api/useErrorReporter';
import { stopEnterSubmit } from '../../components/stopEnterSubmit';
import { zodRule } from '../../components/zodRule';
import { ExtAttrList } from './ExtAttrList';
import { localizeFieldReasons } from './localizeError';
import { MemberDepartmentsFields } from './MemberDepartmentsFields';
import { memberFieldPath, toCreateRequest, toFormValues, toUpdateRequest, type MemberFormValues } from './memberForm';
import { MemberSelect } from './MemberSelect';
import { useCreateMember, useUpdateMember } from './useMembers';

interface Props {
  open: boolean;
  /** The member to edit; absent to add one. */
  member?: Member;
  /** Where a new member starts. */
  departmentId?: number;
  onClose: () => void;
  onSaved?: (member: Member) => void;
}

export function MemberFormDrawer({ open, member, departmentId, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  return (
    <Drawer open={open} title={member ? t('directory.member.editTitle') : t('directory.member.createTitle')} size={640} onClose={onClose} destroyOnHidden>
      <MemberForm member={member} departmentId={departmentId} onClose={onClose} onSaved={onSaved} />
    </Drawer>
  );
}

const shape = memberCreateRequest.shape;

/** A date picker whose Enter confirms the date rather than submitting the form. */
function JoinDatePicker({ value, onChange, allowClear }: { value?: Dayjs | null; onChange?: (date: Dayjs | null) => void; allowClear: boolean }) {
  return (
    <span onKeyDown={stopEnterSubmit}>
      <DatePicker value={value ?? null} onChange={(date) => onChange?.(date)} allowClear={allowClear} style={{ width: '100%' }} data-testid="member-form-join-date" />
    </span>
  );
}

function MemberForm({ member, departmentId, onClose, onSaved }: Omit<Props, 'open'>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<MemberFormValues>();
  const create = useCreateMember();
  const update = useUpdateMember();
  const reportError = useErrorReporter();
  const required = { required: true, message: t('validation.required') };
  const maxLength = (schema: Parameters<typeof zodRule>[0], max: number) => zodRule(schema, t('validation.maxLength', { max }));
  const contactRule: FormRule = ({ getFieldValue }) => ({
    validator: async (_rule, value: string | undefined) => {
      if (!value?.trim() && !(getFieldValue('email') as string | undefined)?.trim()) throw new Error(t('validation.contact'));
    },
  });
  const leadersRule: FormRule = {
    validator: async (_rule, value: string[] | undefined) => {
      const bad = (value ?? []).filter((userid) => !useridSchema.safeParse(userid).success);
      if (bad.length) throw new Error(t('validation.userids', { list: bad.join(', ') }));
      if ((value?.length ?? 0) > 5) throw new Error(t('validation.leadersMax'));
      const self = (form.getFieldValue(member ? 'newUserid' : 'userid') as string | undefined)?.toLowerCase();
      if (self && value?.some((userid) => userid.toLowerCase() === self)) throw new Error(t('validation.selfLeader'));
    },
  };

  const saved = (result: Member, text: string) => {
    void message.success(text);
    onSaved?.(result);
    onClose();
  };
  const submit = (values: MemberFormValues) => {
    const onError = (error: unknown) => {
      reportError(localizeFieldReasons(error), form, memberFieldPath);
      // A long form may have scrolled the field the server refused out of view.
      const refused = form.getFieldsError().find((field) => field.errors.length > 0);
      if (refused) form.scrollToField(refused.name, { block: 'center' });
    };
    if (member) update.mutate({ userid: member.userid, patch: toUpdateRequest(values, member) }, { onSuccess: (m) => saved(m, t('directory.member.updated')), onError });
    else create.mutate(toCreateRequest(values), { onSuccess: (m) => saved(m, t('directory.member.created')), onError });
  };

  return (
    <Form<MemberFormValues> form={form} layout="vertical" initialValues={toFormValues(member, departmentId)} onFinish={submit} data-testid="member-form" scrollToFirstError>
      <Row gutter={16}>
        <Col span={12}>
          {member ? (
            <Form.Item
              name="newUserid"
              label={t('directory.member.userid')}
              extra={member.status === 4 ? t('directory.member.newUseridHelp') : t('directory.member.useridFixed')}
              rules={[required, zodRule(useridSchema, t('validation.userid'))]}
            >
              <Input maxLength={64} disabled={member.status !== 4} data-testid="member-form-new-userid" />
            </Form.Item>
          ) : (
            <Form.Item name="userid" label={t('directory.member.userid')} rules={[required, zodRule(useridSchema, t('validation.userid'))]}>
              <Input maxLength={64} autoComplete="off" data-testid="member-form-userid" />
            </Form.Item>
          )}
        </Col>
        <Col span={12}>
          <Form.Item name="name" label={t('directory.member.name')} rules={[required, zodRule(shape.name, t('validation.name'))]}>
            <Input maxLength={64} data-testid="member-form-name" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="alias" label={t('directory.member.alias')} rules={[maxLength(shape.alias, 64)]}>
            <Input maxLength={64} data-testid="member-form-alias" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="gender" label={t('directory.member.gender')}>
            <Radio.Group options={(['0', '1', '2'] as const).map((g) => ({ value: g, label: t(`directory.gender.${g}`) }))} data-testid="member-form-gender" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="mobile"
            label={t('directory.member.mobile')}
            dependencies={['email']}
            rules={[contactRule, zodRule(mobileSchema, t('validation.mobile'))]}
            extra={t('validation.contact')}
          >
            <Input maxLength={24} autoComplete="off" data-testid="member-form-mobile" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="email" label={t('directory.member.email')} rules={[zodRule(emailSchema, t('validation.email'))]}>
            <Input maxLength={64} autoComplete="off" data-testid="member-form-email" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="position" label={t('directory.member.position')} rules={[maxLength(shape.position, 128)]}>
            <Input maxLength={128} data-testid="member-form-position" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="telephone" label={t('directory.member.telephone')} rules={[zodRule(telephoneSchema, t('validation.telephone'))]}>
            <Input maxLength={32} data-testid="member-form-telephone" />
          </Form.Item>
        </Col>
      </Row>
      <MemberDepartmentsFields />
      <Form.Item name="directLeaders" label={t('directory.member.directLeaders')} rules={[leadersRule]}>
        <MemberSelect placeholder={t('directory.member.membersPlaceholder')} testId="member-form-direct-leaders" />
      </Form.Item>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="joinDate" label={t('directory.member.joinDate')}>
            {/* The API can set a join date but not clear it, so a saved one cannot be emptied here. */}
            <JoinDatePicker allowClear={!member?.joinDate} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="address" label={t('directory.member.address')} rules={[maxLength(shape.address, 128)]}>
            <Input maxLength={128} data-testid="member-form-address" />
          </Form.Item>
        </Col>
      </Row>
      <ExtAttrList />
      <Flex justify="end" gap="small">
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={create.isPending || update.isPending} data-testid="member-form-submit">
          {t('common.save')}
        </Button>
      </Flex>
    </Form>
  );
}
