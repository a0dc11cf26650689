import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type TextArray = ColumnType<string[], string[] | undefined, string[]>;
/** A date column read as 'YYYY-MM-DD' (see the DATE type parser in platform/db/connect.ts). */
type DateOnly = ColumnType<string | null, string | null | undefined, string | null>;

export interface DepartmentsTable {
  corp_id: string;
  id: number;
  parent_id: number | null;
  name: string;
  sort_order: Generated<number>;
  leaders: TextArray;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface MembersTable {
  id: Generated<string>;
  corp_id: string;
  userid: string;
  name: string;
  alias: Generated<string>;
  mobile: string | null;
  email: string | null;
  position: Generated<string>;
  gender: Generated<string>;
  main_department: number;
  direct_leaders: TextArray;
  telephone: Generated<string>;
  address: Generated<string>;
  extattr: ColumnType<{ name: string; value: string }[], string | undefined, string>;
  join_date: DateOnly;
  /** 1 active, 2 disabled, 4 not yet activated, 5 left (WeCom's values). */
  status: Generated<number>;
  search_text: Generated<string>;
  name_sort: Generated<string>;
  activated_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
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

export interface TagsTable {
  corp_id: string;
  id: number;
  name: string;
  created_at: CreatedAt;
}

export interface TagMembersTable {
  corp_id: string;
  tag_id: number;
  member_id: string;
}

export interface TagDepartmentsTable {
  corp_id: string;
  tag_id: number;
  department_id: number;
}

/** The tables this module owns. */
export interface DirectoryTables {
  departments: DepartmentsTable;
  members: MembersTable;
  member_departments: MemberDepartmentsTable;
  tags: TagsTable;
  tag_members: TagMembersTable;
  tag_departments: TagDepartmentsTable;
}

export type DepartmentRow = Selectable<DepartmentsTable>;
export type MemberRow = Selectable<MembersTable>;
export type NewMember = Insertable<MembersTable>;
