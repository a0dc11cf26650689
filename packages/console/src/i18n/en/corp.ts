// Corp profile choices (industry, size, weekdays), corp information and working-hours settings.
import type { Messages } from '../zh-CN';

export const industry: Messages['industry'] = {
  it: 'IT / Internet',
  manufacturing: 'Manufacturing',
  retail: 'Retail',
  finance: 'Finance',
  education: 'Education',
  healthcare: 'Healthcare',
  government: 'Government',
  services: 'Services',
  other: 'Other',
};

export const size: Messages['size'] = {
  '1-50': '1–50 people',
  '51-200': '51–200 people',
  '201-500': '201–500 people',
  '501-1000': '501–1000 people',
  '1001-5000': '1001–5000 people',
  '5000+': 'More than 5000 people',
};

export const weekday: Messages['weekday'] = {
  '1': 'Mon',
  '2': 'Tue',
  '3': 'Wed',
  '4': 'Thu',
  '5': 'Fri',
  '6': 'Sat',
  '7': 'Sun',
};

export const corp: Messages['corp'] = {
  title: 'Organization info',
  name: 'Name',
  corpId: 'CorpID',
  creditCode: 'Unified social credit code',
  industry: 'Industry',
  size: 'Head count',
  createdAt: 'Created',
  memberCount: 'Members',
  logo: 'Logo',
  noLogo: 'Not uploaded',
  uploadLogo: 'Upload logo',
  removeLogo: 'Remove',
  removeLogoConfirm: 'Remove the organization logo?',
  logoHint: 'PNG, JPEG or SVG, at most 256 KB',
  logoType: 'Only PNG, JPEG or SVG images',
  logoSize: 'The image must be at most 256 KB',
  logoUpdated: 'Logo updated',
  logoRemoved: 'Logo removed',
  editTitle: 'Edit organization info',
  updated: 'Organization info updated',
};

export const settings: Messages['settings'] = {
  title: 'Working hours',
  general: 'General',
  timezone: 'Time zone',
  language: 'Default console language',
  calendar: 'Work calendar',
  workingDays: 'Working days',
  workingHours: 'Working hours',
  hoursHelp: 'An end before the start means the range runs past midnight and counts for the day it starts on (e.g. a 22:00–06:00 night shift).',
  start: 'Start',
  end: 'End',
  addRange: 'Add range',
  removeRange: 'Remove range',
  holidays: 'Holidays',
  holidaysHelp: 'Working weekdays that are days off',
  makeupWorkdays: 'Make-up workdays',
  makeupHelp: 'Weekend days that are worked',
  addDate: 'Pick a date to add',
  noDates: 'No dates',
  memberPortal: 'Member portal',
  memberTotp: 'Member two-step verification',
  memberTotpRequired: 'Require members to use an authenticator app to sign in',
  memberTotpHelp: 'Members set up an authenticator at their next sign-in; admins always use two-step verification.',
  memberEditableFields: 'Profile fields members may change',
  memberEditableHelp: 'Members can change the checked fields in the member portal; only admins can change the others.',
  memberField: { alias: 'Alias', telephone: 'Telephone', address: 'Address', email: 'Email' },
  saved: 'Settings saved',
};
