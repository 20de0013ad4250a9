import type Database from 'better-sqlite3';
import DatabaseCtor from 'better-sqlite3';
import { closeSync, existsSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { isAutomaticKind } from './backup-kinds';
import { backupName, type BackupKind } from './backup-names';
import { countRows, verifyBackupFile } from './verify-backup';

export interface BackupInfo {
  /** The file name inside the folder; restoreBackup takes this, never a path. */
  name: string;
  /** Epoch ms the backup was taken (UTC, whole seconds, as in the name). */
  at: number;
  kind: BackupKind;
  /** A start or daily backup, which rotation may delete; every other kind is kept until a person deletes it. */
  automatic: boolean;
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

/**
 * Pages copied per backup step (4 MB at SQLite's default 4 KB pages): one step takes some tens of
 * milliseconds, and taps are served between steps instead of waiting for a whole large file.
 */
export const COPY_STEP_PAGES = 1024;

const removeWithSidecars = (file: string) => {
  for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(file + suffix, { force: true });
};

/**
 * Starts an fsync of the copy on libuv's thread pool unless one is under way. SQLite syncs the copy
 * when its last step commits, on this thread; a 300 MB copy's dirty pages took about 250 ms to flush
 * there, and every tap waited. Flushed along the way, the last step syncs only what its final steps wrote.
 */
function backgroundFlusher(file: string): { flush(): void; settled(): Promise<void> } {
  let flushing: Promise<void> | null = null;
  const flush = () => {
    if (flushing) return;
    flushing = open(file, 'r')
      .then(async (handle) => {
        try {
          await handle.sync();
        } finally {
          await handle.close();
        }
      })
      // Only an early flush: the copy is synced by SQLite's own commit and verified after, whatever happens here.
      .catch(() => undefined)
      .finally(() => {
        flushing = null;
      });
  };
  // Before the copy is renamed or deleted: Windows refuses either while a handle is open.
  return { flush, settled: async () => void (await flushing) };
}

/**
 * The first free name of this second (`-1`, `-2` … after the first), reserved by creating its
 * `.partial` exclusively: two backups of one kind started in the same second (two clicks) get two names.
 */
function reserveName(folder: string, stem: string, at: number, kind: BackupKind): { name: string; partial: string } {
  for (let seq = 0; ; seq++) {
    const name = backupName(stem, at, kind, seq);
    const partial = join(folder, `${name}.partial`);
    if (existsSync(join(folder, name))) continue;
    try {
      closeSync(openSync(partial, 'wx'));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw new BackupFailedError(`The backup ${name} could not be written: ${(err as Error).message}`);
    }
    for (const suffix of ['-journal', '-wal', '-shm']) rmSync(partial + suffix, { force: true });
    return { name, partial };
  }
}

/**
 * Writes a verified backup of the open database into `folder` through SQLite's online backup API.
 *
 * Why the counts are exact: the copy is made in steps of COPY_STEP_PAGES, so taps go on between
 * steps; SQLite carries every write this connection makes between steps into the copy itself (a write
 * by another process restarts the copy). The source's rows are counted in the same event-loop turn
 * that the last step finishes in, before any other handler can write.
 *
 * The copy is written under a temporary name (`<name>.partial`, which a start after a kill clears
 * away: leftovers.ts), switched to rollback-journal mode (a backup is one self-contained file, no
 * -wal beside it), checked read-only with `integrity_check` and row counts in a worker thread while
 * the desk goes on, and only then renamed to its backup name. A failed check deletes it and throws.
 * `copied` gets the rows per table the copy must hold, in the turn it was taken, before anything else can write.
 */
export async function takeBackup(
  sqlite: Database.Database,
  { folder, stem, at, kind, copied }: { folder: string; stem: string; at: number; kind: BackupKind; copied?: (counts: Record<string, number>) => void },
): Promise<BackupInfo> {
  const { name, partial } = reserveName(folder, stem, at, kind);
  const file = join(folder, name);
  const flusher = backgroundFlusher(partial);
  try {
    await sqlite.backup(partial, { progress: () => (flusher.flush(), COPY_STEP_PAGES) });
    const expected = countRows(sqlite);
    copied?.(expected);
    const copy = new DatabaseCtor(partial, { fileMustExist: true });
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    await verifyBackupFile(partial, expected);
    await flusher.settled();
    renameSync(partial, file);
  } catch (err) {
    await flusher.settled();
    removeWithSidecars(partial);
    throw new BackupFailedError(`The backup ${name} failed and was deleted: ${err instanceof Error ? err.message : String(err)}`);
  }
  const secondsAt = Math.floor(at / 1000) * 1000;
  return { name, at: secondsAt, kind, automatic: isAutomaticKind(kind), size: statSync(file).size, verified: true };
}
