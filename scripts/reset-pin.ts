/**
 * For IT, when the management PIN is forgotten:
 *   npm run reset-pin -- [--data DIR] [--demo]
 * Removes the stored PIN hash (and nothing else), audited; the next visit to the management area
 * sets a new PIN. Needs access to the PC's data folder, which is the point: the desk screen alone
 * cannot do it. An installed app, which has no npm, does the same with `Kontaktdesk --reset-pin`.
 */
import { parseArgs } from 'node:util';
import { databaseFile, defaultDataDir } from '../core/app/data-location';
import { DatabaseUrlError, findDatabaseUrl, pinResetRefusal } from '../core/app/database-url';
import { pinResetMessage, resetPinOfFile } from '../core/app/pin-reset';
import { runCli, userPath } from './cli-support';

const USAGE = `Usage: npm run reset-pin -- [--data DIR] [--demo]
  --data DIR  folder of the database (default: the app's user-data folder)
  --demo      the separate demo database
Removes the management PIN; the next visit to the management area sets a new one.
Restart a running Kontaktdesk afterwards so windows unlocked with the old PIN close.
Exit codes: 0 removed (or none was set), 1 cannot open the database, 2 bad arguments or no database.`;

export async function main(argv: string[]): Promise<number> {
  let values: { data?: string; demo?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({ args: argv, options: { data: { type: 'string' }, demo: { type: 'boolean' }, help: { type: 'boolean' } }, strict: true }));
  } catch (err) {
    console.error(`reset-pin: ${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const dataDir = userPath(values.data ?? defaultDataDir());
  // On a PC set to PostgreSQL (KONTAKTDESK_DATABASE_URL, the database-url file) the file here is not the app's database.
  try {
    const postgres = findDatabaseUrl({ dataDir, demo: values.demo === true });
    if (postgres) {
      console.error(`reset-pin: ${pinResetRefusal(postgres)}`);
      return 2;
    }
  } catch (err) {
    if (!(err instanceof DatabaseUrlError)) throw err;
    console.error(`reset-pin: ${err.message}`);
    return 2;
  }
  // The same steps as the installed app's `--reset-pin` switch (core/management/reset-pin.ts).
  const reset = await resetPinOfFile(databaseFile(dataDir, values.demo === true));
  const { text, exitCode } = pinResetMessage(reset);
  if (exitCode === 0) console.log(text);
  else console.error(`reset-pin: ${text}`);
  return exitCode;
}

runCli('reset-pin', main);
