import { Readable } from 'node:stream';
import {
  payoutBatchConfirmRequest,
  payoutBatchConfirmResponse,
  payoutBatchCreateRequest,
  payoutBatchDetail,
  payoutBatchIdParams,
  payoutBatchPage,
  payoutBatchQuery,
  payoutBatchSchema,
  payoutFilter,
  payoutHistory,
  payoutIdParams,
  payoutListQuery,
  payoutPage,
  payoutReasonRequest,
  payoutSchema,
  reconciliationQuery,
  reconciliationSummary,
  statementMatch,
} from '@orgdesk/contracts';
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db';
import { adminAccess } from '../../platform/http/access';
import { actorContext } from '../../platform/http/context';
import type { HttpApp } from '../../platform/http/server';
import { AppError } from '../../platform/kernel/app-error';
import { UTF8_BOM } from '../../platform/kernel/csv';
import { requestScope } from '../directory';
import type { PayoutService } from './payout.service';
import { reconciliation } from './reconciliation';
import { matchStatement, MAX_STATEMENT_BYTES } from './statement';

const tags = ['payouts'];

/** 企业支付 for finance: pending payouts, batches (bank file, confirmation), history and reconciliation. */
export function registerPayoutRoutes(app: HttpApp, deps: { db: Kysely<DB>; payouts: PayoutService }): void {
  const { db, payouts } = deps;
  const { batches } = payouts;
  const config = { access: adminAccess('payouts.manage') };

  app.get('/api/v1/payouts', { config, schema: { tags, querystring: payoutListQuery, response: { 200: payoutPage } } }, async (request) => {
    const { corpId, reach } = requestScope(request);
    const { page, pageSize, ...filter } = request.query;
    return payouts.list(db, corpId, reach, filter, page, pageSize);
  });

  app.get('/api/v1/payouts/export.csv', { config, schema: { tags, querystring: payoutFilter } }, async (request, reply) => {
    const { corpId, reach } = requestScope(request);
    const lines = payouts.exportCsv(db, corpId, reach, request.query);
    async function* withBom() {
      yield UTF8_BOM;
      yield* lines;
    }
    void reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="payouts.csv"');
    return reply.send(Readable.from(withBom()));
  });

  app.get('/api/v1/payouts/reconciliation', { config, schema: { tags, querystring: reconciliationQuery, response: { 200: reconciliationSummary } } }, async (request) => {
    const { corpId, reach } = requestScope(request);
    return reconciliation(db, corpId, reach, request.query);
  });

  // The bank's statement (CSV or XLSX, as online banking exports it), matched against settled batches; nothing is stored.
  app.post('/api/v1/payouts/reconciliation/statement', { config, schema: { tags, response: { 200: statementMatch } } }, async (request) => {
    const { corpId, reach } = requestScope(request);
    const file = await readStatement(request);
    return matchStatement(db, corpId, reach, file.bytes, file.name);
  });

  app.get('/api/v1/payouts/:id', { config, schema: { tags, params: payoutIdParams, response: { 200: payoutSchema } } }, async (request) => {
    const { corpId, reach } = requestScope(request);
    return payouts.get(db, corpId, reach, request.params.id);
  });

  app.get('/api/v1/payouts/:id/history', { config, schema: { tags, params: payoutIdParams, response: { 200: payoutHistory } } }, async (request) => {
    const { corpId, reach } = requestScope(request);
    return { items: await payouts.history(db, corpId, reach, request.params.id) };
  });

  app.post('/api/v1/payouts/:id/cancel', { config, schema: { tags, params: payoutIdParams, body: payoutReasonRequest, response: { 200: payoutSchema } } }, async (request) => {
    const { corpId, reach } = requestScope(request);
    return db.transaction().execute((trx) => payouts.cancel(trx, corpId, reach, request.params.id, request.body.reason, actorContext(request)));
  });

  app.post('/api/v1/payouts/:id/fail', { config, schema: { tags, params: payoutIdParams, body: payoutReasonRequest, response: { 200: payoutSchema } } }, async (request) => {
    const { corpId, reach } = requestScope(request);
    return db.transaction().execute((trx) => payouts.markFailed(trx, corpId, reach, request.params.id, request.body.reason, actorContext(request)));
  });

  app.get('/api/v1/payouts/batches', { config, schema: { tags, querystring: payoutBatchQuery, response: { 200: payoutBatchPage } } }, async (request) => {
    const { corpId, reach } = requestScope(request);
    return batches.list(db, corpId, reach, request.query);
  });

  app.post('/api/v1/payouts/batches', { config, schema: { tags, body: payoutBatchCreateRequest, response: { 200: payoutBatchSchema } } }, async (request) => {
    const { corpId, reach } = requestScope(request);
    return db.transaction().execute((trx) => batches.create(trx, corpId, reach, request.body, actorContext(request)));
  });

  app.get('/api/v1/payouts/batches/:id', { config, schema: { tags, params: payoutBatchIdParams, response: { 200: payoutBatchDetail } } }, async (request) => {
    const { corpId, reach } = requestScope(request);
    return batches.detail(db, corpId, reach, request.params.id);
  });

  // The bank file: rendered again from the batch's lines, byte for byte the file first exported.
  app.get('/api/v1/payouts/batches/:id/file', { config, schema: { tags, params: payoutBatchIdParams } }, async (request, reply) => {
    const { corpId, reach } = requestScope(request);
    const file = await db.transaction().execute((trx) => batches.file(trx, corpId, reach, request.params.id, actorContext(request)));
    return reply.header('content-type', file.contentType).header('content-disposition', `attachment; filename="${file.fileName}"`).header('cache-control', 'no-store').send(file.bytes);
  });

  app.post('/api/v1/payouts/batches/:id/confirm', { config, schema: { tags, params: payoutBatchIdParams, body: payoutBatchConfirmRequest, response: { 200: payoutBatchConfirmResponse } } }, async (request) => {
    const { corpId, reach } = requestScope(request);
    return db.transaction().execute((trx) => batches.confirm(trx, corpId, reach, request.params.id, request.body, actorContext(request)));
  });

  app.post('/api/v1/payouts/batches/:id/void', { config, schema: { tags, params: payoutBatchIdParams, response: { 200: payoutBatchSchema } } }, async (request) => {
    const { corpId, reach } = requestScope(request);
    return db.transaction().execute((trx) => batches.void(trx, corpId, reach, request.params.id, actorContext(request)));
  });
}

/** The one file of a multipart upload, up to a statement's size; anything else is the client's mistake. */
async function readStatement(request: FastifyRequest): Promise<{ bytes: Buffer; name: string }> {
  const invalid = (reason: string) => new AppError('payouts.statement_unreadable', { fields: [{ path: 'file', reason }] });
  if (!request.isMultipart()) throw invalid('is not a readable multipart upload');
  try {
    const part = await request.file({ limits: { fileSize: MAX_STATEMENT_BYTES, files: 1 } });
    if (!part) throw invalid('is required');
    const bytes = await part.toBuffer();
    return { bytes, name: part.filename };
  } catch (error) {
    if (error instanceof AppError) throw error;
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('common.payload_too_large');
    throw invalid('is not a readable multipart upload');
  }
}
