import { sql, type Kysely } from 'kysely';

// Frozen once landed: a later change is a new migration.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('corps')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('credit_code', 'text', (c) => c.notNull().unique())
    .addColumn('industry', 'text', (c) => c.notNull())
    .addColumn('size', 'text', (c) => c.notNull())
    .addColumn('logo', 'text')
    .addColumn('default_language', 'text', (c) => c.notNull().defaultTo('zh-CN'))
    .addColumn('calendar', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('departments')
    .addColumn('corp_id', 'text', (c) => c.notNull().references('corps.id'))
    .addColumn('id', 'integer', (c) => c.notNull())
    .addColumn('parent_id', 'integer')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('departments_pk', ['corp_id', 'id'])
    .addForeignKeyConstraint('departments_parent_fk', ['corp_id', 'parent_id'], 'departments', ['corp_id', 'id'])
    .execute();

  await db.schema
    .createTable('members')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('corp_id', 'text', (c) => c.notNull().references('corps.id'))
    .addColumn('userid', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('mobile', 'text')
    .addColumn('email', 'text')
    .addColumn('main_department', 'integer', (c) => c.notNull())
    // 1 active, 2 disabled, 4 not yet activated, 5 left (WeCom's values)
    .addColumn('status', 'smallint', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addForeignKeyConstraint('members_main_department_fk', ['corp_id', 'main_department'], 'departments', ['corp_id', 'id'])
    .execute();
  await sql`create unique index members_corp_userid on members (corp_id, lower(userid))`.execute(db);
  await sql`create unique index members_corp_mobile on members (corp_id, mobile) where mobile is not null`.execute(db);
  await db.schema.createIndex('members_mobile').on('members').column('mobile').execute();

  await db.schema
    .createTable('member_departments')
    .addColumn('corp_id', 'text', (c) => c.notNull())
    .addColumn('member_id', 'uuid', (c) => c.notNull().references('members.id').onDelete('cascade'))
    .addColumn('department_id', 'integer', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_leader', 'boolean', (c) => c.notNull().defaultTo(false))
    .addPrimaryKeyConstraint('member_departments_pk', ['member_id', 'department_id'])
    .addForeignKeyConstraint('member_departments_department_fk', ['corp_id', 'department_id'], 'departments', ['corp_id', 'id'])
    .execute();

  // Until the access module brings roles and scopes, the only admin kind is the super admin.
  await db.schema
    .createTable('corp_admins')
    .addColumn('corp_id', 'text', (c) => c.notNull().references('corps.id'))
    .addColumn('member_id', 'uuid', (c) => c.notNull().references('members.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('corp_admins_pk', ['corp_id', 'member_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['corp_admins', 'member_departments', 'members', 'departments', 'corps']) {
    await db.schema.dropTable(table).execute();
  }
}
