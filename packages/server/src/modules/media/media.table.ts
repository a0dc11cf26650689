import type { ColumnType, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date, Date>;

/** A temporary file an app uploaded (media/upload), kept for 3 days. */
export interface MediaTable {
  id: string;
  corp_id: string;
  app_id: string;
  type: 'image' | 'voice' | 'video' | 'file';
  file_name: string;
  content_type: string;
  size: number;
  bytes: Buffer;
  expires_at: Timestamp;
  created_at: Timestamp;
}

/** The tables this module owns. */
export interface MediaTables {
  media: MediaTable;
}

export type MediaRow = Selectable<MediaTable>;
