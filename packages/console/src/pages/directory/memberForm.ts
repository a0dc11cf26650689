import dayjs, { type Dayjs } from 'dayjs';
import { pathToName, type FieldPathMapper } from '../../api/useErrorReporter';
import type { Member, MemberCreate, MemberUpdate } from '../../api/types';

/** The member form's values; departments are split into ids, leaderships and the main one. */
export interface MemberFormValues {
  userid?: string;
  newUserid?: string;
  name: string;
  alias?: string;
  mobile?: string;
  email?: string;
  position?: string;
  gender: '0' | '1' | '2';
  departmentIds: number[];
  leaderOf: number[];
  mainDepartment?: number;
  directLeaders: string[];
  telephone?: string;
  address?: string;
  joinDate?: Dayjs | null;
  extattr: { name?: string; value?: string }[];
}

export function toFormValues(member: Member | undefined, departmentId: number | undefined): Partial<MemberFormValues> {
  if (!member) {
    const departmentIds = departmentId === undefined ? [] : [departmentId];
    return { gender: '0', departmentIds, leaderOf: [], mainDepartment: departmentId, directLeaders: [], extattr: [] };
  }
  return {
    newUserid: member.userid,
    name: member.name,
    alias: member.alias,
    mobile: member.mobile,
    email: member.email,
    position: member.position,
    gender: member.gender,
    departmentIds: member.departments.map((d) => d.id),
    leaderOf: member.departments.filter((d) => d.isLeader).map((d) => d.id),
    mainDepartment: member.mainDepartment,
    directLeaders: member.directLeaders,
    telephone: member.telephone,
    address: member.address,
    joinDate: member.joinDate ? dayjs(member.joinDate) : null,
    extattr: member.extattr,
  };
}

const text = (value: string | undefined) => value?.trim() || undefined;

function departmentsOf(values: MemberFormValues, member?: Member) {
  return values.departmentIds.map((id) => ({
    id,
    // Keep the member's place within departments they stay in.
    order: member?.departments.find((d) => d.id === id)?.order ?? 0,
    isLeader: values.leaderOf.includes(id),
  }));
}

function extattrOf(values: MemberFormValues) {
  return values.extattr.filter((attr) => attr.name?.trim()).map((attr) => ({ name: attr.name!.trim(), value: attr.value?.trim() ?? '' }));
}

export function toCreateRequest(values: MemberFormValues): MemberCreate {
  return {
    userid: values.userid?.trim() ?? '',
    name: values.name,
    alias: text(values.alias),
    mobile: text(values.mobile),
    email: text(values.email),
    position: text(values.position),
    gender: values.gender,
    departments: departmentsOf(values),
    mainDepartment: values.mainDepartment,
    directLeaders: values.directLeaders,
    telephone: text(values.telephone),
    address: text(values.address),
    joinDate: values.joinDate?.format('YYYY-MM-DD'),
    extattr: extattrOf(values),
  };
}

/** Every field is sent; cleared texts become '' (or null for mobile and email, which must otherwise be valid). */
export function toUpdateRequest(values: MemberFormValues, member: Member): MemberUpdate {
  const newUserid = values.newUserid?.trim();
  return {
    newUserid: newUserid && newUserid !== member.userid ? newUserid : undefined,
    name: values.name,
    alias: values.alias?.trim() ?? '',
    mobile: text(values.mobile) ?? null,
    email: text(values.email) ?? null,
    position: values.position?.trim() ?? '',
    gender: values.gender,
    departments: departmentsOf(values, member),
    mainDepartment: values.mainDepartment,
    directLeaders: values.directLeaders,
    telephone: values.telephone?.trim() ?? '',
    address: values.address?.trim() ?? '',
    // The API cannot clear a join date once set, so an empty picker leaves it as it is.
    joinDate: values.joinDate?.format('YYYY-MM-DD'),
    extattr: extattrOf(values),
  };
}

const plainFields = ['userid', 'newUserid', 'name', 'alias', 'mobile', 'email', 'position', 'gender', 'mainDepartment', 'telephone', 'address', 'joinDate'];

/** Puts the server's field reasons next to the inputs that hold them. */
export const memberFieldPath: FieldPathMapper = (path) => {
  const name = pathToName(path);
  const [head] = name;
  if (head === 'departments') return ['departmentIds'];
  if (head === 'directLeaders') return ['directLeaders'];
  if (head === 'extattr') return name.length === 3 ? name : null;
  return plainFields.includes(String(head)) ? [String(head)] : null;
};
