import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface BareDatabase {
  dir: string;
  sqlite: Database.Database;
  db: Kysely<any>;
  dispose(): Promise<void>;
}

/** An empty SQLite file in a fresh temp folder, without the core: for migration tests that build a schema step by step. */
export function openBareDatabase(name: string): BareDatabase {
  const dir = mkdtempSync(join(tmpdir(), `kontaktdesk-${name}-`));
  const sqlite = new Database(join(dir, 'kontaktdesk.sqlite'));
  sqlite.pragma('foreign_keys = ON');
  const db = new Kysely<any>({ dialect: new SqliteDialect({ database: sqlite }) });
  return {
    dir,
    sqlite,
    db,
    async dispose() {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
