import {
  AppstoreOutlined,
  BankOutlined,
  DesktopOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import type { MenuProps } from 'antd';
import type { TFunction } from 'i18next';
import { Link } from 'react-router';

type MenuItem = Required<MenuProps>['items'][number];

const link = (to: string, testId: string, label: string) => (
  <Link to={to} data-testid={testId}>
    {label}
  </Link>
);

/** Groups open by default so every page is one click away (and visible to UI tests). */
export const menuGroupKeys = ['corp', 'directory', 'security'];

export function buildMenu(t: TFunction): MenuItem[] {
  return [
    {
      key: 'corp',
      icon: <BankOutlined />,
      label: <span data-testid="nav-group-corp">{t('nav.corp')}</span>,
      children: [
        { key: '/corp', label: link('/corp', 'nav-corp-info', t('nav.corpInfo')) },
        { key: '/corp/settings', label: link('/corp/settings', 'nav-corp-settings', t('nav.corpSettings')) },
      ],
    },
    {
      key: 'directory',
      icon: <TeamOutlined />,
      label: <span data-testid="nav-group-directory">{t('nav.directory')}</span>,
      children: [
        { key: '/directory', label: link('/directory', 'nav-directory', t('nav.members')) },
        { key: '/directory/tags', label: link('/directory/tags', 'nav-directory-tags', t('nav.tags')) },
        { key: '/directory/import', label: link('/directory/import', 'nav-directory-import', t('nav.import')) },
      ],
    },
    { key: '/access', icon: <UserSwitchOutlined />, label: link('/access', 'nav-access', t('nav.access')) },
    { key: '/apps', icon: <AppstoreOutlined />, label: link('/apps', 'nav-apps', t('nav.apps')) },
    {
      key: 'security',
      icon: <SafetyCertificateOutlined />,
      label: <span data-testid="nav-group-security">{t('nav.security')}</span>,
      children: [
        { key: '/security/audit', label: link('/security/audit', 'nav-security-audit', t('nav.audit')) },
        { key: '/security/sessions', label: link('/security/sessions', 'nav-security-sessions', t('nav.sessions')) },
      ],
    },
    { key: '/workbench', icon: <DesktopOutlined />, label: link('/workbench', 'nav-workbench', t('nav.workbench')) },
  ];
}

const menuPaths = ['/corp/settings', '/corp', '/directory/tags', '/directory/import', '/directory', '/access', '/apps', '/security/audit', '/security/sessions', '/workbench'];

/** The menu entry a path belongs to: the longest menu path it starts with. */
export function selectedMenuKey(pathname: string): string | undefined {
  return menuPaths.find((path) => pathname === path || pathname.startsWith(`${path}/`));
}
