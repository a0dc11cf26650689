import { defaultWorkCalendar, type WorkCalendar } from '@orgdesk/contracts';
import { sql, type Insertable, type RawBuilder } from 'kysely';
import type { DB, Executor, Trx } from '../../db';
import { digestTime, dueTime, type Rules } from './rules';

/** The channel on which every process hears that members' inboxes changed (payload: { c: corpId, m?: memberIds }). */
export const INBOX_CHANNEL = 'orgdesk_inbox';
/** Past this many members a change is announced for the whole corp: a NOTIFY payload is limited to 8,000 bytes. */
const LISTED_MEMBERS = 150;

/** A corp's settings with the defaults filled in. */
export interface CorpRules {
  workingHoursOnly: boolean;
  emailEnabled: boolean;
  webhooksEnabled: boolean;
  calendar: WorkCalendar;
}

/** The corp's notification settings and calendar (defaults when never saved). */
export async function corpRules(db: Executor, corpId: string): Promise<CorpRules> {
  return (await rulesAndProfiles(db, corpId)).corp;
}

/** A (zone, quiet hours) combination some of the corp's members chose: members with one share their due time. */
interface Profile {
  time_zone: string | null;
  quiet_start: string | null;
  quiet_end: string | null;
}

/** The corp's rules and its members' profiles: what a fan-out computes due times from. */
export interface LoadedRules {
  corp: CorpRules;
  profiles: Profile[];
}

const ruleColumns = ['c.calendar', 's.working_hours_only', 's.email_enabled', 's.webhooks_enabled'] as const;
const profilesColumn = sql<Profile[] | null>`(select json_agg(p) from (select distinct time_zone, quiet_start, quiet_end from notification_preferences where corp_id = c.id) p)`.as('profiles');

type RulesRow = { calendar: WorkCalendar; working_hours_only: boolean | null; email_enabled: boolean | null; webhooks_enabled: boolean | null; profiles: Profile[] | null };

/** Defaults where the corp never saved its settings. */
function loaded(row: RulesRow | undefined): LoadedRules {
  const corp = { workingHoursOnly: row?.working_hours_only ?? true, emailEnabled: row?.email_enabled ?? true, webhooksEnabled: row?.webhooks_enabled ?? true, calendar: row?.calendar ?? defaultWorkCalendar };
  return { corp, profiles: row?.profiles ?? [] };
}

/** The corp's rules and its members' profiles, in one read. */
async function rulesAndProfiles(db: Executor, corpId: string): Promise<LoadedRules> {
  return loaded(await db.selectFrom('corps as c').leftJoin('notification_settings as s', 's.corp_id', 'c.id').select([...ruleColumns, profilesColumn]).where('c.id', '=', corpId).executeTakeFirst());
}

/**
 * Stores a notice (once per corp and event key) and reads the rules to fan it out by, in one statement. The
 * message id is null when the event key was stored before.
 */
export async function storeNotice(trx: Trx, corpId: string, message: Insertable<DB['messages']>): Promise<LoadedRules & { messageId: string | null }> {
  const row = await trx
    .with('inserted', (db) => db.insertInto('messages').values(message).onConflict((oc) => oc.columns(['corp_id', 'event_key']).where('event_key', 'is not', null).doNothing()).returning('id'))
    .selectFrom('corps as c')
    .leftJoin('notification_settings as s', 's.corp_id', 'c.id')
    .select([...ruleColumns, profilesColumn, sql<string | null>`(select id from inserted)`.as('message_id')])
    .where('c.id', '=', corpId)
    .executeTakeFirst();
  return { ...loaded(row), messageId: row?.message_id ?? null };
}

/** A stored notice to fan out to members. */
export interface FanOutInput {
  corpId: string;
  messageId: string;
  appId: string | null;
  urgent: boolean;
  now: Date;
  /** A SELECT of the addressed members' ids as column `id`. */
  addressed: RawBuilder<unknown>;
  /** Which of them receive it, over `a.id` (e.g. a per-app quota); all when absent. */
  admit?: RawBuilder<unknown>;
  /** Whether this server sends email at all (a mail server is configured); no email copies are written otherwise. */
  sendsEmail: boolean;
  /** The rules, when read already (storeNotice); read here otherwise. */
  rules?: LoadedRules;
}

/** What a fan-out wrote. */
export interface FanOutResult {
  addressed: number;
  inbox: number;
  deferred: number;
  emails: number;
  /** Digests newly scheduled (a member's digest of that day already scheduled is not counted again). */
  digests: number;
  webhooks: number;
}

/**
 * Writes a notice's in-app copies (inbox rows, visible from each member's due time), its email and webhook deliveries
 * and its count of recipients (messages.recipients), in the caller's transaction and in one statement however many
 * members it reaches. Due times come from
 * the rules: members share a handful of (zone, quiet hours) profiles, each computed once here and joined in SQL.
 * Members told at once are announced with a NOTIFY, which PostgreSQL delivers only when the transaction commits.
 * A member who muted the app gets the inbox row silently: no live push, no email; the webhook is the corp's own.
 * A member on daily digests gets no email copy; their digest of the morning after the notice falls due is scheduled.
 */
