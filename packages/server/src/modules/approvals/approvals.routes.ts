import type { Kysely } from 'kysely';
import type { DB } from '../../db';
import type { HttpApp } from '../../platform/http/server';
import type { ApprovalService } from './approval.service';

/** The approval routes. */
export function registerApprovalRoutes(_app: HttpApp, _deps: { db: Kysely<DB>; approvals: ApprovalService }): void {}
