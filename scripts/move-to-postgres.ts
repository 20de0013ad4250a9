/**
 * For IT, when a site outgrows one PC:
 *   KONTAKTDESK_DATABASE_URL=postgres://USER:PASSWORD@HOST:PORT/DB npm run move-to-postgres -- [--data DIR]
 * (or the URL in the data folder's database-url file, or `--to URL`, which the process list shows).
 * Copies the single-desk SQLite database into an empty PostgreSQL database and checks every month's
 * report figures on both sides. The SQLite file is left as it is (keep it as the last backup).
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { databaseFile, defaultDataDir } from '../core/app/data-location';
import { DATABASE_URL_ENV, databaseUrlFile, DatabaseUrlError, findDatabaseUrl, type DatabaseUrl } from '../core/app/database-url';
import { MoveRefused, moveToPostgres } from '../core/app/move-to-postgres';
import { runCli, userPath } from './cli-support';

const USAGE = `Usage: npm run move-to-postgres -- [--to postgres://USER:PASSWORD@HOST:PORT/DB] [--data DIR]
  --to URL    an empty PostgreSQL database (create it first: createdb kontaktdesk); better leave it out
              and give the URL in ${DATABASE_URL_ENV} or in the file database-url in the data folder
              (chmod 600): the process list shows a password on the command line to every user
  --data DIR  folder of the SQLite database (default: the app's user-data folder)
Stop Kontaktdesk first. Afterwards every desk whose database-url file (or ${DATABASE_URL_ENV}) holds the URL runs on it.
Exit codes: 0 moved and every month's figures equal, 1 failed, 2 bad arguments, no database or a non-empty target.`;

export async function main(argv: string[]): Promise<number> {
  let values: { to?: string; data?: string; help?: boolean };
  try {
    ({ values } = parseArgs({ args: argv, options: { to: { type: 'string' }, data: { type: 'string' }, help: { type: 'boolean' } }, strict: true }));
  } catch (err) {
    console.error(`move-to-postgres: ${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const dataDir = userPath(values.data ?? defaultDataDir());
  let target: DatabaseUrl | undefined;
  try {
    // The same search as the app's: the move goes where the desks will look.
    target = findDatabaseUrl({ dataDir, explicit: values.to, explicitFlag: '--to' });
  } catch (err) {
    if (!(err instanceof DatabaseUrlError)) throw err;
    console.error(`move-to-postgres: ${err.message}`);
    return 2;
  }
  if (!target) {
    console.error(`move-to-postgres: --to needs a postgres:// URL, or put it into ${DATABASE_URL_ENV} or ${databaseUrlFile(dataDir)}\n\n${USAGE}`);
    return 2;
  }
  const file = databaseFile(dataDir, false);
  if (!existsSync(file)) {
    console.error(`move-to-postgres: no database at ${file}; give the folder Kontaktdesk keeps its data in with --data DIR`);
    return 2;
  }
  try {
    const result = await moveToPostgres({ file, url: target.url });
    for (const [table, n] of Object.entries(result.rows)) console.log(`${table.padEnd(18)} ${n} rows`);
    const months = result.monthsCompared;
    console.log(
      months.length ? `Report figures equal for all ${months.length} months (${months[0]} to ${months.at(-1)}).` : 'No contacts yet: nothing to compare.',
    );
    console.log(
      `Moved to ${result.target}. Kontaktdesk runs on it where the URL is in ${DATABASE_URL_ENV} or in the data folder's database-url file (chmod 600).`,
    );
    return 0;
  } catch (err) {
    console.error(`move-to-postgres: ${(err as Error).message}`);
    return err instanceof MoveRefused ? 2 : 1;
  }
}

runCli('move-to-postgres', main);
