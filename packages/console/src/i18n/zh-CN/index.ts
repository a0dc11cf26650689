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

/** Simplified Chinese, the default console language. Every other language mirrors these keys. */
export const zhCN = {
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

type DeepStrings<T> = { [K in keyof T]: T[K] extends string ? string : DeepStrings<T[K]> };
/** The shape every language file must fill in completely. */
export type Messages = DeepStrings<typeof zhCN>;
