import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrations } from '../../migrations';
import { migrate } from './migrator';
import { withStatementCache } from './statement-cache';
import type { Schema } from './schema';
import type { SqliteHandle } from './database-handle';

export interface OpenSqliteOptions {
  /** How long a write waits for another program's lock before failing with SQLITE_BUSY. */
  busyTimeoutMs?: number;
  /** Runs before migrations change an existing database's schema; if it throws, nothing is migrated. */
  beforeMigrate?: (sqlite: Database.Database, fromVersion: number) => Promise<void>;
}

/** The schema version of a database that has one; 0 for a new, empty file. Read without writing anything. */
function existingSchemaVersion(sqlite: Database.Database): number {
  const table = sqlite.prepare("select 1 from sqlite_master where type = 'table' and name = 'schema_migrations'").get();
  if (!table) return 0;
  return Number(sqlite.prepare('select max(version) from schema_migrations').pluck().get() ?? 0);
}

/**
 * Opens (creating if needed) a Kontaktdesk SQLite file and migrates it.
 * FULL sync in WAL mode: a contact the desk saw acknowledged survives a power cut.
 */
export async function openSqlite(file: string, options: OpenSqliteOptions = {}): Promise<SqliteHandle> {
  mkdirSync(dirname(file), { recursive: true });
  const sqlite = new Database(file);
  try {
    sqlite.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
    const from = existingSchemaVersion(sqlite);
    if (from > 0 && from < migrations.length && options.beforeMigrate) {
      try {
        await options.beforeMigrate(sqlite, from);
      } catch (err) {
        throw new Error(
          `The database needs a schema update (version ${from} → ${migrations.length}), but the backup before it failed, so nothing was changed. ` +
            `Free disk space or fix the backup folder, then start again. (${err instanceof Error ? err.message : String(err)})`,
        );
      }
    }
    await migrate(db, migrations);
    return { dialect: 'sqlite', db, sqlite, file, close: () => db.destroy() };
  } catch (err) {
    sqlite.close();
    throw err;
  }
}
