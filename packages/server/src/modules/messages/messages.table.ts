import type { ColumnType, Generated, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** A message an app sent, stored once. */
export interface MessagesTable {
  id: Generated<string>;
  corp_id: string;
  /** Null for the system's own notices (approvals, security). */
  app_id: string | null;
  /** What happened: 'app.message' for message/send, e.g. 'approval.pending' for the system. */
  kind: ColumnType<string, string | undefined, string>;
  /** One notice per (corp, event key): notifying the same event twice finds it again. */
  event_key: ColumnType<string | null, string | null | undefined, string | null>;
  urgent: ColumnType<boolean, boolean | undefined, boolean>;
  msgtype: string;
  body: ColumnType<unknown, string, string>;
  recipients: number;
  created_at: Timestamp;
}

/** One recipient's copy: read or not. */
export interface InboxItemsTable {
  message_id: string;
  member_id: string;
  corp_id: string;
  app_id: string | null;
  created_at: Timestamp;
  /** From when the member sees it: the send time, or later when their rules deferred it. */
  due_at: Timestamp;
  /** Deferred and not yet announced on the live stream. */
  push_pending: ColumnType<boolean, boolean | undefined, boolean>;
  read_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface MessagesTables {
  messages: MessagesTable;
  inbox_items: InboxItemsTable;
}

export type MessageRow = Selectable<MessagesTable>;
