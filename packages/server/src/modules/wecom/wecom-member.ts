import { memberCreateRequest, memberUpdateRequest, type MemberCreate, type MemberUpdate } from '@orgdesk/contracts';
import { z } from 'zod';
import { AppError } from '../../platform/kernel/app-error';

// A member as WeCom's user/create and user/update send it, turned into our own request and checked with the same
// rules as the console and the importer (one set of rules: the adapter only renames fields).

const int = z.coerce.number().int();
const text = z.union([z.string(), z.number()]).transform(String);

export const wecomMemberBody = z.object({
  userid: z.string({ message: 'is required' }),
  new_userid: z.string().optional(),
  name: z.string().optional(),
  alias: z.string().optional(),
  mobile: text.optional(),
  department: z.array(int).optional(),
  order: z.array(int).optional(),
  position: z.string().optional(),
  gender: text.optional(),
  email: z.string().optional(),
  is_leader_in_dept: z.array(int).optional(),
  direct_leader: z.array(z.string()).optional(),
  enable: int.optional(),
  telephone: text.optional(),
  address: z.string().optional(),
  main_department: int.optional(),
  extattr: z.object({ attrs: z.array(z.object({ name: z.string(), text: z.object({ value: z.string() }).optional() })) }).optional(),
});
export type WecomMemberBody = z.infer<typeof wecomMemberBody>;

/** Our field names in WeCom's, for error messages a WeCom developer can act on. */
const wecomNames: Record<string, string> = { departments: 'department', mainDepartment: 'main_department', directLeaders: 'direct_leader', newUserid: 'new_userid' };

function ours(body: WecomMemberBody) {
  const departments = body.department?.map((id, i) => ({ id, order: body.order?.[i] ?? 0, isLeader: (body.is_leader_in_dept?.[i] ?? 0) === 1 }));
  return {
    name: body.name,
    alias: body.alias,
    mobile: body.mobile === '' ? undefined : body.mobile,
    email: body.email === '' ? undefined : body.email,
    position: body.position,
    gender: body.gender,
    departments,
    mainDepartment: body.main_department,
    directLeaders: body.direct_leader,
    telephone: body.telephone,
    address: body.address,
    extattr: body.extattr?.attrs.map((a) => ({ name: a.name, value: a.text?.value ?? '' })),
  };
}

function checked<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const fields = parsed.error.issues.map((i) => ({ path: i.path.map((p) => wecomNames[String(p)] ?? String(p)).join('.'), reason: i.message }));
  throw new AppError('common.validation_failed', { fields });
}

/** user/create's body as a member to create; a missing department puts the member under the root, as WeCom does. */
export function memberToCreate(body: WecomMemberBody): MemberCreate {
  const fields = ours(body);
  return checked(memberCreateRequest, { userid: body.userid, ...fields, departments: fields.departments?.length ? fields.departments : [{ id: 1 }] });
}

/** user/update's body as a change: only what it carries. */
export function memberToUpdate(body: WecomMemberBody): MemberUpdate {
  const fields = Object.fromEntries(Object.entries(ours(body)).filter(([, v]) => v !== undefined));
  return checked(memberUpdateRequest, { ...fields, ...(body.new_userid ? { newUserid: body.new_userid } : {}) });
}
