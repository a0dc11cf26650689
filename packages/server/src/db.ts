import type { Kysely, Transaction } from 'kysely';
import type { AccessTables } from './modules/access/access.table';
import type { ApprovalsTables } from './modules/approvals/approvals.table';
import type { AppsTables } from './modules/apps/apps.table';
import type { AuditTables } from './modules/audit/audit.table';
import type { AuthTables } from './modules/auth/auth.table';
import type { CallbackTables } from './modules/callbacks/callbacks.table';
import type { CorpTables } from './modules/corp/corp.table';
import type { DirectoryTables } from './modules/directory/directory.table';
import type { VisibilityTables } from './modules/directory/visibility.table';
import type { ImportsTables } from './modules/imports/imports.table';
import type { MediaTables } from './modules/media/media.table';
import type { MessagesTables } from './modules/messages/messages.table';
import type { NotificationsTables } from './modules/notifications/notifications.table';
import type { OAuthTables } from './modules/oauth/oauth.table';
import type { PayoutsTables } from './modules/payouts/payouts.table';
import type { PortalTables } from './modules/portal/invite.table';
import type { BatchTables } from './modules/wecom/batch-jobs';
import type { RateCounterTables } from './modules/wecom/rate-limit';

/** The whole database as Kysely sees it: the union of every module's tables. */
export interface DB extends AccessTables, AppsTables, CallbackTables, CorpTables, DirectoryTables, VisibilityTables, ImportsTables, MediaTables, MessagesTables, OAuthTables, PortalTables, AuthTables, AuditTables, BatchTables, RateCounterTables, ApprovalsTables, NotificationsTables, PayoutsTables {}

/** Anything that can run a query: the database or an open transaction. */
export type Executor = Kysely<DB> | Transaction<DB>;
/** An open transaction: repositories that must run inside one say so with this type. */
export type Trx = Transaction<DB>;
