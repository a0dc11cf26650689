import { Readable } from 'node:stream';
import { auditPage, auditQuery, auditVerification } from '@orgdesk/contracts';
import type { Kysely } from 'kysely';
import type { DB } from '../../db';
import { UTF8_BOM } from '../../platform/kernel/csv';
import { adminAccess } from '../../platform/http/access';
import { requirePrincipal } from '../../platform/http/context';
import type { HttpApp } from '../../platform/http/server';
import type { AuditFilter } from './audit.repository';
import type { AuditLog } from './audit.service';

const tags = ['audit'];
const exportQuery = auditQuery.omit({ page: true, pageSize: true });

function toFilter(query: { actor?: string; action?: string; from?: string; to?: string }): AuditFilter {
  return { actor: query.actor || undefined, action: query.action || undefined, from: query.from ? new Date(query.from) : undefined, to: query.to ? new Date(query.to) : undefined };
}

/** The corp's audit log: list, CSV export and chain verification. */
export function registerAuditRoutes(app: HttpApp, deps: { db: Kysely<DB>; audit: AuditLog }): void {
  app.get('/api/v1/audit', { config: { access: adminAccess('audit.view') }, schema: { tags, querystring: auditQuery, response: { 200: auditPage } } }, async (request) => {
    const { page, pageSize, ...filter } = request.query;
    return deps.audit.list(deps.db, requirePrincipal(request).corpId, toFilter(filter), page, pageSize);
  });

  app.get('/api/v1/audit/export.csv', { config: { access: adminAccess('audit.view') }, schema: { tags, querystring: exportQuery } }, async (request, reply) => {
    const lines = deps.audit.exportCsv(deps.db, requirePrincipal(request).corpId, toFilter(request.query));
    async function* withBom() {
      yield UTF8_BOM;
      yield* lines;
    }
    void reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="audit-log.csv"');
    return reply.send(Readable.from(withBom()));
  });

  app.get('/api/v1/audit/verify', { config: { access: adminAccess('audit.view') }, schema: { tags, response: { 200: auditVerification } } }, async (request) =>
    deps.audit.verify(deps.db, requirePrincipal(request).corpId),
  );
}
