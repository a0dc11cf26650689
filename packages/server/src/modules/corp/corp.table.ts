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
  member_totp_required: ColumnType<boolean, boolean | undefined, boolean>;
  member_editable_fields: ColumnType<string[], string[] | undefined, string[]>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

/** The tables this module owns. */
export interface CorpTables {
  corps: CorpsTable;
}

export type CorpRow = Selectable<CorpsTable>;
