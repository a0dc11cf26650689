import { z } from 'zod';
import { corpIdSchema } from './common';
import { languages } from './errors';

/** Step one of admin sign-in: mobile or userid with a password; the CorpID narrows it when needed. */
export const signInRequest = z.object({
  login: z.string().trim().min(1, 'is required').max(64),
  password: z.string().min(1, 'is required').max(128),
  corpId: corpIdSchema.optional(),
});

/** Where sign-in goes next: the TOTP step, enrolment, or picking among several corps. */
export const signInResponse = z.object({
  next: z.enum(['totp', 'enroll_totp', 'choose_corp', 'done']),
  corps: z.array(z.object({ corpId: corpIdSchema, name: z.string() })).optional(),
});

/** A six-digit authenticator code, or one of the ten recovery codes. */
export const secondFactorRequest = z.union([
  z.object({ code: z.string().regex(/^\d{6}$/, 'must be 6 digits') }),
  z.object({ recoveryCode: z.string().trim().regex(/^[a-z0-9]{5}-[a-z0-9]{5}$/i, 'must look like xxxxx-xxxxx') }),
]);

/** The secret to show as a QR code while enrolling an authenticator. */
export const totpEnrollment = z.object({ secret: z.string(), otpauthUrl: z.string() });
export const totpConfirmRequest = z.object({ code: z.string().regex(/^\d{6}$/, 'must be 6 digits') });
export const recoveryCodesResponse = z.object({ recoveryCodes: z.array(z.string()) });

/** Who is signed in, and how far. */
export const sessionStage = z.enum(['second_factor', 'enroll_totp', 'full']);
export const meResponse = z.object({
  stage: sessionStage,
  csrfToken: z.string(),
  corp: z.object({ corpId: corpIdSchema, name: z.string(), defaultLanguage: z.enum(languages) }),
  member: z.object({ userid: z.string(), name: z.string(), isSuperAdmin: z.boolean(), isAdmin: z.boolean() }),
  recoveryCodesLeft: z.number().int(),
});

/** One of my sessions, for the sessions page. */
export const sessionSummary = z.object({
  id: z.string(),
  current: z.boolean(),
  stage: sessionStage,
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  expiresAt: z.string(),
});
export const sessionList = z.object({ items: z.array(sessionSummary) });
export const sessionIdParams = z.object({ id: z.string().uuid() });
