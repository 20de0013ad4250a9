import { existsSync } from 'node:fs';
import { clearManagementPin } from '../management/reset-pin';
import { openCore } from '../open-core';

/**
 * For IT when the management PIN is forgotten, shared by `npm run reset-pin` and the installed
 * app's `--reset-pin` switch. Both need the PC's data folder, which is the point: the desk screen
 * alone cannot do it.
 */

export type PinReset =
  | { outcome: 'removed' | 'notSet'; file: string }
  /** No database at `file`: nothing was created. */
  | { outcome: 'noDatabase'; file: string }
  | { outcome: 'cannotOpen'; file: string; reason: string };

/**
 * Resets the PIN of the SQLite database at `file`. Opening would create an empty database, so a
 * mistyped folder is refused instead; the database is closed again before this answers.
 */
export async function resetPinOfFile(file: string, now: () => number = Date.now): Promise<PinReset> {
  if (!existsSync(file)) return { outcome: 'noDatabase', file };
  let core;
  try {
    core = await openCore({ file, now });
  } catch (err) {
    return { outcome: 'cannotOpen', file, reason: (err as Error).message };
  }
  try {
    return { outcome: (await clearManagementPin(core.context.db, now())) ? 'removed' : 'notSet', file };
  } finally {
    await core.close();
  }
}

/** What both tools say, and their exit code: 0 removed or none set, 1 cannot open, 2 no database. */
export function pinResetMessage(reset: PinReset): { text: string; exitCode: 0 | 1 | 2 } {
  switch (reset.outcome) {
    case 'removed':
      return { text: `PIN removed from ${reset.file}. The next visit to the management area sets a new one.`, exitCode: 0 };
    case 'notSet':
      return { text: `No PIN was set in ${reset.file}.`, exitCode: 0 };
    case 'noDatabase':
      return { text: `no database at ${reset.file}; give the folder Kontaktdesk keeps its data in with --data`, exitCode: 2 };
    case 'cannotOpen':
      return { text: `cannot open ${reset.file}: ${reset.reason}`, exitCode: 1 };
  }
}
