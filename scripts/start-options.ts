import { parseArgs } from 'node:util';
import { portOption, SHELL_OPTIONS, shellOptions } from '../core/app/shell-options';
import { DEFAULT_LAN_PORT } from '../server/lan-listener';

export interface StartOptions {
  browser: boolean;
  port: number;
  /** Where LAN desk mode listens on all interfaces once management switches sharing on. */
  lanPort: number;
  dataDir?: string;
  /** A `postgres://` URL: run on that PostgreSQL database instead of the SQLite file in the data folder. */
  database?: string;
  open: boolean;
  demo: boolean;
  help: boolean;
}

/** Fixed by default so a bookmark keeps working; `--port 0` picks a free one. */
export const DEFAULT_PORT = 4780;

export const USAGE = `Usage: npm start -- [--browser] [--port N] [--lan-port N] [--data DIR] [--no-open] [--demo]
  --browser   use browser mode even where the desktop app could start
  --port N    port for browser mode on 127.0.0.1 (default ${DEFAULT_PORT}; 0 picks a free port)
  --lan-port N  port on the local network while sharing is switched on (default ${DEFAULT_LAN_PORT})
  --data DIR  folder of the database (default: the app's user-data folder)
  --database postgres://USER:PASSWORD@HOST:PORT/DB
              use that PostgreSQL database (shared by several desks or sites) instead of the SQLite file;
              shows the password in the process list: better put the URL into the file database-url
              in the data folder (chmod 600) or into the environment variable KONTAKTDESK_DATABASE_URL
  --no-open   do not open a browser window
  --demo      open the separate demo database, filled with synthetic history`;

/** `npm start`'s command line: the switches the desktop app takes too (core/app/shell-options.ts), and browser mode's own. */
export function parseStartOptions(argv: string[]): StartOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      ...SHELL_OPTIONS,
      browser: { type: 'boolean', default: false },
      port: { type: 'string' },
      'no-open': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  const shell = shellOptions(values);
  return {
    ...shell,
    browser: values.browser,
    port: values.port === undefined ? DEFAULT_PORT : portOption('--port', values.port),
    lanPort: shell.lanPort ?? DEFAULT_LAN_PORT,
    open: !values['no-open'],
    help: values.help,
  };
}
