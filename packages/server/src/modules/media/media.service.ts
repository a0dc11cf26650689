import type { Kysely } from 'kysely';
import type { DB } from '../../db';
import type { Clock } from '../../platform/kernel/clock';
import { randomToken } from '../../platform/kernel/crypto';
import * as repo from './media.repository';
import type { MediaRow } from './media.table';

export const mediaTypes = ['image', 'voice', 'video', 'file'] as const;
export type MediaType = (typeof mediaTypes)[number];

const MiB = 1024 * 1024;

/** WeCom's limits (media/upload): every file more than 5 bytes, and at most this many bytes by type. */
export const mediaLimits: Record<MediaType, number> = { image: 10 * MiB, voice: 2 * MiB, video: 10 * MiB, file: 20 * MiB };
export const MEDIA_MIN_BYTES = 6;
/** How long a media_id stays valid. */
export const MEDIA_TTL_MS = 3 * 24 * 3600 * 1000;
/** The purge runs at most this often, from uploads: no timer to stop, and expired files are never served anyway. */
const PURGE_EVERY_MS = 10 * 60 * 1000;

/** Why an upload was refused; the WeCom adapter numbers them. */
export class MediaError extends Error {
  constructor(
    readonly reason: 'invalid_type' | 'empty' | 'bad_size',
    readonly type: string,
  ) {
    super(`media ${reason}`);
    this.name = 'MediaError';
  }
}

export interface NewMedia {
  corpId: string;
  appId: string;
  type: string;
  fileName: string;
  contentType: string;
  bytes: Buffer;
}

/** 临时素材: files an app uploads, kept 3 days, found by media_id by any app of the corp. */
export class MediaService {
  private lastPurge = 0;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
  ) {}

  /** Checks the type and size, then keeps the file for 3 days. */
  async store(input: NewMedia): Promise<{ id: string; type: MediaType; createdAt: Date }> {
    const type = input.type as MediaType;
    if (!mediaTypes.includes(type)) throw new MediaError('invalid_type', input.type);
    if (input.bytes.length === 0) throw new MediaError('empty', type);
    if (input.bytes.length < MEDIA_MIN_BYTES || input.bytes.length > mediaLimits[type]) throw new MediaError('bad_size', type);
    const now = this.clock.now();
    await this.purgeSometimes(now);
    // 30 random bytes: 40 URL-safe characters.
    const id = randomToken(30);
    await repo.insertMedia(this.db, {
      id,
      corp_id: input.corpId,
      app_id: input.appId,
      type,
      file_name: input.fileName.slice(0, 255) || 'media',
      content_type: input.contentType.slice(0, 255) || 'application/octet-stream',
      size: input.bytes.length,
      bytes: input.bytes,
      expires_at: new Date(now.getTime() + MEDIA_TTL_MS),
      created_at: now,
    });
    return { id, type, createdAt: now };
  }

  /** A corp's media, or null when unknown, another corp's, or expired. */
  async find(corpId: string, mediaId: string): Promise<MediaRow | null> {
    return (await repo.findMedia(this.db, corpId, mediaId, this.clock.now())) ?? null;
  }

  /** Deletes expired media; how many. */
  async purgeExpired(): Promise<number> {
    this.lastPurge = this.clock.now().getTime();
    return repo.deleteExpired(this.db, this.clock.now());
  }

  private async purgeSometimes(now: Date): Promise<void> {
    if (now.getTime() - this.lastPurge < PURGE_EVERY_MS) return;
    await this.purgeExpired();
  }
}
