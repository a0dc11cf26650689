import { CheckCircleOutlined, DeleteOutlined, EditOutlined, MailOutlined, SendOutlined, StopOutlined } from '@ant-design/icons';
import { App, Button, Descriptions, Drawer, Flex, Popconfirm, Spin, Typography, type ButtonProps } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Member } from '../../api/types';
import { useErrorReporter } from '../../api/useErrorReporter';
import { LoadFailed } from '../../components/LoadFailed';
import { DepartmentNames, StatusTag } from './memberDisplay';
import { useDeleteMember, useInviteMember, useMember, useSetMemberEnabled } from './useMembers';

interface Props {
  open: boolean;
  userid: string | null;
  /** The table row, shown while the fresh record loads. */
  initial?: Member;
  onClose: () => void;
  onEdit: (member: Member) => void;
}

const formatTime = (iso: string) => dayjs(iso).format('YYYY-MM-DD HH:mm');

/** One member's details and the actions on them. */
export function MemberDrawer({ open, userid, initial, onClose, onEdit }: Props) {
  const { t } = useTranslation();
  const member = useMember(userid, initial);
  const data = member.data;
  return (
    <Drawer
      open={open}
      title={t('directory.member.detailTitle')}
      size={600}
      onClose={onClose}
      extra={data && <MemberActions member={data} onEdit={onEdit} onDeleted={onClose} />}
      data-testid="member-drawer"
    >
      {member.isError ? (
        <LoadFailed error={member.error} onRetry={() => void member.refetch()} />
      ) : !data ? (
        <Spin />
      ) : (
        <MemberDetails member={data} />
      )}
    </Drawer>
  );
}

function MemberActions({ member, onEdit, onDeleted }: { member: Member; onEdit: (member: Member) => void; onDeleted: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reportError = useErrorReporter();
  const setEnabled = useSetMemberEnabled();
  const remove = useDeleteMember();
  const invite = useInviteMember();
  if (member.status === 5) return null; // Someone who left can only come back by being added again.

  const toggle = (enabled: boolean) =>
    setEnabled.mutate(
      { userid: member.userid, enabled },
      {
        onSuccess: () => void message.success(enabled ? t('directory.member.enabled') : t('directory.member.disabled')),
        onError: (error) => reportError(error),
      },
    );
  const confirmDelete = async () => {
    try {
      await remove.mutateAsync(member.userid);
      void message.success(t('directory.member.deleted'));
      onDeleted();
    } catch (error) {
      reportError(error); // e.g. the last super admin
    }
  };

  const sendInvite = (channel?: 'sms' | 'email') =>
    invite.mutate({ userid: member.userid, channel }, {
      onSuccess: ({ channel, sentTo }) => void message.success(t(channel === 'email' ? 'directory.member.invitedByEmail' : 'directory.member.invited', { sentTo })),
      onError: (error) => reportError(error),
    });

  return (
    <Flex gap="small">
      {member.status === 4 && (
        <Button icon={<SendOutlined />} loading={invite.isPending} onClick={() => sendInvite()} data-testid="member-invite">
          {t('directory.member.invite')}
        </Button>
      )}
      {/* With both a mobile and an email the default is SMS; the admin may send the link by email instead. */}
      {member.status === 4 && member.mobile && member.email && (
        <Button icon={<MailOutlined />} loading={invite.isPending} onClick={() => sendInvite('email')} data-testid="member-invite-email">
          {t('directory.member.inviteByEmail')}
        </Button>
      )}
      <Button icon={<EditOutlined />} onClick={() => onEdit(member)} data-testid="member-edit">
        {t('common.edit')}
      </Button>
      {member.status === 2 ? (
        <Button icon={<CheckCircleOutlined />} loading={setEnabled.isPending} onClick={() => toggle(true)} data-testid="member-enable">
          {t('directory.member.enable')}
        </Button>
      ) : (
        <Button icon={<StopOutlined />} loading={setEnabled.isPending} onClick={() => toggle(false)} data-testid="member-disable">
          {t('directory.member.disable')}
        </Button>
      )}
      <Popconfirm
        title={t('directory.member.deleteTitle')}
        description={t('directory.member.deleteConfirm', { name: member.name })}
        onConfirm={confirmDelete}
        okButtonProps={{ danger: true, 'data-testid': 'member-delete-confirm' } as ButtonProps}
      >
        <Button danger icon={<DeleteOutlined />} data-testid="member-delete">
          {t('directory.member.delete')}
        </Button>
      </Popconfirm>
    </Flex>
  );
}

function MemberDetails({ member }: { member: Member }) {
  const { t } = useTranslation();
  const none = <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  const orNone = (value: ReactNode) => (value === '' || value === null || (Array.isArray(value) && value.length === 0) ? none : value);
  const item = (key: string, label: string, children: ReactNode, span = 1) => ({ key, label, span, children: orNone(children) });

  return (
    <Flex vertical gap="middle">
      <Flex align="center" gap="small">
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="member-drawer-name">
          {member.name}
        </Typography.Title>
        {member.alias && <Typography.Text type="secondary">({member.alias})</Typography.Text>}
        <StatusTag status={member.status} testId="member-drawer-status" />
      </Flex>
      <Descriptions
        bordered
        size="small"
        column={1}
        styles={{ label: { width: 120 } }}
        items={[
          item('userid', t('directory.member.userid'), <span data-testid="member-drawer-userid">{member.userid}</span>),
          item('mobile', t('directory.member.mobile'), member.mobile),
          item('email', t('directory.member.email'), member.email),
          item('position', t('directory.member.position'), member.position),
          item('gender', t('directory.member.gender'), t(`directory.gender.${member.gender}`)),
          item('departments', t('directory.member.departments'), <span data-testid="member-drawer-departments"><DepartmentNames member={member} leaderMark /></span>),
          item('mainDepartment', t('directory.member.mainDepartment'), <DepartmentNames member={{ departments: member.departments.filter((d) => d.id === member.mainDepartment), mainDepartment: member.mainDepartment }} />),
          item('directLeaders', t('directory.member.directLeaders'), member.directLeaders.join(t('directory.member.listSeparator'))),
          item('telephone', t('directory.member.telephone'), member.telephone),
          item('address', t('directory.member.address'), member.address),
          item('joinDate', t('directory.member.joinDate'), member.joinDate),
          ...member.extattr.map((attr, index) => item(`attr-${index}`, attr.name, attr.value)),
          item('createdAt', t('directory.member.createdAt'), formatTime(member.createdAt)),
          item('updatedAt', t('directory.member.updatedAt'), formatTime(member.updatedAt)),
        ]}
      />
    </Flex>
  );
}
