import { sql, type Kysely } from 'kysely';

// Frozen once landed: a later change is a new migration.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('departments')
    .addColumn('leaders', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create unique index departments_sibling_name on departments (corp_id, coalesce(parent_id, 0), lower(name))`.execute(db);
  await db.schema.createIndex('departments_parent').on('departments').columns(['corp_id', 'parent_id']).execute();

  await db.schema
    .alterTable('members')
    .addColumn('alias', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('position', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('gender', 'text', (c) => c.notNull().defaultTo('0'))
    .addColumn('telephone', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('address', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('extattr', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('join_date', 'date')
    .addColumn('direct_leaders', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    // Lowercased name, pinyin (full and initials), alias, userid, mobile and email: what a search box matches.
    .addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))
    // The name's pinyin, so sorting by name follows what Chinese readers expect rather than code points.
    .addColumn('name_sort', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('activated_at', 'timestamptz')
    .execute();
  // A member who left keeps their record (history) but no longer holds their mobile or email.
  await sql`drop index members_corp_mobile`.execute(db);
  await sql`create unique index members_corp_mobile on members (corp_id, mobile) where mobile is not null and status <> 5`.execute(db);
  await sql`create unique index members_corp_email on members (corp_id, lower(email)) where email is not null and status <> 5`.execute(db);
  await db.schema.createIndex('members_corp_status_sort').on('members').columns(['corp_id', 'status', 'name_sort']).execute();
  await db.schema.createIndex('member_departments_department').on('member_departments').columns(['corp_id', 'department_id']).execute();

  await db.schema
    .createTable('tags')
    .addColumn('corp_id', 'text', (c) => c.notNull().references('corps.id'))
    .addColumn('id', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('tags_pk', ['corp_id', 'id'])
    .execute();
  await sql`create unique index tags_corp_name on tags (corp_id, lower(name))`.execute(db);
  await db.schema
    .createTable('tag_members')
    .addColumn('corp_id', 'text', (c) => c.notNull())
    .addColumn('tag_id', 'integer', (c) => c.notNull())
    .addColumn('member_id', 'uuid', (c) => c.notNull().references('members.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('tag_members_pk', ['corp_id', 'tag_id', 'member_id'])
    .addForeignKeyConstraint('tag_members_tag_fk', ['corp_id', 'tag_id'], 'tags', ['corp_id', 'id'], (c) => c.onDelete('cascade'))
    .execute();
  await db.schema
    .createTable('tag_departments')
    .addColumn('corp_id', 'text', (c) => c.notNull())
    .addColumn('tag_id', 'integer', (c) => c.notNull())
    .addColumn('department_id', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('tag_departments_pk', ['corp_id', 'tag_id', 'department_id'])
    .addForeignKeyConstraint('tag_departments_tag_fk', ['corp_id', 'tag_id'], 'tags', ['corp_id', 'id'], (c) => c.onDelete('cascade'))
    .addForeignKeyConstraint('tag_departments_department_fk', ['corp_id', 'department_id'], 'departments', ['corp_id', 'id'], (c) => c.onDelete('cascade'))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['tag_departments', 'tag_members', 'tags']) await db.schema.dropTable(table).execute();
  await sql`drop index members_corp_email`.execute(db);
  await sql`drop index members_corp_mobile`.execute(db);
  await sql`create unique index members_corp_mobile on members (corp_id, mobile) where mobile is not null`.execute(db);
  await db.schema
    .alterTable('members')
    .dropColumn('alias').dropColumn('position').dropColumn('gender').dropColumn('telephone').dropColumn('address')
    .dropColumn('extattr').dropColumn('join_date').dropColumn('direct_leaders').dropColumn('search_text').dropColumn('name_sort').dropColumn('activated_at')
    .execute();
  await sql`drop index departments_sibling_name`.execute(db);
  await db.schema.alterTable('departments').dropColumn('leaders').dropColumn('updated_at').execute();
}
