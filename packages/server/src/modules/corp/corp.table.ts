import type { ColumnType, Selectable } from 'kysely';
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

export interface CorpAdminsTable {
  corp_id: string;
  member_id: string;
  role: 'super_admin';
  created_at: CreatedAt;
}

/** The tables this module owns. */
export interface CorpTables {
  corps: CorpsTable;
  corp_admins: CorpAdminsTable;
}

export type CorpRow = Selectable<CorpsTable>;
