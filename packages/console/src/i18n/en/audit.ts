// The audit log page.
import type { Messages } from '../zh-CN';

export const audit: Messages['audit'] = {
  title: 'Audit log',
  actor: 'Actor',
  actorPlaceholder: 'Actor userid',
  action: 'Action',
  actionPlaceholder: 'e.g. corp.update',
  timeRange: 'Time range',
  export: 'Export CSV',
  verify: 'Verify integrity',
  verifyOk: 'Verified: {{checked}} entries checked, the chain is intact',
  verifyBad: 'Verification failed: {{checked}} entries checked, entry #{{seq}} is broken',
  verifyReason: 'Reason: {{reason}}',
  seq: 'Seq',
  time: 'Time',
  target: 'Target',
  ip: 'IP address',
  before: 'Before',
  after: 'After',
  userAgent: 'Client',
  hash: 'Hash',
  system: 'System',
  total: '{{total}} entries',
};
