import { sql, type Kysely } from 'kysely';

// Frozen once landed: a later change is a new migration.
// Roles, admin assignments with scopes, and per-corp access settings; the super admins of corp_admins move in.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('admin_roles')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('corp_id', 'text', (c) => c.notNull().references('corps.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('permissions', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create unique index admin_roles_corp_name on admin_roles (corp_id, lower(name))`.execute(db);

  await db.schema
    .createTable('admin_assignments')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('corp_id', 'text', (c) => c.notNull().references('corps.id'))
    .addColumn('member_id', 'uuid', (c) => c.notNull().references('members.id'))
    // A built-in role key (super_admin, directory_admin, …) or a custom role's id.
    .addColumn('role_id', 'text', (c) => c.notNull())
    .addColumn('scope_departments', sql`integer[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('scope_tags', sql`integer[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('scope_own_departments', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'active')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('activated_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('admin_assignments_member').on('admin_assignments').columns(['corp_id', 'member_id']).execute();
  await sql`create unique index admin_assignments_one_super_admin on admin_assignments (corp_id, member_id) where role_id = 'super_admin'`.execute(db);

  await db.schema
    .createTable('access_settings')
    .addColumn('corp_id', 'text', (c) => c.primaryKey().references('corps.id'))
    .addColumn('max_super_admins', 'integer', (c) => c.notNull())
    .execute();

  await sql`
    insert into admin_assignments (corp_id, member_id, role_id, status, created_at, activated_at)
    select corp_id, member_id, 'super_admin', 'active', created_at, created_at from corp_admins where role = 'super_admin'
  `.execute(db);
  await db.schema.dropTable('corp_admins').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('corp_admins')
    .addColumn('corp_id', 'text', (c) => c.notNull().references('corps.id'))
    .addColumn('member_id', 'uuid', (c) => c.notNull().references('members.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('corp_admins_pk', ['corp_id', 'member_id'])
    .execute();
  await sql`insert into corp_admins (corp_id, member_id, role, created_at) select corp_id, member_id, 'super_admin', created_at from admin_assignments where role_id = 'super_admin'`.execute(db);
  for (const table of ['access_settings', 'admin_assignments', 'admin_roles']) await db.schema.dropTable(table).execute();
}
