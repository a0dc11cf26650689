export { MediaService, MediaError, mediaTypes, mediaLimits, MEDIA_MIN_BYTES, MEDIA_TTL_MS, type MediaType, type NewMedia } from './media.service';
export type { MediaTables, MediaTable, MediaRow } from './media.table';
