// The console shell: navigation, header menu, placeholder and not-found pages.
import type { Messages } from '../zh-CN';

export const nav: Messages['nav'] = {
  corp: 'My organization',
  corpInfo: 'Organization info',
  corpSettings: 'Working hours',
  directory: 'Contacts',
  members: 'Members',
  tags: 'Tags',
  import: 'Bulk import',
  access: 'Permissions',
  apps: 'Applications',
  security: 'Security',
  audit: 'Audit log',
  sessions: 'My sessions',
  workbench: 'Workbench',
};

export const header: Messages['header'] = {
  mySessions: 'My sessions',
  signOut: 'Sign out',
  signedOut: 'Signed out',
  superAdmin: 'Super admin',
};

export const unavailable: Messages['unavailable'] = {
  title: '{{module}} is not available yet',
  body: 'This version does not include this module yet; it will arrive in a later release.',
};

export const notFound: Messages['notFound'] = {
  title: 'Page not found',
  body: 'The page you asked for does not exist or was removed.',
};
