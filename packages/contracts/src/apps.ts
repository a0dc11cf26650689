import { z } from 'zod';
import { corpIdSchema, displayName, useridSchema } from './common';
import { departmentIdSchema } from './directory';

// 应用管理: the corp's custom apps and its directory-sync app, which call the WeCom-compatible API at /cgi-bin.

/** The two kinds of app: a custom app (自建应用, with an AgentID) and the one directory-sync app (通讯录同步). */
export const appKinds = ['custom', 'contacts_sync'] as const;
export type AppKind = (typeof appKinds)[number];

/** An AgentID, as WeCom numbers custom apps: 1000002 and up. */
export const agentIdSchema = z.coerce.number().int('must be a whole number').min(1_000_002, 'must be at least 1000002').max(2_147_483_647, 'is too large');

const tagId = z.number().int('must be a whole number').min(1, 'must be at least 1').max(2_147_483_647, 'is too large');

/** Who an app may see and reach: members, departments (each with its subtree) and tags; or everyone. */
export const visibleRangeSchema = z.object({
  all: z.boolean().default(false),
  userids: z.array(useridSchema).max(1000, 'at most 1000 members').default([]),
  departmentIds: z.array(departmentIdSchema).max(100, 'at most 100 departments').default([]),
  tagIds: z.array(tagId).max(100, 'at most 100 tags').default([]),
});
export type VisibleRange = z.infer<typeof visibleRangeSchema>;

/** A trusted IP: an IPv4 or IPv6 address, or a CIDR block (checked fully on the server). */
export const trustedIpSchema = z.string().trim().min(1, 'is required').max(64, 'must be at most 64 characters');
/** A trusted domain: a host name with an optional port, no scheme or path (WeCom matches it exactly). */
export const trustedDomainSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(?=.{1,253}(:\d{1,5})?$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(:\d{1,5})?$/, 'must be a host name, with a port if any, and no scheme or path');

const homeUrl = z.string().trim().max(512, 'must be at most 512 characters').regex(/^https?:\/\/\S+$/, 'must start with http:// or https://');

/** What an admin sets on a custom app. */
export const appCreateRequest = z.object({
  name: displayName(32),
  description: z.string().trim().max(120, 'must be at most 120 characters').default(''),
  visibleRange: visibleRangeSchema.default({ all: false, userids: [], departmentIds: [], tagIds: [] }),
  homeUrl: homeUrl.nullable().default(null),
});
export type AppCreateRequest = z.infer<typeof appCreateRequest>;

export const appUpdateRequest = z
  .object({
    name: displayName(32),
    description: z.string().trim().max(120, 'must be at most 120 characters'),
    visibleRange: visibleRangeSchema,
    homeUrl: homeUrl.nullable(),
    trustedDomains: z.array(trustedDomainSchema).max(20, 'at most 20 domains'),
    trustedIps: z.array(trustedIpSchema).max(100, 'at most 100 addresses'),
    enabled: z.boolean(),
    /** The directory-sync app only: "API接口同步" — off, the API may only read the directory; on, it may write. */
    apiWrite: z.boolean(),
  })
  .partial();
export type AppUpdateRequest = z.infer<typeof appUpdateRequest>;

/** A callback receiver, checked with WeCom's echostr handshake before it is saved. */
export const appCallbackRequest = z.object({
  url: z.string().trim().max(512, 'must be at most 512 characters').regex(/^https?:\/\/\S+$/, 'must start with http:// or https://'),
  token: z.string().regex(/^[A-Za-z0-9]{1,32}$/, 'letters and digits only, 1 to 32 characters'),
  encodingAesKey: z.string().regex(/^[A-Za-z0-9]{43}$/, 'exactly 43 letters and digits'),
});
export type AppCallbackRequest = z.infer<typeof appCallbackRequest>;

/** A secret reset needs the admin's current two-step code. */
export const appSecretResetRequest = z.object({ code: z.string().trim().regex(/^\d{6}$/, 'must be 6 digits') });

export const appIdParams = z.object({ id: z.uuid('must be an app id') });

/** An app as the console shows it; its secret never appears here. */
export const appSchema = z.object({
  id: z.string(),
  kind: z.enum(appKinds),
  agentId: z.number().nullable(),
  name: z.string(),
  description: z.string(),
  homeUrl: z.string().nullable(),
  visibleRange: z.object({ all: z.boolean(), userids: z.array(z.string()), departmentIds: z.array(z.number()), tagIds: z.array(z.number()) }),
  trustedDomains: z.array(z.string()),
  trustedIps: z.array(z.string()),
  callback: z.object({ url: z.string(), verifiedAt: z.string() }).nullable(),
  enabled: z.boolean(),
  apiWrite: z.boolean(),
  /** The secret's last four characters, so an admin can tell which one a server holds. */
  secretHint: z.string(),
  /** Where the app's logo is served (relative to the server), or null when it has none. */
  logoUrl: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type App = z.infer<typeof appSchema>;
export const appList = z.object({ corpId: corpIdSchema, items: z.array(appSchema) });

/** The one time a secret is shown: at creation and at each reset. */
export const appSecretResponse = z.object({ app: appSchema, secret: z.string() });
export type AppSecretResponse = z.infer<typeof appSecretResponse>;

/** One event sent (or being sent) to an app's callback URL. */
export const callbackDeliverySchema = z.object({
  id: z.string(),
  event: z.string(),
  changeType: z.string().nullable(),
  status: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  deliveredAt: z.string().nullable(),
});
export type CallbackDelivery = z.infer<typeof callbackDeliverySchema>;
export const callbackDeliveryPage = z.object({ items: z.array(callbackDeliverySchema), total: z.number().int() });
export const callbackDeliveryQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  status: z.enum(['pending', 'delivered', 'failed']).optional(),
});
