import { sql, type Kysely } from 'kysely';

// Frozen once landed: a later change is a new migration.
// Member visibility (通讯录权限) and the external-contact permission; see docs/adr/0010-member-visibility.md.
export async function up(db: Kysely<any>): Promise<void> {
  // Department and tag ids are kept as arrays: a rule names a handful of them, is read whole, and an id
  // deleted since simply matches nobody (a foreign key per element is not something PostgreSQL offers).
  await db.schema
    .createTable('visibility_rules')
    .addColumn('corp_id', 'text', (c) => c.notNull().references('corps.id'))
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('viewer_departments', sql`integer[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('viewer_tags', sql`integer[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('sees', 'text', (c) => c.notNull().check(sql`sees in ('all', 'own_departments', 'listed')`))
    .addColumn('seen_departments', sql`integer[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('seen_tags', sql`integer[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('hidden_fields', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('visibility_rules_pk', ['corp_id', 'id'])
    .execute();
  await sql`create unique index visibility_rules_corp_name on visibility_rules (corp_id, lower(name))`.execute(db);

  // A hidden department (with its subtree) or member. The department goes with its entry when it is deleted.
  await db.schema
    .createTable('visibility_hidden')
    .addColumn('corp_id', 'text', (c) => c.notNull().references('corps.id'))
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('department_id', 'integer')
    .addColumn('member_id', 'uuid', (c) => c.references('members.id').onDelete('cascade'))
    .addColumn('allowed_departments', sql`integer[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('allowed_tags', sql`integer[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('allowed_members', sql`uuid[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('visibility_hidden_pk', ['corp_id', 'id'])
    .addForeignKeyConstraint('visibility_hidden_department_fk', ['corp_id', 'department_id'], 'departments', ['corp_id', 'id'], (c) => c.onDelete('cascade'))
    .addCheckConstraint('visibility_hidden_one_target', sql`(department_id is null) <> (member_id is null)`)
    .execute();
  await sql`create unique index visibility_hidden_department on visibility_hidden (corp_id, department_id) where department_id is not null`.execute(db);
  await sql`create unique index visibility_hidden_member on visibility_hidden (corp_id, member_id) where member_id is not null`.execute(db);

  // One row per corp, once an admin has saved the setting; no row means everyone may (WeCom's default).
  await db.schema
    .createTable('external_contact_permissions')
    .addColumn('corp_id', 'text', (c) => c.primaryKey().references('corps.id'))
    .addColumn('mode', 'text', (c) => c.notNull().check(sql`mode in ('everyone', 'listed')`))
    .addColumn('departments', sql`integer[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('tags', sql`integer[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('member_ids', sql`uuid[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['external_contact_permissions', 'visibility_hidden', 'visibility_rules']) await db.schema.dropTable(table).execute();
}
