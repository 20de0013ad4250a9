import type Database from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';
import { beginImmediate } from './begin-immediate';

/**
 * Kysely's SQLite driver prepares every statement anew on each query; a tap runs the same
 * handful of statements every time, and preparing them cost more than the rest of the core
 * together (see `npm run bench`). This keeps the most recent prepared statements by SQL text.
 * Safe because Kysely holds one connection under a mutex, so a cached statement is never used
 * by two queries at once, and SQLite re-prepares a statement itself after a schema change.
 */
export function withStatementCache(sqlite: Database.Database, capacity = 256): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  let begin: SqliteStatement | undefined;
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      if (sql === 'rollback') return safeRollback(sqlite);
      // Every transaction the app opens writes: take the write lock up front (see begin-immediate.ts).
      if (sql === 'begin') return (begin ??= beginImmediate(sqlite));
      let stmt = cache.get(sql);
      if (stmt) {
        cache.delete(sql); // re-insert to mark as most recently used
      } else {
        stmt = sqlite.prepare(sql) as unknown as SqliteStatement;
        if (cache.size >= capacity) cache.delete(cache.keys().next().value!);
      }
      cache.set(sql, stmt);
      return stmt;
    },
  };
}

/**
 * SQLite rolls a transaction back by itself after SQLITE_FULL, SQLITE_IOERR, SQLITE_BUSY (in some
 * cases) and SQLITE_NOMEM. Kysely then sends its own ROLLBACK, which fails with "no transaction is
 * active" and replaces the real error: a full disk would reach the desk as an internal error. The
 * rollback is skipped when there is nothing left to roll back, so the original error surfaces.
 */
function safeRollback(sqlite: Database.Database): SqliteStatement {
  const rollback = sqlite.prepare('rollback');
  return {
    reader: false,
    all: () => [],
    iterate: () => [][Symbol.iterator](),
    run: () => (sqlite.inTransaction ? rollback.run() : { changes: 0, lastInsertRowid: 0 }),
  } as unknown as SqliteStatement;
}
