import type { Kysely } from 'kysely';
import type { DB } from '../../db';
import type { HttpApp } from '../../platform/http/server';
import type { NotificationService } from './notification.service';

/** The notification routes (skeleton). */
export function registerNotificationRoutes(_app: HttpApp, _deps: { db: Kysely<DB>; notifications: NotificationService }): void {}
