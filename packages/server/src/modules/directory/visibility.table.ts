import type { ColumnType, Generated, Selectable } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type IntArray = ColumnType<number[], number[] | undefined, number[]>;
type TextArray = ColumnType<string[], string[] | undefined, string[]>;

export interface VisibilityRulesTable {
  corp_id: string;
  id: Generated<string>;
  name: string;
  /** Members of these departments (with their subtrees) and these tags are the rule's viewers. */
  viewer_departments: IntArray;
  viewer_tags: IntArray;
  sees: 'all' | 'own_departments' | 'listed';
  /** With sees = listed: these departments (with subtrees) and tags. */
  seen_departments: IntArray;
  seen_tags: IntArray;
  hidden_fields: TextArray;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface VisibilityHiddenTable {
  corp_id: string;
  id: Generated<string>;
  /** Exactly one of department_id (with its subtree) and member_id is set. */
  department_id: number | null;
  member_id: string | null;
  allowed_departments: IntArray;
  allowed_tags: IntArray;
  allowed_members: TextArray;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface ExternalContactPermissionsTable {
  corp_id: string;
  mode: 'everyone' | 'listed';
  departments: IntArray;
  tags: IntArray;
  member_ids: TextArray;
  updated_at: UpdatedAt;
}

/** The tables of member visibility and the external-contact permission (owned by the directory module). */
export interface VisibilityTables {
  visibility_rules: VisibilityRulesTable;
  visibility_hidden: VisibilityHiddenTable;
  external_contact_permissions: ExternalContactPermissionsTable;
}

export type VisibilityRuleRow = Selectable<VisibilityRulesTable>;
export type HiddenEntryRow = Selectable<VisibilityHiddenTable>;
