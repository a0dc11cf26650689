// My sign-in sessions and their stages.
import type { Messages } from '../zh-CN';

export const sessions: Messages['sessions'] = {
  title: 'My sessions',
  current: 'Current',
  device: 'Device',
  ip: 'IP address',
  stage: 'Status',
  createdAt: 'Signed in',
  lastSeenAt: 'Last active',
  expiresAt: 'Expires',
  unknown: 'Unknown',
  revoke: 'Revoke',
  revokeConfirm: 'Sign this session out?',
  revokeCurrentConfirm: 'This is your current session; you will have to sign in again. Continue?',
  revoked: 'Session revoked',
  recoveryTitle: 'Recovery codes',
  recoveryLeft: 'Unused recovery codes left: {{count}}',
  regenerate: 'Regenerate recovery codes',
  regenerateTitle: 'Regenerate recovery codes?',
  regenerateBody: 'All previous recovery codes stop working at once.',
  newCodesTitle: 'New recovery codes',
};

export const stage: Messages['stage'] = {
  second_factor: 'Awaiting two-step verification',
  enroll_totp: 'Awaiting authenticator setup',
  full: 'Signed in',
};
