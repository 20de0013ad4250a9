import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrations } from '../../migrations';
import { migrate } from './migrator';
import { withStatementCache } from './statement-cache';
import type { Schema } from './schema';

export interface DatabaseHandle {
  db: Kysely<Schema>;
  /** The raw connection, for pragmas, backups and benchmarks; domain code goes through `db`. */
  sqlite: Database.Database;
  file: string;
  close(): Promise<void>;
}

/**
 * Opens (creating if needed) a Kontaktdesk SQLite file and migrates it.
 * FULL sync in WAL mode: a contact the desk saw acknowledged survives a power cut.
 */
export async function openSqlite(file: string): Promise<DatabaseHandle> {
  mkdirSync(dirname(file), { recursive: true });
  const sqlite = new Database(file);
  try {
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
    await migrate(db, migrations);
    return { db, sqlite, file, close: () => db.destroy() };
  } catch (err) {
    sqlite.close();
    throw err;
  }
}
