import { sql, type Kysely } from 'kysely';

// Frozen once landed: a later change is a new migration.
// Email digests: a member's email mode (each notice, a daily digest, off) replaces the email switch, and a digest is
// a notification_deliveries row of its own (channel 'digest', no notice, the member as target) for the local day it
// is sent on — unique per (member, day), so however many notices or processes schedule it, one exists.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('notification_preferences').addColumn('email_mode', 'text', (c) => c.notNull().defaultTo('each').check(sql`email_mode in ('each', 'daily', 'off')`)).execute();
  await sql`update notification_preferences set email_mode = 'off' where not email`.execute(db);
  await db.schema.alterTable('notification_preferences').dropColumn('email').execute();

  await sql`alter table notification_deliveries alter column message_id drop not null`.execute(db);
  // The member's local date the digest goes out on; null for every other channel.
  await db.schema.alterTable('notification_deliveries').addColumn('digest_on', 'date').execute();
  await sql`alter table notification_deliveries add constraint notification_deliveries_digest_shape check ((channel = 'digest') = (message_id is null and digest_on is not null))`.execute(db);
  await sql`create unique index notification_deliveries_digest_once on notification_deliveries (target, digest_on) where channel = 'digest'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`delete from notification_deliveries where channel = 'digest'`.execute(db);
  await sql`drop index notification_deliveries_digest_once`.execute(db);
  await sql`alter table notification_deliveries drop constraint notification_deliveries_digest_shape`.execute(db);
  await db.schema.alterTable('notification_deliveries').dropColumn('digest_on').execute();
  await sql`alter table notification_deliveries alter column message_id set not null`.execute(db);

  await db.schema.alterTable('notification_preferences').addColumn('email', 'boolean', (c) => c.notNull().defaultTo(true)).execute();
  // A daily digest was email on: the nearest the switch can say.
  await sql`update notification_preferences set email = email_mode <> 'off'`.execute(db);
  await db.schema.alterTable('notification_preferences').dropColumn('email_mode').execute();
}
