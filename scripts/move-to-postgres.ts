/**
 * For IT, when a site outgrows one PC:
 *   npm run move-to-postgres -- --to postgres://USER:PASSWORD@HOST:PORT/DB [--data DIR]
 * Copies the single-desk SQLite database into an empty PostgreSQL database and checks every month's
 * report figures on both sides. The SQLite file is left as it is (keep it as the last backup).
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { databaseFile, defaultDataDir } from '../core/app/data-location';
import { isPostgresUrl } from '../core/db/database-handle';
import { MoveRefused, moveToPostgres } from '../core/move/move-to-postgres';
import { runCli, userPath } from './cli-support';

const USAGE = `Usage: npm run move-to-postgres -- --to postgres://USER:PASSWORD@HOST:PORT/DB [--data DIR]
  --to URL    an empty PostgreSQL database (create it first: createdb kontaktdesk)
  --data DIR  folder of the SQLite database (default: the app's user-data folder)
Stop Kontaktdesk first. Afterwards start every desk with: npm start -- --database URL
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
  if (!values.to || !isPostgresUrl(values.to)) {
    console.error(`move-to-postgres: --to needs a postgres:// URL\n\n${USAGE}`);
    return 2;
  }
  const file = databaseFile(userPath(values.data ?? defaultDataDir()), false);
  if (!existsSync(file)) {
    console.error(`move-to-postgres: no database at ${file}; give the folder Kontaktdesk keeps its data in with --data DIR`);
    return 2;
  }
  try {
    const result = await moveToPostgres({ file, url: values.to });
    for (const [table, n] of Object.entries(result.rows)) console.log(`${table.padEnd(18)} ${n} rows`);
    const months = result.monthsCompared;
    console.log(months.length ? `Report figures equal for all ${months.length} months (${months[0]} to ${months.at(-1)}).` : 'No contacts yet: nothing to compare.');
    console.log(`Moved to ${result.target}. Start Kontaktdesk with: npm start -- --database <URL>`);
    return 0;
  } catch (err) {
    console.error(`move-to-postgres: ${(err as Error).message}`);
    return err instanceof MoveRefused ? 2 : 1;
  }
}

runCli('move-to-postgres', main);