export async function fanOut(trx: Trx, input: FanOutInput): Promise<FanOutResult> {
  const { corpId, messageId, appId, urgent, now } = input;
  const { corp, profiles: combos } = input.rules ?? (await rulesAndProfiles(trx, corpId));
  const base: Rules = { workingHoursOnly: corp.workingHoursOnly, calendar: corp.calendar, timeZone: null, quiet: null };
  // Webhooks are the corp's own: they follow its rules alone, like a member with no preferences.
  const defaultDue = dueTime(base, now, urgent);
  // A profile's members on daily digests get this notice in the digest of the morning after it falls due.
  const profiles = combos.map((c) => {
    const quiet = c.quiet_start && c.quiet_end ? { start: c.quiet_start, end: c.quiet_end } : null;
    const rules = { ...base, timeZone: c.time_zone, quiet };
    const due = dueTime(rules, now, urgent);
    const digest = digestTime(rules, due);
    return sql`(${c.time_zone}::text, ${c.quiet_start}::text, ${c.quiet_end}::text, ${due}::timestamptz, ${digest.at}::timestamptz, ${digest.day}::date)`;
  });
  const profileTable = profiles.length
    ? sql`select * from (values ${sql.join(profiles)}) as v(tz, qs, qe, due, digest_at, digest_on)`
    : sql`select null::text as tz, null::text as qs, null::text as qe, null::timestamptz as due, null::timestamptz as digest_at, null::date as digest_on where false`;
  const emailsOn = corp.emailEnabled && input.sendsEmail;
  const result = await sql<FanOutResult>`
    with addressed as (${input.addressed}),
    profile as (${profileTable}),
    recipients as (
      select a.id, coalesce(pr.due, ${defaultDue}::timestamptz) as due,
             coalesce(${appId}::uuid = any(p.muted_app_ids), false) as muted, coalesce(p.email_mode, 'each') as email_mode,
             pr.digest_at, pr.digest_on
        from addressed a
        left join notification_preferences p on p.member_id = a.id
        left join profile pr on pr.tz is not distinct from p.time_zone and pr.qs is not distinct from p.quiet_start and pr.qe is not distinct from p.quiet_end
       where ${input.admit ?? sql`true`}),
    inserted as (
      insert into inbox_items (message_id, member_id, corp_id, app_id, created_at, due_at, push_pending)
      select ${messageId}::uuid, r.id, ${corpId}, ${appId}::uuid, ${now}::timestamptz, r.due, r.due > ${now}::timestamptz and not r.muted
        from recipients r
      on conflict do nothing
      returning member_id, due_at, push_pending),
    -- Email and the live push read the recipients, never the inserted rows: a join between two CTEs has no index,
    -- and at 10,000 rows the planner's guess can make it a nested loop. A repeat is kept out by the unique key (email)
    -- or harmless (a push only makes a stream recount).
    emailed as (
      insert into notification_deliveries (corp_id, message_id, channel, target, next_attempt_at, created_at)
      select ${corpId}, ${messageId}::uuid, 'email', r.id, r.due, ${now}::timestamptz
        from recipients r join members m on m.id = r.id
       where ${emailsOn} and r.email_mode = 'each' and not r.muted and coalesce(m.email, '') <> ''
      on conflict do nothing
      returning 1),
    -- Members on daily digests: their digest of that morning, once per (member, day) whoever schedules it first.
    digested as (
      insert into notification_deliveries (corp_id, message_id, channel, target, next_attempt_at, digest_on, created_at)
      select ${corpId}, null, 'digest', r.id, r.digest_at, r.digest_on, ${now}::timestamptz
        from recipients r join members m on m.id = r.id
       where ${emailsOn} and r.email_mode = 'daily' and r.digest_at is not null and not r.muted and coalesce(m.email, '') <> ''
      on conflict do nothing
      returning 1),
    webhooked as (
      insert into notification_deliveries (corp_id, message_id, channel, target, next_attempt_at, created_at)
      select ${corpId}, ${messageId}::uuid, 'webhook', w.id, ${defaultDue}::timestamptz, ${now}::timestamptz
        from notification_webhooks w
       where ${corp.webhooksEnabled} and w.corp_id = ${corpId} and w.enabled and exists (select 1 from inserted)
      on conflict do nothing
      returning 1),
    counted as (update messages set recipients = recipients + (select count(*) from inserted) where id = ${messageId}::uuid and exists (select 1 from inserted)),
    pushed as (select r.id as member_id from recipients r where r.due <= ${now}::timestamptz and not r.muted)
    select (select count(*)::int from addressed) as addressed,
           (select count(*)::int from inserted) as inbox,
           (select count(*)::int from inserted where push_pending) as deferred,
           (select count(*)::int from emailed) as emails,
           (select count(*)::int from digested) as digests,
           (select count(*)::int from webhooked) as webhooks,
           (select pg_notify(${INBOX_CHANNEL}, json_build_object('c', ${corpId}::text, 'm', case when count(*) <= ${LISTED_MEMBERS} then json_agg(member_id) end)::text)
              from pushed having count(*) > 0) as notified`.execute(trx);
  const { addressed = 0, inbox = 0, deferred = 0, emails = 0, digests = 0, webhooks = 0 } = result.rows[0] ?? {};
  return { addressed, inbox, deferred, emails, digests, webhooks };
}

/** Announces on the live stream that members' inboxes changed (read, read-all), when the transaction commits. */
export async function announceInboxChange(db: Executor, corpId: string, memberIds: readonly string[]): Promise<void> {
  await sql`select pg_notify(${INBOX_CHANNEL}, ${JSON.stringify({ c: corpId, m: memberIds })})`.execute(db);
}
