import type Database from 'better-sqlite3';
import DatabaseCtor from 'better-sqlite3';
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { backupName, type BackupKind } from './backup-names';
import { countRows, verifyBackupFile } from './verify-backup';

export interface BackupInfo {
  /** The file name inside the folder; restoreBackup takes this, never a path. */
  name: string;
  /** Epoch ms the backup was taken (UTC, whole seconds, as in the name). */
  at: number;
  kind: BackupKind;
  size: number;
  /** Passed integrity_check and the row-count comparison when written; a file that failed never gets a backup's name. */
  verified: boolean;
}

export class BackupFailedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupFailedError';
  }
}

/** better-sqlite3 copies this many pages per step at most: all of them, so the copy is one step. */
const ALL_PAGES = 0x7fffffff;

const removeWithSidecars = (file: string) => {
  for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(file + suffix, { force: true });
};

/**
 * Writes a verified backup of the open database into `folder` through SQLite's online backup API.
 *
 * Why the counts are exact: the whole copy is one `sqlite3_backup_step` (all pages at once, no other
 * JavaScript runs during it), and the source's rows are counted in the same event-loop turn that the
 * step finishes in, before any other handler can write. Writes from this connection made between
 * better-sqlite3's setup step and the copy are carried into the copy by SQLite itself.
 *
 * The copy is written under a temporary name, switched to rollback-journal mode (a backup is one
 * self-contained file, no -wal beside it), checked read-only with `integrity_check` and row counts,
 * and only then renamed to its backup name. A failed check deletes it and throws.
 */
export async function takeBackup(
  sqlite: Database.Database,
  { folder, stem, at, kind }: { folder: string; stem: string; at: number; kind: BackupKind },
): Promise<BackupInfo> {
  let seq = 0;
  while (existsSync(join(folder, backupName(stem, at, kind, seq)))) seq++;
  const name = backupName(stem, at, kind, seq);
  const file = join(folder, name);
  const partial = `${file}.partial`;
  removeWithSidecars(partial);
  try {
    await sqlite.backup(partial, { progress: () => ALL_PAGES });
    const expected = countRows(sqlite);
    const copy = new DatabaseCtor(partial, { fileMustExist: true });
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    verifyBackupFile(partial, expected);
    renameSync(partial, file);
  } catch (err) {
    removeWithSidecars(partial);
    throw new BackupFailedError(`The backup ${name} failed and was deleted: ${err instanceof Error ? err.message : String(err)}`);
  }
  const secondsAt = Math.floor(at / 1000) * 1000;
  return { name, at: secondsAt, kind, size: statSync(file).size, verified: true };
}
