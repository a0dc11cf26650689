import { z } from 'zod';
import { workCalendarSchema } from './calendar';
import { corpIdSchema, displayName, mobileSchema, useridSchema } from './common';
import { languages } from './errors';

/** Industries offered at registration (a short fixed list, like WeCom's). */
export const industries = ['it', 'manufacturing', 'retail', 'finance', 'education', 'healthcare', 'government', 'services', 'other'] as const;
/** Head-count brackets offered at registration. */
export const corpSizes = ['1-50', '51-200', '201-500', '501-1000', '1001-5000', '5000+'] as const;
export const corpIndustrySchema = z.enum(industries);
export const corpSizeSchema = z.enum(corpSizes);

/** A password: 8–128 characters with at least a letter and a digit. */
export const passwordSchema = z
  .string()
  .min(8, 'must be at least 8 characters')
  .max(128, 'must be at most 128 characters')
  .refine((p) => /[A-Za-z]/.test(p) && /\d/.test(p), 'must contain a letter and a digit');

/** Ask for an SMS code that proves the creator owns the mobile. */
export const registrationCodeRequest = z.object({ mobile: mobileSchema });
export const registrationCodeResponse = z.object({ verificationId: z.string(), expiresInSeconds: z.number() });

/** Register a corp once the SMS code is known. The creator's mobile is the verified one. */
export const registrationRequest = z.object({
  verificationId: z.string().uuid(),
  code: z.string().regex(/^\d{6}$/, 'must be 6 digits'),
  name: displayName(64),
  creditCode: z.string().trim().toUpperCase().length(18, 'must be 18 characters'),
  industry: corpIndustrySchema,
  size: corpSizeSchema,
  adminName: displayName(64),
  password: passwordSchema,
});
export const registrationResponse = z.object({ corpId: corpIdSchema, userid: useridSchema, next: z.literal('enroll_totp') });

/** The profile fields a corp may let members edit themselves in the member portal. */
export const memberEditableFieldOptions = ['alias', 'telephone', 'address', 'email'] as const;
export type MemberEditableField = (typeof memberEditableFieldOptions)[number];

/** Settings a corp admin can change; the member portal's settings are optional (left out: unchanged). */
export const corpSettings = z.object({
  defaultLanguage: z.enum(languages),
  calendar: workCalendarSchema,
  /** Whether members who are not admins must use two-step verification (admins always must). */
  memberTotpRequired: z.boolean().optional(),
  /** The fields members may edit on their own profile. */
  memberEditableFields: z.array(z.enum(memberEditableFieldOptions)).max(memberEditableFieldOptions.length, 'lists a field twice').optional(),
});
export type CorpSettings = z.infer<typeof corpSettings>;

/** The corp's settings as stored, every one present. */
export const corpSettingsState = corpSettings.extend({
  memberTotpRequired: z.boolean(),
  memberEditableFields: z.array(z.enum(memberEditableFieldOptions)),
});

/** A logo as a data URL of a PNG, JPEG or SVG image, at most 256 KiB. */
export const logoSchema = z
  .string()
  .max(350_000, 'must be at most 256 KiB')
  .regex(/^data:image\/(png|jpeg|svg\+xml);base64,[A-Za-z0-9+/=]+$/, 'must be a PNG, JPEG or SVG data URL');

/** What the enterprise info page shows. */
export const corpInfo = z.object({
  corpId: corpIdSchema,
  name: z.string(),
  creditCode: z.string(),
  industry: corpIndustrySchema,
  size: corpSizeSchema,
  logo: z.string().nullable(),
  createdAt: z.string(),
  memberCount: z.number().int(),
  settings: corpSettingsState,
});
export type CorpInfo = z.infer<typeof corpInfo>;

/** Change the corp's profile; every field optional. */
export const corpProfileUpdate = z.object({
  name: displayName(64).optional(),
  industry: corpIndustrySchema.optional(),
  size: corpSizeSchema.optional(),
  logo: logoSchema.nullable().optional(),
});
