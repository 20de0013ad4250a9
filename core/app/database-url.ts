import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isPostgresUrl } from '../db/database-handle';

/**
 * Where a PC keeps the URL of its shared PostgreSQL database, password included. A command-line
 * argument is visible to every user of the PC in the process list; an environment variable and a
 * file readable only by its owner are not. Both shells and the command-line tools ask here.
 */
export const DATABASE_URL_ENV = 'KONTAKTDESK_DATABASE_URL';

/** The file `database-url` in the data folder (beside where the SQLite file would be): one line, the URL. */
export const databaseUrlFile = (dataDir: string) => join(dataDir, 'database-url');

export interface DatabaseUrl {
  url: string;
  /** Where it was found, for messages: the flag (`--database`), `KONTAKTDESK_DATABASE_URL` or the file's path. */
  source: string;
}

/** A URL that cannot be used. Its message names where the URL came from and never holds the password. */
export class DatabaseUrlError extends Error {}

export interface FindDatabaseUrlOptions {
  /** The data folder: `--data DIR` or the app's user-data folder. */
  dataDir: string;
  /** A URL given on the command line: still accepted, first, with a warning. */
  explicit?: string;
  /** The flag that gave it, for messages (move-to-postgres calls it `--to`). */
  explicitFlag?: string;
  /** The demo opens its own SQLite file, whatever this PC's real database is. */
  demo?: boolean;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  /** Where the warning about a URL on the command line goes (stderr). */
  warn?: (message: string) => void;
}

/**
 * The PostgreSQL URL this PC runs on: `--database` if given, else KONTAKTDESK_DATABASE_URL, else the
 * data folder's `database-url` file. Undefined: none, the SQLite file as always. Anything found that
 * cannot be used throws a DatabaseUrlError before anything is opened; it never falls back to SQLite.
 */
export function findDatabaseUrl(options: FindDatabaseUrlOptions): DatabaseUrl | undefined {
  const { dataDir, explicit, explicitFlag = '--database', demo = false, env = process.env, platform = process.platform, warn = console.error } = options;
  if (explicit !== undefined) {
    if (demo) throw new DatabaseUrlError(`--demo opens its own SQLite demo database; leave out ${explicitFlag}`);
    const url = usableUrl(explicit, explicitFlag);
    if (hasPassword(url)) {
      warn(
        `Warning: ${explicitFlag} shows the database password to every user of this PC, in the process list. ` +
          `Put the URL into the file ${databaseUrlFile(dataDir)} (one line, readable only by you) or into the environment variable ${DATABASE_URL_ENV} instead.`,
      );
    }
    return { url, source: explicitFlag };
  }
  if (demo) return undefined;
  const fromEnv = env[DATABASE_URL_ENV];
  if (fromEnv !== undefined) return { url: usableUrl(fromEnv, DATABASE_URL_ENV), source: DATABASE_URL_ENV };
  const file = databaseUrlFile(dataDir);
  const fromFile = readOwnerOnlyFile(file, platform);
  return fromFile === undefined ? undefined : { url: usableUrl(fromFile, file), source: file };
}

/** The trimmed URL, or an error naming `where`; the value itself is never repeated (it may be the password alone). */
function usableUrl(value: string, where: string): string {
  const url = value.trim();
  const shape = 'postgres://USER:PASSWORD@HOST:PORT/DATABASE';
  if (url === '') throw new DatabaseUrlError(`${where} is empty; it must hold the URL of the PostgreSQL database (${shape})`);
  if (/[\r\n]/.test(url)) throw new DatabaseUrlError(`${where} must hold one line, the URL of the PostgreSQL database (${shape})`);
  if (!isPostgresUrl(url)) throw new DatabaseUrlError(`${where} does not hold a postgres:// URL; it must be ${shape}`);
  if (parsedUrl(url) === undefined) {
    throw new DatabaseUrlError(
      `${where} holds a postgres:// URL that cannot be read; write the characters # / ? in the password percent-encoded (as %23 %2F %3F)`,
    );
  }
  return url;
}

/** Read as the PostgreSQL client reads it: spaces encoded, a host left out for a socket folder (`@/db?host=/run/postgresql`). */
function parsedUrl(url: string): URL | undefined {
  const encoded = / |%[^a-f0-9]|%[a-f0-9][^a-f0-9]/i.test(url) ? encodeURI(url).replace(/%25(\d\d)/g, '%$1') : url;
  for (const candidate of [encoded, encoded.replace('@/', '@socket/')]) {
    try {
      return new URL(candidate);
    } catch {
      // Try the next reading.
    }
  }
  return undefined;
}

function hasPassword(url: string): boolean {
  const parsed = parsedUrl(url);
  return parsed === undefined || parsed.password !== '' || parsed.searchParams.has('password');
}

/**
 * The file's text, undefined if there is none. Like ssh with a private key, a file other users may read
 * (or change) is refused on POSIX with the command that fixes it; Windows has no such mode bits.
 */
function readOwnerOnlyFile(path: string, platform: NodeJS.Platform): string | undefined {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new DatabaseUrlError(`cannot read ${path}: ${(err as Error).message}`);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new DatabaseUrlError(`${path} is not a file; it must hold one line, the URL of the PostgreSQL database`);
    if (platform !== 'win32' && (stat.mode & 0o077) !== 0) {
      const mode = `0${(stat.mode & 0o777).toString(8)}`;
      throw new DatabaseUrlError(
        `${path} can be read or changed by other users of this PC (mode ${mode}), and it holds the database password. ` +
          `Make it readable by its owner only, then start again:\n  chmod 600 ${shellQuoted(path)}`,
      );
    }
    return readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
}

const shellQuoted = (path: string) => (/^[\w@%+=:,./-]+$/.test(path) ? path : `'${path.replaceAll("'", `'\\''`)}'`);

/**
 * What resetting the PIN (the app's `--reset-pin`, `npm run reset-pin`) answers on a PC set to PostgreSQL:
 * the shared database's PIN is every site's, reset on the server (README, "Forgotten PIN").
 */
export const pinResetRefusal = (found: DatabaseUrl) =>
  `resetting the PIN works on this PC's database file, not on a PostgreSQL database (set by ${found.source}); ` +
  'there whoever runs the server deletes the row management_pin_hash from the table settings.';
