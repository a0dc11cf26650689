import { z } from 'zod';
import { displayName, mobileSchema, pageQuery, useridSchema } from './common';

// One set of rules for members, departments and tags: the API, the console forms and the importer all use these.

/** A department name: 1–64 characters, none of \ : * ? " < > |. */
export const departmentNameSchema = displayName(64).refine((s) => !/[\\:*?"<>|]/.test(s), 'must not contain \\ : * ? " < > |');

/** A department id: a positive 32-bit integer; the root is 1. */
export const departmentIdSchema = z.coerce.number().int('must be a whole number').min(1, 'must be at least 1').max(2_147_483_647, 'is too large');

/** Sort order within a parent: larger first, as WeCom orders them. */
export const orderSchema = z.number().int('must be a whole number').min(0, 'must not be negative').max(4_294_967_295, 'is too large');

export const departmentCreateRequest = z.object({
  name: departmentNameSchema,
  parentId: departmentIdSchema,
  order: orderSchema.optional(),
  /** Give an id to create it with (as WeCom allows); otherwise the next free one is used. */
  id: departmentIdSchema.optional(),
  leaders: z.array(useridSchema).max(20, 'at most 20 leaders').optional(),
});

export const departmentUpdateRequest = z.object({
  name: departmentNameSchema.optional(),
  parentId: departmentIdSchema.optional(),
  order: orderSchema.optional(),
  leaders: z.array(useridSchema).max(20, 'at most 20 leaders').optional(),
});

export const departmentSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  parentId: z.number().int().nullable(),
  order: z.number().int(),
  leaders: z.array(z.string()),
  hasChildren: z.boolean(),
  /** Members whose departments include this one (not its sub-departments), left ones excluded. */
  memberCount: z.number().int(),
});
export type Department = z.infer<typeof departmentSchema>;
export const departmentList = z.object({ items: z.array(departmentSchema) });
export const departmentIdParams = z.object({ id: departmentIdSchema });
export const departmentChildrenQuery = z.object({ parentId: departmentIdSchema.optional() });

/** WeCom's member statuses. */
export const memberStatuses = { active: 1, disabled: 2, notActivated: 4, left: 5 } as const;
export const memberStatusSchema = z.union([z.literal(1), z.literal(2), z.literal(4), z.literal(5)]);

/** 0 unknown, 1 male, 2 female (WeCom's values, as strings). */
export const genderSchema = z.enum(['0', '1', '2']);

export const emailSchema = z.string().trim().max(64, 'must be at most 64 characters').email('must be an email address');
export const telephoneSchema = z.string().trim().max(32, 'must be at most 32 characters').regex(/^[0-9+\-() ]*$/, 'digits, spaces and + - ( ) only');
export const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD').refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'is not a real date');

export const memberDepartmentSchema = z.object({
  id: departmentIdSchema,
  order: orderSchema.default(0),
  isLeader: z.boolean().default(false),
});

export const extAttrSchema = z
  .array(z.object({ name: displayName(32), value: z.string().trim().max(256, 'must be at most 256 characters') }))
  .max(20, 'at most 20 custom attributes')
  .refine((attrs) => new Set(attrs.map((a) => a.name)).size === attrs.length, 'attribute names must not repeat');

/** The rules of each member field: one set for the admin's forms, the member's own profile and the importer. */
export const memberFields = {
  name: displayName(64),
  alias: z.string().trim().max(64, 'must be at most 64 characters').optional(),
  mobile: mobileSchema.optional(),
  email: emailSchema.optional(),
  position: z.string().trim().max(128, 'must be at most 128 characters').optional(),
  gender: genderSchema.optional(),
  departments: z.array(memberDepartmentSchema).min(1, 'at least one department').max(100, 'at most 100 departments'),
  mainDepartment: departmentIdSchema.optional(),
  directLeaders: z.array(useridSchema).max(5, 'at most 5 direct leaders').optional(),
  telephone: telephoneSchema.optional(),
  address: z.string().trim().max(128, 'must be at most 128 characters').optional(),
  extattr: extAttrSchema.optional(),
  joinDate: isoDateSchema.optional(),
};

