import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import pg from 'pg';
import { unavailableError } from '../core/db/storage-errors';
import { databaseFile, defaultDataDir } from '../core/app/data-location';
import { DatabaseUrlError, findDatabaseUrl, type DatabaseUrl } from '../core/app/database-url';
import { maskedUrl } from '../core/db/database-handle';
import { openCore, type Core, type OpenCoreOptions } from '../core/open-core';

/** `npm run` starts scripts in the project folder; relative paths mean the folder the user typed them in. */
export const userPath = (path: string) => resolve(process.env.INIT_CWD ?? process.cwd(), path);

/**
 * Opens the database a command-line tool works on: the app's, i.e. the PostgreSQL database this PC is
 * set to (KONTAKTDESK_DATABASE_URL, the data folder's database-url file), else the SQLite file. Opening
 * would create an empty database, so a mistyped folder fails loudly instead: the answer is then the
 * exit code (2 no database, 1 cannot open), and the reason has been printed.
 */
export async function openExistingCore(
  tool: string,
  dataDir: string | undefined,
  demo = false,
  options: Pick<OpenCoreOptions, 'busyTimeoutMs'> = {},
): Promise<{ core: Core; file: string } | number> {
  const folder = userPath(dataDir ?? defaultDataDir());
  let postgres: DatabaseUrl | undefined;
  try {
    postgres = findDatabaseUrl({ dataDir: folder, demo });
  } catch (err) {
    if (!(err instanceof DatabaseUrlError)) throw err;
    console.error(`${tool}: ${err.message}`);
    return 2;
  }
  if (postgres) return openExistingPostgres(tool, postgres.url, folder);
  const file = databaseFile(folder, demo);
  if (!existsSync(file)) {
    console.error(`${tool}: no database at ${file}; give the folder Kontaktdesk keeps its data in with --data DIR`);
    return 2;
  }
  try {
    return { core: await openCore({ file, ...options }), file };
  } catch (err) {
    console.error(`${tool}: cannot open ${file}: ${(err as Error).message}`);
    return 1;
  }
}

/** Like a missing file, a PostgreSQL database Kontaktdesk never ran on is refused rather than filled with its tables. */
async function openExistingPostgres(tool: string, url: string, dataDir: string): Promise<{ core: Core; file: string } | number> {
  const label = maskedUrl(url);
  let present: boolean;
  try {
    present = await holdsKontaktdeskTables(url);
  } catch (err) {
    // The client's messages name host, user or database, never the password.
    console.error(`${tool}: cannot open the PostgreSQL database ${label}: ${(err as Error).message}`);
    return 1;
  }
  if (!present) {
    console.error(`${tool}: no Kontaktdesk database at ${label}; start Kontaktdesk on it first (or move the SQLite data there: npm run move-to-postgres)`);
    return 2;
  }
  try {
    // The data folder keeps this PC's mail password (core/mail/secret-store.ts), also on PostgreSQL.
    return { core: await openCore({ postgres: url, dataDir }), file: label };
  } catch (err) {
    console.error(`${tool}: ${(err as Error).message}`);
    return 1;
  }
}

async function holdsKontaktdeskTables(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    const { rows } = await client.query<{ present: boolean }>("select to_regclass('schema_migrations') is not null as present");
    return rows[0]!.present;
  } finally {
    await client.end();
  }
}

/**
 * Runs a tool's main with the process arguments and turns its answer (or a crash) into the exit code.
 * A database that is busy, read-only or out of disk space is a condition to report in one line; only
 * what nobody expected gets its stack trace.
 */
export function runCli(tool: string, main: (argv: string[]) => Promise<number>): void {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: Error) => {
      const expected = unavailableError(err);
      console.error(`${tool}: ${expected ? expected.message : (err.stack ?? err.message)}`);
      process.exitCode = 1;
    },
  );
}
