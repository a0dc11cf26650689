/** The largest logo accepted: WeCom's app logos are small square images. */
export const MAX_LOGO_BYTES = 1024 * 1024;

/** The image type of a logo by its first bytes (PNG or JPEG), or null: what the bytes are, not what a header claims. */
export function logoType(bytes: Buffer): 'image/png' | 'image/jpeg' | null {
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  return null;
}
