import type { ColumnType, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export type OAuthScope = 'snsapi_base' | 'snsapi_privateinfo';

/** A one-time OAuth code for a member signing in to an app, and the user ticket it may yield. */
export interface OAuthCodesTable {
  code_hash: string;
  corp_id: string;
  member_id: string;
  app_id: string | null;
  scope: OAuthScope;
  redirect_host: string;
  expires_at: Timestamp;
  used_at: NullableTimestamp;
  ticket_hash: string | null;
  ticket_expires_at: NullableTimestamp;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface OAuthTables {
  oauth_codes: OAuthCodesTable;
}

export type OAuthCodeRow = Selectable<OAuthCodesTable>;
