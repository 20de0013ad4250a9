import type Database from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/**
 * Kysely's SQLite driver prepares every statement anew on each query; a tap runs the same
 * handful of statements every time, and preparing them cost more than the rest of the core
 * together (see `npm run bench`). This keeps the most recent prepared statements by SQL text.
 * Safe because Kysely holds one connection under a mutex, so a cached statement is never used
 * by two queries at once, and SQLite re-prepares a statement itself after a schema change.
 */
export function withStatementCache(sqlite: Database.Database, capacity = 256): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
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
