import { z } from 'zod';

/** A CorpID: `ww` followed by 16 lowercase hex characters. */
export const corpIdSchema = z.string().regex(/^ww[0-9a-f]{16}$/, 'must be ww followed by 16 lowercase hex characters');

/** A mainland mobile (11 digits starting with 1) or an international number written `+CC digits`. */
export const mobileSchema = z
  .string()
  .trim()
  .regex(/^(1[3-9]\d{9}|\+\d{1,4}[ -]?\d{4,14})$/, 'must be a mainland mobile number or +country code and number');

/** A userid: letters, digits and `_-@.`, 1–64 characters. */
export const useridSchema = z.string().regex(/^[\w@.-]{1,64}$/, 'letters, digits and _-@. only, 1 to 64 characters');

/** A person's or organization's display name: trimmed, no control characters. */
export const displayName = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'is required')
    .max(max, `must be at most ${max} characters`)
    // eslint-disable-next-line no-control-regex -- control characters are exactly what we refuse
    .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), 'must not contain control characters');

/** Page request for lists: 1-based page, bounded size. */
export const pageQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

/** The answer of every plain acknowledgement. */
export const okResponse = z.object({ ok: z.literal(true) });
