import { z } from 'zod';
import { pageQuery, useridSchema } from './common';
import { memberEditableFieldOptions, passwordSchema } from './corp';
import { departmentIdSchema, emailSchema, memberFields } from './directory';
import { hideableFields } from './visibility';

// The member portal: activation by invitation, the member's own profile, and the directory as they may see it.

/** How an activation link is sent. */
export const inviteChannels = ['sms', 'email'] as const;
export type InviteChannel = (typeof inviteChannels)[number];
/** An admin's invitation; without a channel, SMS when the member has a mobile, else email. The body itself may be left out. */
export const inviteRequest = z.preprocess((body) => body ?? {}, z.object({ channel: z.enum(inviteChannels).optional() }));
/** What an admin's invitation answers: how and where (masked) the link went, never the link itself. */
export const inviteResponse = z.object({ channel: z.enum(inviteChannels), sentTo: z.string(), expiresAt: z.string() });
export type InviteResponse = z.infer<typeof inviteResponse>;

export const activationQuery = z.object({ token: z.string().min(1, 'is required').max(128, 'must be at most 128 characters') });
/** Whom an activation link is for, so the page can greet them. */
export const activationInfo = z.object({ corpName: z.string(), name: z.string(), userid: z.string() });
export const activationRequest = z.object({ token: z.string().min(1, 'is required').max(128, 'must be at most 128 characters'), password: passwordSchema });
export const activationResponse = z.object({ corpId: z.string(), userid: z.string() });

/** A signed-in member changing their own password: the current one, and a new one under the activation rules. */
export const portalPasswordChange = z.object({ currentPassword: z.string().min(1, 'is required').max(128, 'must be at most 128 characters'), newPassword: passwordSchema });
export type PortalPasswordChange = z.infer<typeof portalPasswordChange>;

const namedDepartment = z.object({ id: z.number().int(), name: z.string() });

/** The member's own record in the portal, with what they may change. */
export const portalProfile = z.object({
  corp: z.object({ corpId: z.string(), name: z.string() }),
  userid: z.string(),
  name: z.string(),
  alias: z.string(),
  mobile: z.string(),
  email: z.string(),
  position: z.string(),
  telephone: z.string(),
  address: z.string(),
  departments: z.array(namedDepartment),
  editableFields: z.array(z.enum(memberEditableFieldOptions)),
});
export type PortalProfile = z.infer<typeof portalProfile>;

/** A member's change to their own profile; only the fields the corp allows are accepted. */
export const portalProfileUpdate = z.strictObject({
  alias: memberFields.alias,
  telephone: memberFields.telephone,
  address: memberFields.address,
  // '' clears it (a member may have only a mobile).
  email: z.union([emailSchema, z.literal('')]).optional(),
});
export type PortalProfileUpdate = z.infer<typeof portalProfileUpdate>;

/** One level of the department tree as the member may see it; without parentId, where their tree starts. */
export const portalDepartmentQuery = z.object({ parentId: departmentIdSchema.optional() });
export const portalDepartment = z.object({ id: z.number().int(), name: z.string(), parentId: z.number().int().nullable(), hasChildren: z.boolean() });
export const portalDepartmentList = z.object({ items: z.array(portalDepartment) });

export const portalMemberQuery = pageQuery.extend({
  department: departmentIdSchema.optional(),
  /** Name, userid, pinyin (full or initials), alias, or a mobile or email the viewer may see. */
  q: z.string().trim().max(64, 'must be at most 64 characters').optional(),
});

/** A colleague as the viewer sees them: fields hidden from the viewer are empty and listed in hiddenFields. */
export const portalMember = z.object({
  userid: z.string(),
  name: z.string(),
  alias: z.string(),
  position: z.string(),
  gender: z.enum(['0', '1', '2']),
  departments: z.array(namedDepartment),
  mobile: z.string(),
  email: z.string(),
  telephone: z.string(),
  address: z.string(),
  hiddenFields: z.array(z.enum(hideableFields)),
  self: z.boolean(),
});
export type PortalMember = z.infer<typeof portalMember>;
export const portalMemberPage = z.object({ items: z.array(portalMember), total: z.number().int() });
export const portalUseridParams = z.object({ userid: useridSchema });
