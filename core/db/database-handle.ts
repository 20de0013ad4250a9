import type Database from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { Schema } from './schema';

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
}

export type DatabaseHandle = SqliteHandle | PostgresHandle;

/** Where a database is: a SQLite file path, or a `postgres://` URL. */
export type DatabaseLocation = { file: string } | { postgres: string };

export const isPostgresUrl = (value: string) => /^postgres(ql)?:\/\//i.test(value);

/** The URL without its password, safe to print. */
export function maskedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://(unparsable URL)';
  }
}

/** The SQLite handle, for what only a file has (backups, pragmas, benchmarks); a PostgreSQL handle is refused loudly. */
export function sqliteHandle(handle: DatabaseHandle): SqliteHandle {
  if (handle.dialect !== 'sqlite') throw new Error(`this needs a SQLite database file, not ${handle.label}`);
  return handle;
}

/** What to print as "the database": the SQLite file's path, or the masked PostgreSQL URL. */
export const databaseLabel = (handle: DatabaseHandle) => (handle.dialect === 'sqlite' ? handle.file : handle.label);
