import { isPostgresUrl } from '../db/database-handle';

/**
 * The switches both shells take, defined once: `npm start` (scripts/start-options.ts, `--name value`)
 * and the desktop app (electron/command-line.ts, Chromium's `--name=value`) read their command lines
 * with node:util's parseArgs over this table plus their own switches, and check the values here, so a
 * value is refused the same way whichever shell it is given to.
 */
export const SHELL_OPTIONS = {
  data: { type: 'string' },
  database: { type: 'string' },
  'lan-port': { type: 'string' },
  demo: { type: 'boolean', default: false },
} as const;

export interface ShellOptions {
  /** `--data DIR`: the folder of the database instead of the app's user-data folder. */
  dataDir?: string;
  /** `--database postgres://…`: a shared PostgreSQL database instead of the file (core/app/database-url.ts finds it elsewhere too). */
  database?: string;
  /** `--lan-port N`: the port on the local network while sharing is on; undefined when not given. */
  lanPort?: number;
  /** `--demo`: the separate demo database. */
  demo: boolean;
}

/** The values parseArgs gives for SHELL_OPTIONS (an empty value counts as not given: Chromium's `--data=`). */
export interface ShellValues {
  data?: string;
  database?: string;
  'lan-port'?: string;
  demo?: boolean;
}

/** A port from the command line: a whole number from 0 (a free one) to 65535; the message names the flag. */
export function portOption(flag: string, value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`${flag} must be a whole number from 0 to 65535, not "${value}"`);
  return port;
}

export function shellOptions(values: ShellValues): ShellOptions {
  const given = (value: string | undefined) => (value === '' ? undefined : value);
  const lanPort = given(values['lan-port']);
  const demo = values.demo === true;
  return {
    dataDir: given(values.data),
    database: databaseOption(given(values.database), demo),
    lanPort: lanPort === undefined ? undefined : portOption('--lan-port', lanPort),
    demo,
  };
}

function databaseOption(database: string | undefined, demo: boolean): string | undefined {
  if (database === undefined) return undefined;
  // The value is not repeated: a mistyped URL would show its password.
  if (!isPostgresUrl(database)) throw new Error('--database takes a postgres:// URL; the SQLite file lives in the --data folder');
  if (demo) throw new Error('--demo opens its own SQLite demo database; leave out --database');
  return database;
}
