import type { App, Dialog } from 'electron';
import { databaseFile } from '../core/app/data-location';
import { pinResetRefusal, type DatabaseUrl } from '../core/app/database-url';
import { pinResetMessage, resetPinOfFile } from '../core/app/pin-reset';

/**
 * `Kontaktdesk --reset-pin`: what `npm run reset-pin` does, for an installed app that has no npm.
 * Runs once the app is ready (dialogs need it), opens no window, tells what happened on the
 * console and in a message box (a Windows app started from a shortcut has no console), and exits
 * with the same code as the npm command: 0 removed or none set, 1 cannot open, 2 no database.
 */
export async function resetPinAndExit(
  app: Pick<App, 'exit'>,
  dialog: Pick<Dialog, 'showMessageBox'>,
  target: { dataDir: string; demo: boolean; postgres: DatabaseUrl | undefined },
): Promise<void> {
  if (target.postgres !== undefined) {
    // The shared database's PIN is every site's: whoever runs that server resets it (README, "For IT").
    await tell(dialog, pinResetRefusal(target.postgres), false);
    return app.exit(2);
  }
  const { text, exitCode } = pinResetMessage(await resetPinOfFile(databaseFile(target.dataDir, target.demo)));
  await tell(dialog, text, exitCode === 0);
  app.exit(exitCode);
}

/** Another Kontaktdesk window holds the app's lock: resetting under it would leave its windows unlocked. */
export async function refuseWhileRunning(app: Pick<App, 'exit'>, dialog: Pick<Dialog, 'showMessageBox'>): Promise<void> {
  await tell(dialog, 'Kontaktdesk is running. Close it, then start it again with --reset-pin.', false);
  app.exit(1);
}

async function tell(dialog: Pick<Dialog, 'showMessageBox'>, text: string, ok: boolean) {
  if (ok) console.log(text);
  else console.error(`reset-pin: ${text}`);
  await dialog.showMessageBox({ type: ok ? 'info' : 'error', title: 'Kontaktdesk: reset PIN', message: text, buttons: ['OK'] });
}
