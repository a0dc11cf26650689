/** The template database every PostgreSQL test database is cloned from. */
export const PG_TEMPLATE_DB = 'orgdesk_template';

/** Which engine the suite runs on: ORGDESK_TEST_DB=postgres (with DATABASE_URL) or the default PGlite. */
export function testDatabaseKind(): 'pglite' | 'postgres' {
  return process.env.ORGDESK_TEST_DB === 'postgres' ? 'postgres' : 'pglite';
}

/** The same server URL with another database name. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
