import fastifyMultipart from '@fastify/multipart';
import { exportQuery, importApplyRequest, importErrorsPage, importErrorsQuery, importIdParams, importJob, importUploadFields, templateQuery } from '@orgdesk/contracts';
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db';
import { AppError, fieldError } from '../../platform/kernel/app-error';
import { adminAccess } from '../../platform/http/access';
import { actorContext, requirePrincipal } from '../../platform/http/context';
import type { HttpApp } from '../../platform/http/server';
import { requestScope } from '../directory';
import { errorReportRows } from './error-report';
import { exportRows } from './export';
import type { Importer, ImportService } from './import.service';
import { defaultImportLimits } from './read-file';
import { templateRows } from './template';
import { sheetMime, writeSheet } from './write-sheet';

const tags = ['imports'];

/** The caller as an importer: their scope for the route's permission, and who they are. */
const importer = (request: FastifyRequest): Importer => ({ scope: requestScope(request), userid: requirePrincipal(request).userid });

/** Template, upload and preview, apply with progress, errors and their report, and export. */
export async function registerImportRoutes(app: HttpApp, deps: { db: Kysely<DB>; imports: ImportService }): Promise<void> {
  await app.register(fastifyMultipart, { limits: { fileSize: defaultImportLimits.maxBytes, files: 1, fields: 10, parts: 12 } });
  const { db, imports } = deps;
  const download = (reply: import('fastify').FastifyReply, bytes: Buffer, format: 'csv' | 'xlsx', name: string) =>
    reply.header('content-type', sheetMime(format)).header('content-disposition', `attachment; filename="${name}.${format}"; filename*=UTF-8''${encodeURIComponent(name)}.${format}`).send(bytes);

  app.get('/api/v1/imports/template', { config: { access: adminAccess('directory.import') }, schema: { tags, querystring: templateQuery } }, async (request, reply) =>
    download(reply, await writeSheet(templateRows(), request.query.format), request.query.format, 'member-import-template'),
  );

  app.post('/api/v1/imports', { config: { access: adminAccess('directory.import') }, schema: { tags, response: { 200: importJob } } }, async (request) => {
    // Fields may come before or after the file, as browsers and HTTP clients order them differently.
    let file: { bytes: Buffer; name: string } | null = null;
    const values: Record<string, unknown> = {};
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        const bytes = await part.toBuffer();
        if (part.file.truncated) throw new AppError('imports.file_too_large');
        file = { bytes, name: part.filename || 'upload' };
      } else values[part.fieldname] = part.value;
    }
    if (!file) throw fieldError('file', 'is required');
    const fields = importUploadFields.safeParse(values);
    if (!fields.success) throw new AppError('common.validation_failed', { fields: fields.error.issues.map((i) => ({ path: i.path.join('.'), reason: i.message })) });
    return imports.preview(importer(request), file, fields.data, actorContext(request));
  });

  app.get('/api/v1/imports/:id', { config: { access: adminAccess('directory.import') }, schema: { tags, params: importIdParams, response: { 200: importJob } } }, async (request) =>
    imports.get(importer(request), request.params.id, request.language),
  );

  app.get('/api/v1/imports/:id/errors', { config: { access: adminAccess('directory.import') }, schema: { tags, params: importIdParams, querystring: importErrorsQuery, response: { 200: importErrorsPage } } }, async (request) =>
    imports.errors(importer(request), request.params.id, request.query.page, request.query.pageSize, request.language),
  );

  app.get('/api/v1/imports/:id/error-report', { config: { access: adminAccess('directory.import') }, schema: { tags, params: importIdParams } }, async (request, reply) => {
    const { row, sheet } = await imports.file(importer(request), request.params.id);
    return download(reply, await writeSheet(errorReportRows(sheet, row.errors, request.language), row.format), row.format, 'import-errors');
  });

  app.post('/api/v1/imports/:id/apply', { config: { access: adminAccess('directory.import') }, schema: { tags, params: importIdParams, body: importApplyRequest, response: { 200: importJob } } }, async (request) =>
    imports.start(importer(request), request.params.id, request.body, actorContext(request)),
  );

  app.get('/api/v1/directory/export', { config: { access: adminAccess('directory.export') }, schema: { tags, querystring: exportQuery } }, async (request, reply) => {
    const rows = await exportRows(db, requestScope(request), request.query.department);
    return download(reply, await writeSheet(rows, request.query.format), request.query.format, 'directory');
  });
}
