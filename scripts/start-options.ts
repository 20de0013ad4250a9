import { parseArgs } from 'node:util';
import { isPostgresUrl } from '../core/db/database-handle';
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

export function parseStartOptions(argv: string[]): StartOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      browser: { type: 'boolean', default: false },
      port: { type: 'string' },
      'lan-port': { type: 'string' },
      data: { type: 'string' },
      database: { type: 'string' },
      'no-open': { type: 'boolean', default: false },
      demo: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a whole number from 0 to 65535, not "${values.port}"`);
  const lanPort = values['lan-port'] === undefined ? DEFAULT_LAN_PORT : Number(values['lan-port']);
  if (!Number.isInteger(lanPort) || lanPort < 0 || lanPort > 65535) throw new Error(`--lan-port must be a whole number from 0 to 65535, not "${values['lan-port']}"`);
  return {
    browser: values.browser,
    port,
    lanPort,
    dataDir: values.data,
    database: databaseOption(values.database, values.demo),
    open: !values['no-open'],
    demo: values.demo,
    help: values.help,
  };
}

function databaseOption(database: string | undefined, demo: boolean): string | undefined {
  if (database === undefined) return undefined;
  // The value is not repeated: a mistyped URL would show its password.
  if (!isPostgresUrl(database)) throw new Error('--database takes a postgres:// URL; the SQLite file lives in the --data folder');
  if (demo) throw new Error('--demo opens its own SQLite demo database; leave out --database');
  return database;
}
