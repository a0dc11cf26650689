// Shared words, the language switch and generic error texts.
import type { Messages } from '../zh-CN';

export const common: Messages['common'] = {
  appName: 'Orgdesk',
  adminConsole: 'Admin Console',
  save: 'Save',
  cancel: 'Cancel',
  confirm: 'OK',
  edit: 'Edit',
  copied: 'Copied',
  search: 'Search',
  reset: 'Reset',
  actions: 'Actions',
  separator: '; ',
  none: 'None',
  reload: 'Reload page',
  backHome: 'Back to home',
};

export const language: Messages['language'] = {
  label: 'Language',
  'zh-CN': '简体中文',
  en: 'English',
};

export const errors: Messages['errors'] = {
  network: 'Network error, check your connection and retry',
  unexpected: 'Something went wrong, please retry later',
  pageTitle: 'The page failed to load',
  pageBody: 'A new version may have been deployed or the network failed. Reload the page and retry.',
};
