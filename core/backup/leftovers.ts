import { existsSync, lstatSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseBackupName } from './backup-names';

/** `<backup name>.partial`, optionally with the journal SQLite may leave beside it: what a killed takeBackup leaves. */
const LEFTOVER = /^(.+\.sqlite)\.partial(?:-journal|-wal|-shm)?$/;

/**
 * Deletes what backups of the database `stem` left in `folder` when the app was killed while writing
 * them, and returns the names. Only files named exactly `<one of this database's backup names>.partial`
 * (with `-journal`, `-wal` or `-shm`) go: never another database's, never a folder or link, never
 * anything else. Call it only while no backup of this database is being written (at start).
 */
export function removeLeftovers(folder: string, stem: string): string[] {
  if (!existsSync(folder)) return [];
  const removed: string[] = [];
  for (const name of readdirSync(folder)) {
    const backup = LEFTOVER.exec(name)?.[1];
    if (backup === undefined || parseBackupName(backup)?.stem !== stem) continue;
    const path = join(folder, name);
    if (!lstatSync(path).isFile()) continue;
    rmSync(path, { force: true });
    removed.push(name);
  }
  return removed;
}
