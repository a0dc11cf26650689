import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { MediaError, mediaLimits, mediaTypes, type MediaService, type MediaType } from '../media';
import { wecomFail } from './answer';
import { caller, input } from './cgi-bin';
import { acceptMultipart, parseMultipart } from './multipart';

/** Room for the multipart envelope around the largest file (20 MB). */
const UPLOAD_BODY_LIMIT = mediaLimits.file + 64 * 1024;

/** WeCom's errcode for a size outside a type's limits. */
const sizeError: Record<MediaType, [number, string]> = {
  image: [40009, 'invalid image size'],
  voice: [40006, 'invalid file size'],
  video: [40011, 'invalid video size'],
  file: [40006, 'invalid file size'],
};

function uploadError(request: FastifyRequest, reason: MediaError['reason'] | 'too_large', type: string) {
  if (reason === 'invalid_type' || !mediaTypes.includes(type as MediaType)) return wecomFail(request, 40004, 'invalid media type');
  if (reason === 'empty') return wecomFail(request, 44001, 'empty media data');
  const [errcode, errmsg] = sizeError[type as MediaType];
  return wecomFail(request, errcode, errmsg);
}

function typeOf(request: FastifyRequest): string {
  const type = (request.query as Record<string, unknown> | undefined)?.type;
  return typeof type === 'string' ? type : '';
}

/** 临时素材: media/upload (multipart field `media`, 3 days) and media/get (the bytes, or a JSON errcode). */
export function registerMedia(cgi: FastifyInstance, deps: { media: MediaService }): void {
  const { media } = deps;
  acceptMultipart(cgi);

  cgi.post('/media/upload', {
    bodyLimit: UPLOAD_BODY_LIMIT,
    // A body past every limit is refused before it is read: answer it as the type's size error, as WeCom does.
    errorHandler: (error: FastifyError, request, reply) => {
      if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return reply.status(200).send(uploadError(request, 'too_large', typeOf(request)));
      return cgi.errorHandler(error, request, reply);
    },
  }, async (request) => {
    const app = caller(request);
    const type = typeOf(request);
    if (!mediaTypes.includes(type as MediaType)) return uploadError(request, 'invalid_type', type);
    const parts = parseMultipart(request.body, request.headers['content-type']);
    const file = parts?.find((p) => p.name === 'media' && p.fileName !== null) ?? parts?.find((p) => p.name === 'media');
    if (!file) return uploadError(request, 'empty', type);
    try {
      const stored = await media.store({ corpId: app.corpId, appId: app.appId, type, fileName: file.fileName ?? 'media', contentType: file.contentType ?? 'application/octet-stream', bytes: Buffer.from(file.data) });
      return { errcode: 0, errmsg: '', type: stored.type, media_id: stored.id, created_at: String(Math.floor(stored.createdAt.getTime() / 1000)) };
    } catch (error) {
      if (error instanceof MediaError) return uploadError(request, error.reason, type);
      throw error;
    }
  });

  cgi.get('/media/get', async (request, reply: FastifyReply) => {
    const app = caller(request);
    const { media_id: mediaId } = input(z.object({ media_id: z.string().optional() }), request.query);
    if (!mediaId) return wecomFail(request, 41006, 'media_id missing');
    const found = await media.find(app.corpId, mediaId);
    if (!found) return wecomFail(request, 40007, 'invalid media_id');
    const name = encodeURIComponent(found.file_name);
    return reply
      .type(found.content_type)
      .header('content-disposition', `attachment; filename="${name}"; filename*=UTF-8''${name}`)
      .header('content-length', found.size)
      .header('x-content-type-options', 'nosniff')
      .send(found.bytes);
  });
}
