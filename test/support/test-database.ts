import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

/** Which database this test run uses: the `postgres` vitest project runs the core and contract suites on PostgreSQL. */
export const testDialect = (): 'sqlite' | 'postgres' => (process.env.KONTAKTDESK_TEST_DIALECT === 'postgres' ? 'postgres' : 'sqlite');

export const onPostgres = () => testDialect() === 'postgres';

/** A fresh, empty database on the run's PostgreSQL server (started by `postgres-global-setup.ts`), dropped again by `drop()`. */
export async function createTestPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const serverUrl = inject('postgresUrl');
  if (!serverUrl) throw new Error('no PostgreSQL server for this run (see test/support/postgres-global-setup.ts)');
  const name = `kd_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      try {
        await client.query(`drop database if exists ${name} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}
