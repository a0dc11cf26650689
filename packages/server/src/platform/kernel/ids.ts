import { randomBytes } from 'node:crypto';

/** A new CorpID: `ww` + 16 lowercase hex characters, as WeCom shapes them. */
export function newCorpId(): string {
  return `ww${randomBytes(8).toString('hex')}`;
}
