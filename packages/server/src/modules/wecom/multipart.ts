import type { FastifyInstance } from 'fastify';

/** One part of a multipart/form-data body. */
export interface FormPart {
  name: string;
  fileName: string | null;
  contentType: string | null;
  data: Buffer;
}

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

/**
 * Takes multipart/form-data bodies whole, as a Buffer, in the /cgi-bin plugin. The plugin's own parsers
 * (applyWecomConventions) are removed and replaced there, and @fastify/multipart, registered at the root for
 * the native imports, cannot be registered again below it (its request decorators exist already). Each route
 * bounds the body with its `bodyLimit` (1 MiB unless it says more), so buffering is bounded too.
 */
export function acceptMultipart(cgi: FastifyInstance): void {
  cgi.addContentTypeParser('multipart/form-data', { parseAs: 'buffer' }, (_request, body, done) => done(null, new MultipartBody(body as Buffer)));
}

/**
 * A raw multipart body. The bytes sit in a private field: the platform's input guard walks every enumerable
 * property of a body, which for a bare Buffer means millions of index keys (and binary files hold NULs by right).
 */
export class MultipartBody {
  readonly #bytes: Buffer;
  constructor(bytes: Buffer) {
    this.#bytes = bytes;
  }
  get bytes(): Buffer {
    return this.#bytes;
  }
}

/** The parts of a buffered multipart body, or null when it is not well-formed for the Content-Type's boundary. */
export function parseMultipart(raw: unknown, contentType: string | undefined): FormPart[] | null {
  if (!(raw instanceof MultipartBody) || !contentType) return null;
  const body = raw.bytes;
  const match = /boundary=(?:"([^"]+)"|([^\s;]+))/i.exec(contentType);
  const boundaryText = match?.[1] ?? match?.[2];
  if (!boundaryText) return null;
  const boundary = Buffer.from(`--${boundaryText}`);
  const delimiter = Buffer.concat([CRLF, boundary]);
  const parts: FormPart[] = [];
  let at = body.indexOf(boundary);
  if (at < 0) return null;
  for (;;) {
    at += boundary.length;
    if (body[at] === 0x2d && body[at + 1] === 0x2d) return parts; // the closing --boundary--
    const headerEnd = body.indexOf(HEADER_END, at);
    if (headerEnd < 0) return null;
    const next = body.indexOf(delimiter, headerEnd + HEADER_END.length);
    if (next < 0) return null;
    const headers = partHeaders(body.subarray(at, headerEnd).toString('utf8'));
    const data = body.subarray(headerEnd + HEADER_END.length, next);
    const disposition = headers.get('content-disposition') ?? '';
    const name = param(disposition, 'name');
    if (name !== null) parts.push({ name, fileName: fileName(disposition), contentType: headers.get('content-type') ?? null, data });
    at = next + CRLF.length;
  }
}

function partHeaders(text: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of text.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

function param(header: string, key: string): string | null {
  const match = new RegExp(`(?:^|;)\\s*${key}=(?:"((?:[^"\\\\]|\\\\.)*)"|([^;]*))`, 'i').exec(header);
  if (!match) return null;
  return match[1] !== undefined ? match[1].replace(/\\(.)/g, '$1') : match[2]!.trim();
}

/** filename*=UTF-8''… (RFC 5987) wins over filename="…", which clients send as raw UTF-8. */
function fileName(disposition: string): string | null {
  const extended = param(disposition, 'filename\\*');
  if (extended) {
    const encoded = extended.replace(/^[\w-]+'[^']*'/, '');
    try {
      return decodeURIComponent(encoded);
    } catch {
      return encoded;
    }
  }
  return param(disposition, 'filename');
}
