import { EditOutlined, LockOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Flex, Form, Input, Modal, Typography, type ButtonProps } from 'antd';
import { passwordSchema, portalProfileUpdate } from '@orgdesk/contracts';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PortalPasswordChange, PortalProfile, PortalProfileUpdate } from '../../api/types';
import { topLevelFields, useErrorReporter } from '../../api/useErrorReporter';
import { LoadFailed } from '../../components/LoadFailed';
import { PageSpin } from '../../components/PageSpin';
import { zodRule } from '../../components/zodRule';
import { useChangeMyPassword, useMyProfile, useUpdateMyProfile } from './usePortal';

type Editable = PortalProfile['editableFields'][number];
const fieldMessage = (t: TFunction, field: Editable): string =>
  field === 'email' ? t('validation.email') : field === 'telephone' ? t('validation.telephone') : t('validation.maxLength', { max: field === 'alias' ? 64 : 128 });

/** The member's own record, and a form for the fields their corp lets them change. */
export default function ProfilePage() {
  const { t } = useTranslation();
  const profile = useMyProfile();
  const [editing, setEditing] = useState(false);
  const [changingPassword, setChangingPassword] = useState(false);
  if (profile.isPending) return <PageSpin />;
  if (profile.isError) return <LoadFailed error={profile.error} onRetry={() => void profile.refetch()} />;
  const me = profile.data;
  const none = <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  const item = (key: keyof PortalProfile & string, value: string) => ({ key, label: t(`portal.field.${key as 'name'}`), children: value ? <span data-testid={`profile-${key}`}>{value}</span> : none });
  const editable = me.editableFields;

  return (
    <Card
      title={t('portal.profile.title')}
      style={{ maxWidth: 720 }}
      extra={
        <Flex gap="small">
          <Button icon={<LockOutlined />} onClick={() => setChangingPassword(true)} data-testid="profile-change-password">
            {t('portal.password.change')}
          </Button>
          {editable.length > 0 && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="profile-edit">
              {t('portal.profile.edit')}
            </Button>
          )}
        </Flex>
      }
    >
      <Flex vertical gap="middle">
        <Descriptions
          bordered
          size="small"
          column={1}
          styles={{ label: { width: 120 } }}
          items={[
            item('name', me.name),
            item('userid', me.userid),
            item('alias', me.alias),
            item('mobile', me.mobile),
            item('email', me.email),
            item('position', me.position),
            { key: 'departments', label: t('portal.field.departments'), children: me.departments.map((d) => d.name).join(t('common.separator')) || none },
            item('telephone', me.telephone),
            item('address', me.address),
          ]}
        />
        <Typography.Text type="secondary">
          {editable.length ? t('portal.profile.editableHint', { fields: editable.map((f) => t(`portal.field.${f}`)).join(t('common.separator')) }) : t('portal.profile.readOnlyHint')}
        </Typography.Text>
      </Flex>
      {editing && <ProfileForm profile={me} onClose={() => setEditing(false)} />}
      {changingPassword && <PasswordForm onClose={() => setChangingPassword(false)} />}
    </Card>
  );
}

function ProfileForm({ profile, onClose }: { profile: PortalProfile; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<PortalProfileUpdate>();
  const update = useUpdateMyProfile();
  const reportError = useErrorReporter();
  const fields = profile.editableFields;

  const submit = (values: PortalProfileUpdate) => {
    // Only the allowed fields are sent: the server refuses any other.
    const patch = Object.fromEntries(fields.map((f) => [f, (values[f] ?? '').trim()])) as PortalProfileUpdate;
    update.mutate(patch, {
      onSuccess: () => {
        void message.success(t('portal.profile.saved'));
        onClose();
      },
      onError: (error) => reportError(error, form, topLevelFields(...fields)),
    });
  };

  return (
    <Modal open title={t('portal.profile.edit')} onCancel={onClose} onOk={() => form.submit()} okButtonProps={{ loading: update.isPending, 'data-testid': 'profile-save' } as ButtonProps} destroyOnHidden>
      <Form<PortalProfileUpdate> form={form} layout="vertical" initialValues={Object.fromEntries(fields.map((f) => [f, profile[f]]))} onFinish={submit}>
        {fields.map((field) => (
          <Form.Item key={field} name={field} label={t(`portal.field.${field}`)} rules={[zodRule(portalProfileUpdate.shape[field], fieldMessage(t, field))]}>
            <Input data-testid={`profile-input-${field}`} />
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}

type PasswordFormValues = PortalPasswordChange & { confirm: string };

/** Current, new and confirmed password; a wrong current password is shown on its field. */
function PasswordForm({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<PasswordFormValues>();
  const change = useChangeMyPassword();
  const reportError = useErrorReporter();
  const required = { required: true, message: t('validation.required') };

  const submit = ({ currentPassword, newPassword }: PasswordFormValues) =>
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          void message.success(t('portal.password.changed'));
          onClose();
        },
        onError: (error) => reportError(error, form, topLevelFields('currentPassword', 'newPassword')),
      },
    );

  return (
    <Modal open title={t('portal.password.change')} onCancel={onClose} onOk={() => form.submit()} okButtonProps={{ loading: change.isPending, 'data-testid': 'password-save' } as ButtonProps} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('portal.password.hint')}</Typography.Paragraph>
      <Form<PasswordFormValues> form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item name="currentPassword" label={t('portal.password.current')} rules={[required]}>
          <Input.Password autoComplete="current-password" data-testid="password-current" />
        </Form.Item>
        <Form.Item name="newPassword" label={t('portal.password.new')} rules={[required, zodRule(passwordSchema, t('validation.password'))]}>
          <Input.Password autoComplete="new-password" data-testid="password-new" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('portal.password.confirm')}
          dependencies={['newPassword']}
          rules={[
            required,
            ({ getFieldValue }) => ({ validator: (_, value) => (value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('validation.passwordMismatch')))) }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="password-confirm" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
