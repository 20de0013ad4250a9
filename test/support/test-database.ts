import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { createDatabase } from '../../tools/postgres-server';

/** Which database this test run uses: the `postgres` vitest project runs the core and contract suites on PostgreSQL. */
export const testDialect = (): 'sqlite' | 'postgres' => (process.env.KONTAKTDESK_TEST_DIALECT === 'postgres' ? 'postgres' : 'sqlite');

export const onPostgres = () => testDialect() === 'postgres';

/** A fresh, empty database on the run's PostgreSQL server (started by `postgres-global-setup.ts`), dropped again by `drop()`. */
export async function createTestPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const serverUrl = inject('postgresUrl');
  if (!serverUrl) throw new Error('no PostgreSQL server for this run (see test/support/postgres-global-setup.ts)');
  return createDatabase(serverUrl, `kd_test_${randomBytes(6).toString('hex')}`);
}
