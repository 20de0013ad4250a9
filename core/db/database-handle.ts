import type Database from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { Schema } from './schema';
import type { ListenHandlers, PostgresListener } from './postgres-listen';

interface HandleBase {
  db: Kysely<Schema>;
  close(): Promise<void>;
}

/** The embedded default: one SQLite file on this PC. */
export interface SqliteHandle extends HandleBase {
  dialect: 'sqlite';
  /** The raw connection, for pragmas, backups and benchmarks; domain code goes through `db`. */
  sqlite: Database.Database;
  file: string;
}

/** A PostgreSQL database shared by several desks or sites. */
export interface PostgresHandle extends HandleBase {
  dialect: 'postgres';
  /** The connection URL with any password masked, for messages. */
  label: string;
  /** The name every connection of this process gives the server (`application_name`): unique per process. */
  applicationName: string;
  /** `LISTEN` on a connection of its own (the URL, with its password, stays inside the handle). */
  listen(channel: string, handlers: ListenHandlers): Promise<PostgresListener>;
}

export type DatabaseHandle = SqliteHandle | PostgresHandle;

/** Where a database is: a SQLite file path, or a `postgres://` URL. */
export type DatabaseLocation = { file: string } | { postgres: string };

export const isPostgresUrl = (value: string) => /^postgres(ql)?:\/\//i.test(value);

/** The URL without its password (also one given as `?password=`), safe to print. */
export function maskedUrl(url: string): string {
  // A socket folder instead of a host (`postgres://kd:pw@/db?host=/run/postgresql`) is no URL host: read with a stand-in.
  for (const [candidate, restore] of [
    [url, (s: string) => s],
    [url.replace('@/', '@socket-folder/'), (s: string) => s.replace('@socket-folder/', '@/')],
  ] as const) {
    try {
      const parsed = new URL(candidate);
      if (parsed.password) parsed.password = '***';
      if (parsed.searchParams.has('password')) parsed.searchParams.set('password', '***');
      return restore(parsed.toString());
    } catch {
      // Try the next reading.
    }
  }
  return 'postgres://(unparsable URL)';
}

/** The SQLite handle, for what only a file has (backups, pragmas, benchmarks); a PostgreSQL handle is refused loudly. */
export function sqliteHandle(handle: DatabaseHandle): SqliteHandle {
  if (handle.dialect !== 'sqlite') throw new Error(`this needs a SQLite database file, not ${handle.label}`);
  return handle;
}

/** What to print as "the database": the SQLite file's path, or the masked PostgreSQL URL. */
export const databaseLabel = (handle: DatabaseHandle) => (handle.dialect === 'sqlite' ? handle.file : handle.label);
