import type { ColumnType, Generated, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface MemberCredentialsTable {
  member_id: string;
  corp_id: string;
  password_hash: string;
  password_changed_at: ColumnType<Date, Date | string | undefined, Date | string>;
  totp_secret: string | null;
  totp_pending_secret: string | null;
  totp_enrolled_at: NullableTimestamp;
  totp_last_step: number | null;
}

export interface RecoveryCodesTable {
  id: Generated<string>;
  member_id: string;
  code_hash: string;
  used_at: NullableTimestamp;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface SessionsTable {
  id: Generated<string>;
  token_hash: string;
  corp_id: string;
  member_id: string;
  stage: 'second_factor' | 'enroll_totp' | 'full';
  /** Opened by an admin (two-step verification always); a member's portal session never gains admin rights. */
  admin: ColumnType<boolean, boolean | undefined, boolean>;
  csrf_token: string;
  ip: string | null;
  user_agent: string | null;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: NullableTimestamp;
}

export interface VerificationCodesTable {
  id: Generated<string>;
  purpose: string;
  target: string;
  code_hash: string;
  attempts: Generated<number>;
  expires_at: Timestamp;
  consumed_at: NullableTimestamp;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface AttemptCountersTable {
  key: string;
  failures: number;
  locked_until: NullableTimestamp;
  updated_at: Timestamp;
}

/** The tables this module owns. */
export interface AuthTables {
  member_credentials: MemberCredentialsTable;
  recovery_codes: RecoveryCodesTable;
  sessions: SessionsTable;
  verification_codes: VerificationCodesTable;
  attempt_counters: AttemptCountersTable;
}

export type SessionRow = Selectable<SessionsTable>;
export type CredentialsRow = Selectable<MemberCredentialsTable>;
