import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { WorkCalendar } from '@orgdesk/contracts';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;

export interface CorpsTable {
  id: string;
  name: string;
  credit_code: string;
  industry: string;
  size: string;
  logo: string | null;
  default_language: string;
  calendar: ColumnType<WorkCalendar, string, string>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface DepartmentsTable {
  corp_id: string;
  id: number;
  parent_id: number | null;
  name: string;
  sort_order: Generated<number>;
  created_at: CreatedAt;
}

export interface MembersTable {
  id: Generated<string>;
  corp_id: string;
  userid: string;
  name: string;
  mobile: string | null;
  email: string | null;
  main_department: number;
  status: Generated<number>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface MemberDepartmentsTable {
  corp_id: string;
  member_id: string;
  department_id: number;
  sort_order: Generated<number>;
  is_leader: Generated<boolean>;
}

export interface CorpAdminsTable {
  corp_id: string;
  member_id: string;
  role: 'super_admin';
  created_at: CreatedAt;
}

/** The tables this module owns. */
export interface CorpTables {
  corps: CorpsTable;
  departments: DepartmentsTable;
  members: MembersTable;
  member_departments: MemberDepartmentsTable;
  corp_admins: CorpAdminsTable;
}

export type CorpRow = Selectable<CorpsTable>;
export type NewMember = Insertable<MembersTable>;
export type MemberRow = Selectable<MembersTable>;
