import {
  AppstoreOutlined,
  BankOutlined,
  DesktopOutlined,
  PayCircleOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import type { Permission } from '@orgdesk/contracts';
import type { MenuProps } from 'antd';
import type { TFunction } from 'i18next';
import { Link } from 'react-router';
import { can, type MyAccess } from '../auth/useMyAccess';

type MenuItem = Required<MenuProps>['items'][number];

const link = (to: string, testId: string, label: string) => (
  <Link to={to} data-testid={testId}>
    {label}
  </Link>
);

/** Groups open by default so every page is one click away (and visible to UI tests). */
export const menuGroupKeys = ['corp', 'directory', 'access', 'security', 'workbench'];

/**
 * The permission each page needs (its API answers 403 without it), matched by the longest path prefix; pages
 * not listed (e.g. my sessions) are open to every admin. The menu hides what the admin cannot use.
 */
const pagePermissions: [path: string, permission: Permission][] = [
  ['/corp', 'corp.view'],
  ['/corp/notifications', 'corp.manage'],
  ['/directory', 'directory.view'],
  ['/directory/import', 'directory.import'],
  ['/access', 'access.view'],
  ['/apps', 'apps.view'],
  ['/security/audit', 'audit.view'],
  ['/workbench', 'approvals.manage'],
  ['/workbench/payouts', 'payouts.manage'],
];

/** The permission a path needs, if any. */
export function pagePermission(pathname: string): Permission | undefined {
  const matches = pagePermissions.filter(([path]) => pathname === path || pathname.startsWith(`${path}/`));
  return matches.sort(([a], [b]) => b.length - a.length)[0]?.[1];
}

/** Whether the admin may open a page. */
export function mayOpen(access: MyAccess, pathname: string): boolean {
  const permission = pagePermission(pathname);
  return !permission || can(access, permission);
}

/** Leaves whose page the admin may not open are dropped, and groups left empty with them. */
function prune(items: MenuItem[], allowed: (path: string) => boolean): MenuItem[] {
  return items.flatMap((item): MenuItem[] => {
    if (item && 'children' in item && item.children) {
      const children = prune(item.children, allowed);
      return children.length ? [{ ...item, children }] : [];
    }
    return item && allowed(String(item.key)) ? [item] : [];
  });
}

/** The console menu, showing only the pages `allowed` lets the admin open. */
export function buildMenu(t: TFunction, allowed: (path: string) => boolean): MenuItem[] {
  return prune(allItems(t), allowed);
}

function allItems(t: TFunction): MenuItem[] {
  return [
    {
      key: 'corp',
      icon: <BankOutlined />,
      label: <span data-testid="nav-group-corp">{t('nav.corp')}</span>,
      children: [
        { key: '/corp', label: link('/corp', 'nav-corp-info', t('nav.corpInfo')) },
        { key: '/corp/settings', label: link('/corp/settings', 'nav-corp-settings', t('nav.corpSettings')) },
        { key: '/corp/notifications', label: link('/corp/notifications', 'nav-corp-notifications', t('notifications.nav.corpSettings')) },
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
    {
      key: 'access',
      icon: <UserSwitchOutlined />,
      label: <span data-testid="nav-group-access">{t('nav.access')}</span>,
      children: [
        { key: '/access/admins', label: link('/access/admins', 'nav-access-admins', t('access.nav.admins')) },
        { key: '/access/roles', label: link('/access/roles', 'nav-access-roles', t('access.nav.roles')) },
        { key: '/access/explain', label: link('/access/explain', 'nav-access-explain', t('access.nav.explain')) },
        { key: '/access/conflicts', label: link('/access/conflicts', 'nav-access-conflicts', t('access.nav.conflicts')) },
        { key: '/access/visibility', label: link('/access/visibility', 'nav-access-visibility', t('visibility.nav.rules')) },
        { key: '/access/external-contacts', label: link('/access/external-contacts', 'nav-access-external-contacts', t('visibility.nav.externalContacts')) },
      ],
    },
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
    {
      key: 'workbench',
      icon: <DesktopOutlined />,
      label: <span data-testid="nav-group-workbench">{t('nav.workbench')}</span>,
      children: [
        { key: '/workbench/approvals/templates', label: link('/workbench/approvals/templates', 'nav-approvals-templates', t('approvals.nav.templates')) },
        { key: '/workbench/approvals/requests', label: link('/workbench/approvals/requests', 'nav-approvals-requests', t('approvals.nav.requests')) },
        { key: '/workbench/approvals/leave-balances', label: link('/workbench/approvals/leave-balances', 'nav-approvals-balances', t('approvals.nav.balances')) },
        { key: '/workbench/approvals/stats', label: link('/workbench/approvals/stats', 'nav-approvals-stats', t('approvals.nav.stats')) },
      ],
    },
    { key: '/workbench/payouts', icon: <PayCircleOutlined />, label: link('/workbench/payouts', 'nav-workbench-payouts', t('payouts.nav')) },
  ];
}

/** Every menu page, in menu order. */
const menuPaths = ['/corp', '/corp/settings', '/corp/notifications', '/directory', '/directory/tags', '/directory/import', '/access/admins', '/access/roles', '/access/explain', '/access/conflicts', '/access/visibility', '/access/external-contacts', '/apps', '/security/audit', '/security/sessions', '/workbench/approvals/templates', '/workbench/approvals/requests', '/workbench/approvals/leave-balances', '/workbench/approvals/stats', '/workbench/payouts'];

/** The first menu page the admin may open: where the console starts. */
export function firstAllowedPath(allowed: (path: string) => boolean): string | undefined {
  return menuPaths.find(allowed);
}

/** The menu entry a path belongs to: the longest menu path it starts with. */
export function selectedMenuKey(pathname: string): string | undefined {
  const matches = menuPaths.filter((path) => pathname === path || pathname.startsWith(`${path}/`));
  return matches.sort((a, b) => b.length - a.length)[0];
}
