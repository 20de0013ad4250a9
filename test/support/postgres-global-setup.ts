import type { TestProject } from 'vitest/node';
import { POSTGRES_INSTALL_HINT, postgresBinDir } from '../../scripts/system-packages';
import { startTempPostgres, type TempPostgres } from '../../tools/postgres-server';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

let server: TempPostgres | undefined;

/**
 * One throw-away PostgreSQL server for the whole `postgres` project. A missing PostgreSQL fails the
 * run (in CI and locally alike) with the command that installs it; `npm test` installs it itself.
 */
export async function setup(project: TestProject) {
  const given = process.env.KONTAKTDESK_TEST_POSTGRES_URL;
  if (given) return project.provide('postgresUrl', given);
  if (!postgresBinDir()) throw new Error(`The PostgreSQL suite needs a PostgreSQL server, which is not installed. Run:\n  ${POSTGRES_INSTALL_HINT}`);
  server = await startTempPostgres();
  project.provide('postgresUrl', server.url);
}

export function teardown() {
  server?.stop();
}
