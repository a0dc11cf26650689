import type { Kysely } from 'kysely';
import type { DB } from '../../db';
import type { HttpApp } from '../../platform/http/server';
import type { PayoutService } from './payout.service';

/** The finance routes (skeleton). */
export function registerPayoutRoutes(_app: HttpApp, _deps: { db: Kysely<DB>; payouts: PayoutService }): void {}
