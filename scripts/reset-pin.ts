/**
 * For IT, when the management PIN is forgotten:
 *   npm run reset-pin -- [--data DIR] [--demo]
 * Removes the stored PIN hash (and nothing else), audited; the next visit to the management area
 * sets a new PIN. Needs access to the PC's data folder, which is the point: the desk screen alone
 * cannot do it.
 */
import { parseArgs } from 'node:util';
import { writeAudit } from '../core/contacts/audit';
import { clearPinHash } from '../core/management/pin-store';
import { openExistingCore, runCli } from './cli-support';

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
  const opened = await openExistingCore('reset-pin', values.data, values.demo === true);
  if (typeof opened === 'number') return opened;
  const { core, file } = opened;
  try {
    const removed = await core.context.db.transaction().execute(async (trx) => {
      const had = await clearPinHash(trx);
      if (had) await writeAudit(trx, core.context.now(), [{ action: 'void', entity: 'settings', entityId: 0, field: 'pin' }]);
      return had;
    });
    console.log(removed ? `PIN removed from ${file}. The next visit to the management area sets a new one.` : `No PIN was set in ${file}.`);
    return 0;
  } finally {
    await core.close();
  }
}

runCli('reset-pin', main);
