import { z } from 'zod';
import { pageQuery } from './common';

/** Filters of the audit log page and its CSV export. */
export const auditQuery = pageQuery.extend({
  actor: z.string().trim().max(64).optional(),
  action: z.string().trim().max(64).regex(/^[a-z_.]*$/, 'must be a module.verb action').optional(),
  from: z.string().datetime({ offset: true }).optional(),
  to: z.string().datetime({ offset: true }).optional(),
});

/** One audit entry as shown to admins. */
export const auditEntry = z.object({
  seq: z.number().int(),
  at: z.string(),
  actor: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntry>;
export const auditPage = z.object({ items: z.array(auditEntry), total: z.number().int() });

/** The result of checking a corp's hash chain. */
export const auditVerification = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  firstBadSeq: z.number().int().nullable(),
  reason: z.string().nullable(),
});
export type AuditVerification = z.infer<typeof auditVerification>;
