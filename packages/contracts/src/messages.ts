import { z } from 'zod';
import { pageQuery } from './common';

// App messages (message/send) as members receive them in the portal's inbox.

/** The kinds of message an app can send today. */
export const messageTypes = ['text', 'textcard', 'markdown'] as const;
export type MessageType = (typeof messageTypes)[number];

const bytesAtMost = (max: number) => (s: string) => Buffer.byteLength(s, 'utf8') <= max;

/** Each kind's content, with WeCom's limits (in UTF-8 bytes where WeCom counts bytes). */
export const messageContent = {
  text: z.object({ content: z.string().min(1, 'is required').refine(bytesAtMost(2048), 'must be at most 2048 bytes') }),
  textcard: z.object({
    title: z.string().min(1, 'is required').refine(bytesAtMost(128), 'must be at most 128 bytes'),
    description: z.string().min(1, 'is required').refine(bytesAtMost(512), 'must be at most 512 bytes'),
    url: z.string().regex(/^https?:\/\/\S+$/, 'must start with http:// or https://').max(2048, 'must be at most 2048 characters'),
    btntxt: z.string().max(4, 'must be at most 4 characters').default('详情'),
  }),
  markdown: z.object({ content: z.string().min(1, 'is required').refine(bytesAtMost(2048), 'must be at most 2048 bytes') }),
} as const;

/** What an inbox item holds: an app's message (text, textcard, markdown) or a system notice ({ title, content, url }). */
export const inboxItemTypes = [...messageTypes, 'notice'] as const;
export type InboxItemType = (typeof inboxItemTypes)[number];

export const inboxItemSchema = z.object({
  id: z.string(),
  /** The sending app; null for the system's own notices (approvals, security). */
  app: z.object({ agentId: z.number().nullable(), name: z.string() }).nullable(),
  /** What happened, e.g. 'app.message' or 'approval.pending'. */
  kind: z.string(),
  msgtype: z.enum(inboxItemTypes),
  body: z.record(z.string(), z.unknown()),
  urgent: z.boolean(),
  createdAt: z.string(),
  read: z.boolean(),
});
export type InboxItem = z.infer<typeof inboxItemSchema>;

export const inboxQuery = pageQuery.extend({ unread: z.enum(['true', 'false']).default('false').transform((v) => v === 'true') });
export const inboxPage = z.object({ items: z.array(inboxItemSchema), total: z.number().int(), unread: z.number().int() });
export const inboxItemParams = z.object({ id: z.uuid('must be a message id') });
export const unreadCount = z.object({ unread: z.number().int() });
