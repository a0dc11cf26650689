import type { ColumnType, Generated, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** A message an app sent, stored once. */
export interface MessagesTable {
  id: Generated<string>;
  corp_id: string;
  app_id: string;
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
  app_id: string;
  created_at: Timestamp;
  read_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface MessagesTables {
  messages: MessagesTable;
  inbox_items: InboxItemsTable;
}

export type MessageRow = Selectable<MessagesTable>;
