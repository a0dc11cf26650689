import type { Messages } from '../zh-CN';
import { access } from './access';
import { apps } from './apps';
import { approvals } from './approvals';
import { audit } from './audit';
import { auth, register } from './auth';
import { common, errors, language } from './common';
import { corp, industry, settings, size, weekday } from './corp';
import { directory } from './directory';
import { imports } from './imports';
import { notifications } from './notifications';
import { portal } from './portal';
import { payouts } from './payouts';
import { header, nav, notFound, unavailable } from './layout';
import { sessions, stage } from './sessions';
import { validation } from './validation';
import { visibility } from './visibility';

/** English: every area is typed against the zh-CN shape, so a missing or extra key fails the type check. */
export const en: Messages = {
  common,
  language,
  errors,
  validation,
  auth,
  register,
  industry,
  size,
  weekday,
  nav,
  header,
  unavailable,
  notFound,
  corp,
  settings,
  audit,
  sessions,
  directory,
  imports,
  stage,
  access,
  visibility,
  portal,
  notifications,
  apps,
  approvals,
  payouts,
};
