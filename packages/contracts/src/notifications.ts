import { z } from 'zod';
import { pageQuery } from './common';

// The notifications module's request and response schemas: members' own rules, a corp's settings and webhooks,
// and the delivery history admins read.

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (24-hour)');

/** Whether a string names an IANA time zone this runtime knows (both the server and the browser use Intl). */
function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return name.includes('/') || name === 'UTC';
  } catch {
    return false;
  }
}

/** A member's quiet hours: HH:MM–HH:MM on their own clock; an end not after the start runs past midnight. */
export const quietHoursSchema = z
  .object({ start: hhmm, end: hhmm })
  .refine((q) => q.start !== q.end, { message: 'quiet hours must not start and end at the same time', path: ['end'] });

/** How notices reach a member by email: each one as it arrives, one digest a working morning, or not at all. */
export const emailModes = ['each', 'daily', 'off'] as const;
export type EmailMode = (typeof emailModes)[number];

/**
 * A member's email mode from their preferences as sent: `emailMode` when given, else the older switch `email`
 * (true ⇔ 'each', false ⇔ 'off'), else the default 'each'.
 */
export function emailModeOf(p: { emailMode?: EmailMode | undefined; email?: boolean | undefined }): EmailMode {
  return p.emailMode ?? (p.email === false ? 'off' : 'each');
}

const preferenceFields = {
  quietHours: quietHoursSchema.nullable(),
  /** Their own IANA zone; null follows the corp calendar's. */
  timeZone: z.string().max(64).refine(isTimeZone, 'must be an IANA time zone').nullable(),
  /** Apps whose notices stay silently in the inbox: no push, email or webhook. */
  mutedAppIds: z.array(z.uuid('must be an app id')).max(200),
};

/** A member's own notification rules, as a client saves them. */
export const notificationPreferencesSchema = z
  .object({
    ...preferenceFields,
    /** Notices by email (when the member has an address and the corp sends email): each, a daily digest, or off. */
    emailMode: z.enum(emailModes).optional(),
    /** The older switch, still accepted: false ⇔ emailMode 'off', true ⇔ any other mode. */
    email: z.boolean().optional(),
  })
  // Both given must agree, so a client that knows only the switch cannot silently undo a digest (or the reverse).
  .refine((p) => p.email === undefined || p.emailMode === undefined || p.email === (p.emailMode !== 'off'), { message: 'contradicts emailMode', path: ['email'] });
export type NotificationPreferences = z.infer<typeof notificationPreferencesSchema>;

/** A member's rules as the server answers them: the email mode and the older switch, both always present. */
export const storedNotificationPreferences = z.object({ ...preferenceFields, emailMode: z.enum(emailModes), email: z.boolean() });
export type StoredNotificationPreferences = z.infer<typeof storedNotificationPreferences>;

/** The preferences with what the page needs to show them: the corp's apps (to mute) and the zone in force. */
export const notificationPreferencesView = z.object({
  preferences: storedNotificationPreferences,
  apps: z.array(z.object({ id: z.string(), name: z.string() })),
  calendarTimeZone: z.string(),
});

/** A corp's notification settings. */
export const corpNotificationSettingsSchema = z.object({
  /** Notices wait for the next working time (corp calendar, each member's zone) unless urgent. */
  workingHoursOnly: z.boolean(),
  emailEnabled: z.boolean(),
  webhooksEnabled: z.boolean(),
});
export type CorpNotificationSettings = z.infer<typeof corpNotificationSettingsSchema>;

const webhookUrl = z
  .string()
  .trim()
  .max(2048, 'must be at most 2048 characters')
  .regex(/^https?:\/\/[^\s/?#]+[^\s]*$/, 'must start with http:// or https://');
const webhookName = z.string().trim().min(1, 'is required').max(64, 'must be at most 64 characters');

/** A webhook every notice of the corp is POSTed to, signed with its secret. */
export const webhookSchema = z.object({
  id: z.string(),
  name: z.string(),
  url: z.string(),
  enabled: z.boolean(),
  createdAt: z.string(),
});
export type Webhook = z.infer<typeof webhookSchema>;

export const webhookCreate = z.object({ name: webhookName, url: webhookUrl, enabled: z.boolean().default(true) });
export const webhookUpdate = z.object({ name: webhookName.optional(), url: webhookUrl.optional(), enabled: z.boolean().optional() });
export const webhookParams = z.object({ id: z.uuid('must be a webhook id') });
/** A new webhook, or one whose secret was rotated: the secret is shown this once. */
export const webhookWithSecret = z.object({ webhook: webhookSchema, secret: z.string() });
export const webhookList = z.object({ items: z.array(webhookSchema) });

/** email and webhook copies of one notice; digest: one member's daily email of what they have not read. */
export const deliveryChannels = ['email', 'webhook', 'digest'] as const;
export const deliveryStatuses = ['pending', 'delivered', 'failed', 'skipped'] as const;

/** One outbound delivery (email, webhook or digest), for admins. */
export const deliverySchema = z.object({
  id: z.string(),
  channel: z.enum(deliveryChannels),
  target: z.string(),
  title: z.string(),
  status: z.enum(deliveryStatuses),
  attempts: z.number().int(),
  dueAt: z.string(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  deliveredAt: z.string().nullable(),
});
export const deliveryQuery = pageQuery.extend({ status: z.enum(deliveryStatuses).optional(), channel: z.enum(deliveryChannels).optional() });
export const deliveryPage = z.object({ items: z.array(deliverySchema), total: z.number().int() });

/** What the stream pushes: the unread count, and the newest item when one just arrived. */
export const notificationStreamEvent = z.object({ unread: z.number().int(), latest: z.object({ id: z.string(), title: z.string() }).nullable() });
export type NotificationStreamEvent = z.infer<typeof notificationStreamEvent>;
