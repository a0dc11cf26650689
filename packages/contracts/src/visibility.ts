import { z } from 'zod';
import { displayName, pageQuery, useridSchema } from './common';
import { departmentIdSchema } from './directory';

// Member visibility (通讯录权限) and the external-contact permission (外部联系人权限). See docs/adr/0010.

/** What a visibility rule lets its viewers see: the whole corp, their own departments' subtrees, or listed departments and tags. */
export const visibilityScopes = ['all', 'own_departments', 'listed'] as const;
export type VisibilityScope = (typeof visibilityScopes)[number];

/** The member fields a rule may hide from its viewers. */
export const hideableFields = ['mobile', 'email', 'telephone', 'address'] as const;
export type HideableField = (typeof hideableFields)[number];

const tagIdSchema = z.number().int('must be a whole number').min(1, 'must be at least 1').max(2_147_483_647, 'is too large');
const departmentIds = z.array(departmentIdSchema).max(100, 'at most 100 departments').default([]);
const tagIds = z.array(tagIdSchema).max(100, 'at most 100 tags').default([]);
const userids = z.array(useridSchema).max(1000, 'at most 1000 members').default([]);

/** A rule as the console and the API write it; repeated ids are accepted and kept once. */
export const visibilityRuleRequest = z
  .object({
    name: displayName(64),
    viewerDepartmentIds: departmentIds,
    viewerTagIds: tagIds,
    sees: z.enum(visibilityScopes),
    seenDepartmentIds: departmentIds,
    seenTagIds: tagIds,
    hiddenFields: z.array(z.enum(hideableFields)).max(hideableFields.length, 'lists a field twice').default([]),
  })
  .superRefine((rule, ctx) => {
    if (rule.viewerDepartmentIds.length + rule.viewerTagIds.length === 0) ctx.addIssue({ code: 'custom', path: ['viewerDepartmentIds'], message: 'at least one viewer department or tag' });
    if (rule.sees === 'listed' && rule.seenDepartmentIds.length + rule.seenTagIds.length === 0) ctx.addIssue({ code: 'custom', path: ['seenDepartmentIds'], message: 'at least one department or tag to see' });
    if (rule.sees !== 'listed') {
      if (rule.seenDepartmentIds.length) ctx.addIssue({ code: 'custom', path: ['seenDepartmentIds'], message: 'only when the rule sees listed departments or tags' });
      if (rule.seenTagIds.length) ctx.addIssue({ code: 'custom', path: ['seenTagIds'], message: 'only when the rule sees listed departments or tags' });
    }
  });
export type VisibilityRuleInput = z.infer<typeof visibilityRuleRequest>;

const namedDepartment = z.object({ id: z.number().int(), name: z.string() });
const namedTag = z.object({ id: z.number().int(), name: z.string() });
const namedMember = z.object({ userid: z.string(), name: z.string() });

/** A rule as stored; departments and tags deleted since are left out (they no longer match anyone). */
export const visibilityRuleSchema = z.object({
  id: z.string(),
  name: z.string(),
  viewerDepartments: z.array(namedDepartment),
  viewerTags: z.array(namedTag),
  sees: z.enum(visibilityScopes),
  seenDepartments: z.array(namedDepartment),
  seenTags: z.array(namedTag),
  hiddenFields: z.array(z.enum(hideableFields)),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type VisibilityRule = z.infer<typeof visibilityRuleSchema>;
export const visibilityRuleList = z.object({ items: z.array(visibilityRuleSchema) });
export const visibilityIdParams = z.object({ id: z.uuid('must be an id given by the server') });

/** A department (with its subtree) or a member hidden from every member but the allowed ones. Exactly one target. */
export const hiddenEntryRequest = z
  .object({
    departmentId: departmentIdSchema.optional(),
    userid: useridSchema.optional(),
    allowedDepartmentIds: departmentIds,
    allowedTagIds: tagIds,
    allowedUserids: userids,
  })
  .superRefine((entry, ctx) => {
    if ((entry.departmentId === undefined) === (entry.userid === undefined)) ctx.addIssue({ code: 'custom', path: ['departmentId'], message: 'give either a departmentId or a userid' });
  });
export type HiddenEntryInput = z.infer<typeof hiddenEntryRequest>;

export const hiddenEntrySchema = z.object({
  id: z.string(),
  kind: z.enum(['department', 'member']),
  department: namedDepartment.nullable(),
  member: namedMember.nullable(),
  allowedDepartments: z.array(namedDepartment),
  allowedTags: z.array(namedTag),
  allowedMembers: z.array(namedMember),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type HiddenEntry = z.infer<typeof hiddenEntrySchema>;
export const hiddenEntryList = z.object({ items: z.array(hiddenEntrySchema) });

/** "What does member X see?": a page of what X would find (optionally searched), as X would see it. */
export const visibilityPreviewQuery = pageQuery.extend({
  userid: useridSchema,
  q: z.string().trim().max(64, 'must be at most 64 characters').optional(),
});

/** One member as the previewed viewer sees them: a hidden field is null. */
export const previewMemberSchema = z.object({
  userid: z.string(),
  name: z.string(),
  alias: z.string(),
  position: z.string(),
  departments: z.array(namedDepartment),
  mobile: z.string().nullable(),
  email: z.string().nullable(),
  telephone: z.string().nullable(),
  address: z.string().nullable(),
  /** The viewer themself (always visible, nothing hidden). */
  self: z.boolean(),
});
export type PreviewMember = z.infer<typeof previewMemberSchema>;

export const visibilityPreviewSchema = z.object({
  viewer: namedMember,
  /** The rules that apply to the viewer; none means the WeCom default, the whole organization. */
  rules: z.array(z.object({ id: z.string(), name: z.string() })),
  seesWholeOrganization: z.boolean(),
  hiddenFields: z.array(z.enum(hideableFields)),
  /** Everyone and every department the viewer can see (members who left excluded). */
  counts: z.object({ members: z.number().int(), departments: z.number().int() }),
  /** The visible departments whose parent the viewer cannot see: where their directory tree starts. */
  topDepartments: z.array(namedDepartment.extend({ parentId: z.number().int().nullable() })),
  items: z.array(previewMemberSchema),
  /** Members matching `q` (all visible ones without it). */
  total: z.number().int(),
});
export type VisibilityPreview = z.infer<typeof visibilityPreviewSchema>;

/** Who may add external contacts: everyone (WeCom's default), or only the listed departments (with subtrees), tags and members. */
export const externalContactModes = ['everyone', 'listed'] as const;
export const externalContactRequest = z
  .object({
    mode: z.enum(externalContactModes),
    departmentIds: departmentIds,
    tagIds: tagIds,
    userids: userids,
  })
  .superRefine((value, ctx) => {
    if (value.mode === 'everyone' && value.departmentIds.length + value.tagIds.length + value.userids.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['mode'], message: 'lists are only used when mode is listed' });
    }
  });
export type ExternalContactInput = z.infer<typeof externalContactRequest>;

export const externalContactSchema = z.object({
  mode: z.enum(externalContactModes),
  departments: z.array(namedDepartment),
  tags: z.array(namedTag),
  members: z.array(namedMember),
  /** Null until an admin first saves the setting (the default applies). */
  updatedAt: z.string().nullable(),
});
export type ExternalContactSetting = z.infer<typeof externalContactSchema>;

export const externalContactCheckQuery = z.object({ userid: useridSchema });
export const externalContactCheck = z.object({ userid: z.string(), allowed: z.boolean() });
