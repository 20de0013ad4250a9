import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_NAME = 'Kontaktdesk';

/**
 * The folder Electron's `app.getPath('userData')` gives for this app, so browser mode and the
 * desktop app open the same file on the same machine.
 */
export function defaultDataDir(platform = process.platform, env = process.env): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_NAME);
}

/** The demo keeps its own file, so synthetic history never mixes with real contacts. */
export const databaseFile = (dataDir: string, demo: boolean) => join(dataDir, demo ? 'kontaktdesk-demo.sqlite' : 'kontaktdesk.sqlite');
