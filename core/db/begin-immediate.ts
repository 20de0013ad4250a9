import type Database from 'better-sqlite3';
import type { SqliteStatement } from 'kysely';

/** SQLITE_BUSY and its extended codes (SQLITE_BUSY_SNAPSHOT, …_RECOVERY, …_TIMEOUT). */
export const isSqliteBusy = (err: unknown) => {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
};

const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Kysely opens every SQLite transaction with a plain BEGIN (deferred): the transaction starts as a
 * reader and asks for the write lock at its first write. In WAL mode that upgrade fails at once with
 * SQLITE_BUSY (SQLITE_BUSY_SNAPSHOT when another connection committed since the first read), without
 * calling the busy handler, whenever a second process (`npm run import` beside the app) holds or has
 * just used the write lock — so a tap failed instead of waiting a few milliseconds.
 *
 * BEGIN IMMEDIATE takes the write lock first and waits for it through the busy handler
 * (`busy_timeout`). In rare races (another connection running WAL recovery, or committing between
 * this one's read snapshot and its lock) it can still come back busy early; then it is tried again
 * until the busy timeout has passed. The wait blocks the thread, as the busy handler itself does.
 */
export function beginImmediate(sqlite: Database.Database): SqliteStatement {
  const begin = sqlite.prepare('begin immediate');
  const run = () => {
    const started = Date.now();
    const timeout = Number(sqlite.pragma('busy_timeout', { simple: true }));
    for (let attempt = 0; ; attempt++) {
      try {
        return begin.run();
      } catch (err) {
        if (!isSqliteBusy(err) || Date.now() - started >= timeout) throw err;
        Atomics.wait(pause, 0, 0, Math.min(20, 1 + attempt));
      }
    }
  };
  return { reader: false, all: () => [], iterate: () => [][Symbol.iterator](), run } as unknown as SqliteStatement;
}
