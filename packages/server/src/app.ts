import { sql } from 'kysely';
import type { DB } from './db';
import { registerAccessRoutes } from './modules/access';
import { registerAppRoutes } from './modules/apps';
import { registerApprovalRoutes } from './modules/approvals';
import { registerAuditRoutes } from './modules/audit';
import { registerAuthRoutes } from './modules/auth';
import { registerCorpRoutes } from './modules/corp';
import { registerDepartmentRoutes, registerMemberRoutes, registerTagRoutes, registerVisibilityRoutes } from './modules/directory';
import { registerImportRoutes } from './modules/imports';
import { registerInboxRoutes } from './modules/messages';
import { registerNotificationRoutes } from './modules/notifications';
import { registerOAuthRoutes } from './modules/oauth';
import { registerPayoutRoutes } from './modules/payouts';
import { registerPortalRoutes } from './modules/portal';
import { registerWecomApi } from './modules/wecom';
import type { DatabaseHandle } from './platform/db/connect';
import { createHttpServer, finishHttpServer, type HttpApp } from './platform/http/server';
import type { Logger } from './platform/kernel/logger';
import type { Metrics } from './platform/kernel/metrics';
import type { Services } from './services';

/** The HTTP app over a set of services: platform plumbing, then each module's routes, then the console. */
export async function createApp(options: { services: Services; database: DatabaseHandle<DB>; logger: Logger; metrics: Metrics; trustProxy: boolean; consoleDir: string | null; publicUrl?: string | null }): Promise<HttpApp> {
  const { services, database } = options;
  const app = await createHttpServer({
    logger: options.logger,
    metrics: options.metrics,
    authenticator: services.sessions,
    trustProxy: options.trustProxy,
    healthCheck: async () => {
      // PGlite has one session, and an applying import holds it until it commits: the database is busy, not
      // down, and a probe that waited would time out and get a healthy server restarted mid-import.
      if (database.kind === 'pglite' && services.imports.applyingHere > 0) return { database: 'busy' };
      await sql`select 1`.execute(database.db);
      return { database: 'ok' };
    },
  });
  const db = services.db;
  registerAuthRoutes(app, { db, accounts: services.accounts, sessions: services.sessions, signIn: services.signIn, twoFactor: services.twoFactor, audit: services.audit });
  registerCorpRoutes(app, { db, corps: services.corps, registration: services.registration, verification: services.verification });
  registerDepartmentRoutes(app, { db, departments: services.departments });
  registerMemberRoutes(app, { db, members: services.members });
  registerTagRoutes(app, { db, tags: services.tags });
  registerVisibilityRoutes(app, { db, visibility: services.visibility, externalContacts: services.externalContacts });
  await registerImportRoutes(app, { db, imports: services.imports });
  registerAccessRoutes(app, { db, roles: services.roles, assignments: services.assignments });
  registerAuditRoutes(app, { db, audit: services.audit });
  registerAppRoutes(app, { db, apps: services.apps, twoFactor: services.twoFactor });
  registerPortalRoutes(app, { db, invites: services.invites, passwords: services.portalPasswords, members: services.members, memberPortal: services.memberPortal, corps: services.corps, publicUrl: options.publicUrl ?? null });
  registerInboxRoutes(app, { db, inbox: services.inbox });
  registerOAuthRoutes(app, { oauth: services.oauth });
  registerNotificationRoutes(app, { db, notifications: services.notifications });
  registerApprovalRoutes(app, { db, approvals: services.approvals, actions: services.approvalActions, templates: services.approvalTemplates, audit: services.audit, clock: services.clock });
  registerPayoutRoutes(app, { db, payouts: services.payouts });
  await registerWecomApi(app, { db, apps: services.apps, appTokens: services.appTokens, departments: services.departments, members: services.members, tags: services.tags, messages: services.messages, oauth: services.oauth, apiLimits: services.apiLimits, media: services.media, batch: services.batch, approvals: services.approvals, templates: services.approvalTemplates });
  await finishHttpServer(app, options.consoleDir);
  return app;
}
