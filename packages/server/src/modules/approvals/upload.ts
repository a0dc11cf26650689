import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/kernel/app-error';

/** The one file of a multipart upload, up to `maxBytes`; a body the multipart parser cannot read is the client's fault. */
export async function readUpload(request: FastifyRequest, maxBytes: number): Promise<{ name: string; bytes: Buffer }> {
  try {
    const part = await request.file({ limits: { fileSize: maxBytes, files: 1 } });
    if (!part) throw new AppError('common.validation_failed', { fields: [{ path: 'file', reason: 'is required' }] });
    return { name: part.filename, bytes: await part.toBuffer() };
  } catch (error) {
    if (error instanceof AppError) throw error;
    if ((error as { statusCode?: number }).statusCode === 413) throw new AppError('common.payload_too_large', { fields: [{ path: 'file', reason: `larger than ${maxBytes} bytes` }] });
    throw new AppError('common.validation_failed', { fields: [{ path: 'file', reason: 'is not a readable multipart upload' }] });
  }
}

/** Sends an attachment as a download: never rendered in the page (a stored HTML or SVG file cannot run script). */
export function sendAttachment(reply: FastifyReply, file: { name: string; content_type: string; bytes: Buffer }) {
  return reply
    .header('content-type', file.content_type)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`)
    .header('x-content-type-options', 'nosniff')
    .send(file.bytes);
}