function memberRules<T extends { mobile?: string; email?: string; departments?: { id: number }[]; mainDepartment?: number; directLeaders?: string[] }>(
  value: T,
  ctx: z.RefinementCtx,
  options: { requireContact: boolean; userid?: string },
): void {
  if (options.requireContact && !value.mobile && !value.email) ctx.addIssue({ code: 'custom', path: ['mobile'], message: 'a mobile or an email is required' });
  if (value.departments) {
    const ids = value.departments.map((d) => d.id);
    if (new Set(ids).size !== ids.length) ctx.addIssue({ code: 'custom', path: ['departments'], message: 'departments must not repeat' });
    if (value.mainDepartment !== undefined && !ids.includes(value.mainDepartment)) ctx.addIssue({ code: 'custom', path: ['mainDepartment'], message: 'must be one of the member\'s departments' });
  }
  if (options.userid && value.directLeaders?.some((l) => l.toLowerCase() === options.userid!.toLowerCase())) {
    ctx.addIssue({ code: 'custom', path: ['directLeaders'], message: 'a member cannot be their own leader' });
  }
}

/** A new member. A mobile or an email is required, as in WeCom. */
export const memberCreateRequest = z
  .object({ userid: useridSchema, ...memberFields })
  .superRefine((value, ctx) => memberRules(value, ctx, { requireContact: true, userid: value.userid }));
export type MemberCreate = z.infer<typeof memberCreateRequest>;

/** A change to a member; `newUserid` renames one who has not activated yet. */
export const memberUpdateRequest = z
  .object({
    newUserid: useridSchema.optional(),
    ...memberFields,
    departments: memberFields.departments.optional(),
    name: memberFields.name.optional(),
    mobile: mobileSchema.nullable().optional(),
    email: emailSchema.nullable().optional(),
    joinDate: isoDateSchema.nullable().optional(),
  })
  .superRefine((value, ctx) => memberRules({ ...value, mobile: value.mobile ?? undefined, email: value.email ?? undefined }, ctx, { requireContact: false }));
export type MemberUpdate = z.infer<typeof memberUpdateRequest>;

export const memberSchema = z.object({
  userid: z.string(),
  name: z.string(),
  alias: z.string(),
  mobile: z.string(),
  email: z.string(),
  position: z.string(),
  gender: genderSchema,
  departments: z.array(z.object({ id: z.number().int(), name: z.string(), order: z.number().int(), isLeader: z.boolean() })),
  mainDepartment: z.number().int(),
  directLeaders: z.array(z.string()),
  telephone: z.string(),
  address: z.string(),
  extattr: z.array(z.object({ name: z.string(), value: z.string() })),
  joinDate: z.string().nullable(),
  status: memberStatusSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Member = z.infer<typeof memberSchema>;

export const memberSortFields = ['name', 'userid', 'joinDate', 'createdAt'] as const;
export const memberListQuery = pageQuery.extend({
  department: departmentIdSchema.optional(),
  /** With `department`: include its sub-departments. */
  recursive: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  status: z.coerce.number().pipe(memberStatusSchema).optional(),
  /** Name, userid, mobile, email or pinyin (full or initials). */
  q: z.string().trim().max(64).optional(),
  sort: z.enum(memberSortFields).default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
});
export type MemberListQuery = z.infer<typeof memberListQuery>;
export const memberPage = z.object({ items: z.array(memberSchema), total: z.number().int() });
export const useridParams = z.object({ userid: useridSchema });
export const useridsRequest = z.object({ userids: z.array(useridSchema).min(1, 'at least one userid').max(500, 'at most 500 at once') });
export const batchResult = z.object({ done: z.array(z.string()), failed: z.array(z.object({ userid: z.string(), code: z.string(), message: z.string() })) });

/** Move several members at once into one department (replacing their departments). */
export const memberMoveRequest = useridsRequest.extend({ departmentId: departmentIdSchema });

export const tagNameSchema = displayName(32);
export const tagCreateRequest = z.object({ name: tagNameSchema, id: z.number().int().min(1).max(2_147_483_647).optional() });
export const tagUpdateRequest = z.object({ name: tagNameSchema });
export const tagSchema = z.object({ id: z.number().int(), name: z.string(), memberCount: z.number().int(), departmentCount: z.number().int() });
export const tagList = z.object({ items: z.array(tagSchema) });
export const tagIdParams = z.object({ id: z.coerce.number().int().min(1).max(2_147_483_647) });
export const tagMembersRequest = z
  .object({ userids: z.array(useridSchema).max(1000, 'at most 1000 at once').default([]), departmentIds: z.array(departmentIdSchema).max(100, 'at most 100 at once').default([]) })
  .refine((v) => v.userids.length + v.departmentIds.length > 0, 'give userids or departmentIds');
export const tagDetail = z.object({
  id: z.number().int(),
  name: z.string(),
  members: z.array(z.object({ userid: z.string(), name: z.string() })),
  departmentIds: z.array(z.number().int()),
});
