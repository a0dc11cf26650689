import type { ColumnType, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** One live invitation to activate per member; a new one replaces it. Only the token's SHA-256 is kept. */
export interface MemberInvitesTable {
  member_id: string;
  corp_id: string;
  token_hash: string;
  expires_at: Timestamp;
  used_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_at: Timestamp;
}

/** The tables this module owns. */
export interface PortalTables {
  member_invites: MemberInvitesTable;
}

export type InviteRow = Selectable<MemberInvitesTable>;
