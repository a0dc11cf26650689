import type { ColumnType, Generated, Selectable } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export interface AdminRolesTable {
  id: Generated<string>;
  corp_id: string;
  name: string;
  permissions: string[];
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface AdminAssignmentsTable {
  id: Generated<string>;
  corp_id: string;
  member_id: string;
  /** A built-in role key or a custom role's id. */
  role_id: string;
  scope_departments: ColumnType<number[], number[] | undefined, number[]>;
  scope_tags: ColumnType<number[], number[] | undefined, number[]>;
  scope_own_departments: ColumnType<boolean, boolean | undefined, boolean>;
  status: 'pending' | 'active';
  created_at: CreatedAt;
  activated_at: Date | null;
}

export interface AccessSettingsTable {
  corp_id: string;
  max_super_admins: number;
}

/** The tables this module owns. */
export interface AccessTables {
  admin_roles: AdminRolesTable;
  admin_assignments: AdminAssignmentsTable;
  access_settings: AccessSettingsTable;
}

export type AssignmentRow = Selectable<AdminAssignmentsTable>;
export type CustomRoleRow = Selectable<AdminRolesTable>;
