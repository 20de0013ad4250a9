import Database from 'better-sqlite3';
import { existsSync, statSync } from 'node:fs';

export type StartupProblem = 'damaged' | 'locked' | 'readonly';

export type StartupCheck = { ok: true } | { ok: false; problem: StartupProblem; detail: string };

const codeOf = (err: unknown) => String((err as { code?: unknown })?.code ?? '');

function classify(err: unknown): StartupCheck {
  const code = codeOf(err);
  const detail = err instanceof Error ? err.message : String(err);
  if (code.startsWith('SQLITE_CORRUPT') || code.startsWith('SQLITE_NOTADB')) return { ok: false, problem: 'damaged', detail };
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return { ok: false, problem: 'locked', detail };
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_PERM') || code === 'EACCES' || code === 'EROFS') {
    return { ok: false, problem: 'readonly', detail };
  }
  throw err;
}

/**
 * What is checked before anything may write to an existing database file:
 *
 * 1. Damage, on a read-only connection: `PRAGMA quick_check`, which finds broken pages and b-trees
 *    (what a power cut or a bad sector does) in O(N) without the index cross-checks of
 *    `integrity_check`, so a file of years of contacts is checked in well under a second. Nothing is
 *    migrated, seeded or journalled on a damaged file; it stays byte-identical.
 * 2. Whether this process may write: a write transaction is begun and rolled back at once
 *    (`BEGIN IMMEDIATE` takes the write lock without changing a byte). Another program holding the
 *    lock gives SQLITE_BUSY (after `busyTimeoutMs`); a read-only file, folder or medium gives
 *    SQLITE_READONLY or SQLITE_CANTOPEN.
 *
 * A new (missing or empty) file is fine: there is nothing to check.
 */
export function checkDatabaseFile(file: string, { busyTimeoutMs = 2000 }: { busyTimeoutMs?: number } = {}): StartupCheck {
  if (!existsSync(file) || statSync(file).size === 0) return { ok: true };
  try {
    const reader = new Database(file, { readonly: true, fileMustExist: true });
    try {
      reader.pragma(`busy_timeout = ${busyTimeoutMs}`);
      const results = (reader.pragma('quick_check') as { quick_check: string }[]).map((r) => r.quick_check);
      if (results.join() !== 'ok') return { ok: false, problem: 'damaged', detail: results.slice(0, 3).join('; ') };
    } finally {
      reader.close();
    }
  } catch (err) {
    return classify(err);
  }
  try {
    const writer = new Database(file, { fileMustExist: true });
    try {
      writer.pragma(`busy_timeout = ${busyTimeoutMs}`);
      writer.exec('BEGIN IMMEDIATE');
      writer.exec('ROLLBACK');
    } finally {
      writer.close();
    }
  } catch (err) {
    return classify(err);
  }
  return { ok: true };
}
