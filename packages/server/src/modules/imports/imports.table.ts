import type { ColumnType, Generated, Selectable } from 'kysely';

type Json<T> = ColumnType<T, string, string>;

export interface ImportJobsTable {
  id: Generated<string>;
  corp_id: string;
  status: 'previewed' | 'applying' | 'succeeded' | 'failed';
  file_name: string;
  format: 'csv' | 'xlsx';
  mode: 'sync' | 'replace';
  create_departments: boolean;
  file: Buffer;
  counts: Json<import('@orgdesk/contracts').ImportCounts>;
  disable_share: number;
  unknown_columns: Json<string[]>;
  new_departments: Json<string[]>;
  errors: Json<import('./row-input').RowError[]>;
  failure_code: string | null;
  failure_detail: string | null;
  created_by: string | null;
  created_at: ColumnType<Date, Date, never>;
  finished_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

/** The tables this module owns. */
export interface ImportsTables {
  import_jobs: ImportJobsTable;
}

export type ImportJobRow = Selectable<ImportJobsTable>;
