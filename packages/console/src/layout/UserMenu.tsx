import { DownOutlined, LogoutOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Button, Dropdown, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Me } from '../api/types';
import { useSignOut } from '../auth/useSignOut';

export function UserMenu({ me }: { me: Me }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const signOut = useSignOut();

  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          {
            key: 'sessions',
            icon: <SafetyOutlined />,
            label: <span data-testid="user-menu-sessions">{t('header.mySessions')}</span>,
            onClick: () => void navigate('/security/sessions'),
          },
          { type: 'divider' },
          {
            key: 'sign-out',
            icon: <LogoutOutlined />,
            danger: true,
            disabled: signOut.isPending,
            label: <span data-testid="sign-out">{t('header.signOut')}</span>,
            onClick: () => signOut.mutate(),
          },
        ],
      }}
    >
      <Button type="text" data-testid="user-menu">
        <Avatar size="small" icon={<UserOutlined />} />
        <span data-testid="header-member-name">{me.member.name}</span>
        {me.member.isSuperAdmin && <Tag color="blue">{t('header.superAdmin')}</Tag>}
        <DownOutlined />
      </Button>
    </Dropdown>
  );
}
