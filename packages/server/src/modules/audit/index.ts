export { AuditLog, PLATFORM_CHAIN, type AuditInput } from './audit.service';
export type { AuditFilter } from './audit.repository';
export { registerAuditRoutes } from './audit.routes';
