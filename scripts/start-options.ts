import { parseArgs } from 'node:util';

export interface StartOptions {
  browser: boolean;
  port: number;
  dataDir?: string;
  open: boolean;
  demo: boolean;
  help: boolean;
}

/** Fixed by default so a bookmark keeps working; `--port 0` picks a free one. */
export const DEFAULT_PORT = 4780;

export const USAGE = `Usage: npm start -- [--browser] [--port N] [--data DIR] [--no-open] [--demo]
  --browser   use browser mode even where the desktop app could start
  --port N    port for browser mode on 127.0.0.1 (default ${DEFAULT_PORT}; 0 picks a free port)
  --data DIR  folder of the database (default: the app's user-data folder)
  --no-open   do not open a browser window
  --demo      open the separate demo database, filled with synthetic history`;

export function parseStartOptions(argv: string[]): StartOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      browser: { type: 'boolean', default: false },
      port: { type: 'string' },
      data: { type: 'string' },
      'no-open': { type: 'boolean', default: false },
      demo: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a whole number from 0 to 65535, not "${values.port}"`);
  return {
    browser: values.browser,
    port,
    dataDir: values.data,
    open: !values['no-open'],
    demo: values.demo,
    help: values.help,
  };
}
