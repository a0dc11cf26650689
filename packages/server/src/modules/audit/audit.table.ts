import type { ColumnType, Selectable } from 'kysely';

type Json = ColumnType<unknown, string | null, never>;

export interface AuditLogTable {
  chain: string;
  seq: number;
  at: ColumnType<Date, Date, never>;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  before: Json;
  after: Json;
  ip: string | null;
  user_agent: string | null;
  request_id: string | null;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadsTable {
  chain: string;
  seq: number;
  hash: string;
}

/** The tables this module owns. */
export interface AuditTables {
  audit_log: AuditLogTable;
  audit_heads: AuditHeadsTable;
}

export type AuditRow = Selectable<AuditLogTable>;
