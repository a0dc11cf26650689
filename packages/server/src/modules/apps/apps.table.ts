import type { AppKind } from '@orgdesk/contracts';
import type { ColumnType, Generated, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type WithDefault<T> = ColumnType<T, T | undefined, T>;

/** A custom app or the corp's directory-sync app. */
export interface AppsTable {
  id: Generated<string>;
  corp_id: string;
  kind: AppKind;
  agent_id: number | null;
  name: string;
  description: WithDefault<string>;
  home_url: string | null;
  secret_mac: string;
  secret_hint: string;
  secret_version: WithDefault<number>;
  token_generation: WithDefault<number>;
  token_expires_at: NullableTimestamp;
  visible_all: WithDefault<boolean>;
  visible_members: WithDefault<string[]>;
  visible_departments: WithDefault<number[]>;
  visible_tags: WithDefault<number[]>;
  trusted_domains: WithDefault<string[]>;
  trusted_ips: WithDefault<string[]>;
  callback_url: string | null;
  callback_token_sealed: string | null;
  callback_aes_key_sealed: string | null;
  callback_verified_at: NullableTimestamp;
  logo_updated_at: NullableTimestamp;
  enabled: WithDefault<boolean>;
  api_write: WithDefault<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** An app's logo image (PNG or JPEG). */
export interface AppLogosTable {
  app_id: string;
  content_type: string;
  bytes: Buffer;
}

/** The tables this module owns. */
export interface AppsTables {
  apps: AppsTable;
  app_logos: AppLogosTable;
}

export type AppRow = Selectable<AppsTable>;
