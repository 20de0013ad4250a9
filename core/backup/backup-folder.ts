import { accessSync, constants, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { ApiError } from '../base/errors';
import { databaseStem } from './backup-names';

/** `<dataDir>/backups` for the site's database; the demo database keeps its own `backups-kontaktdesk-demo`, so demo copies never sit among (or rotate away) real ones. */
export function defaultBackupFolder(databaseFile: string): string {
  const stem = databaseStem(databaseFile);
  return join(dirname(databaseFile), stem === 'kontaktdesk' ? 'backups' : `backups-${stem}`);
}

/**
 * Refuses, naming `field`, a folder that is relative, missing, not a folder or not writable. Writability
 * is tried with a real file, since permission bits say nothing for a read-only USB stick (or for root).
 */
export function assertUsableFolder(folder: string, field: string): void {
  if (!isAbsolute(folder)) throw new ApiError('invalid_input', 'give an absolute folder path', field);
  let isDir = false;
  try {
    isDir = statSync(folder).isDirectory();
  } catch {
    throw new ApiError('invalid_input', 'the folder does not exist', field);
  }
  if (!isDir) throw new ApiError('invalid_input', 'the path is not a folder', field);
  const probe = join(folder, `.kontaktdesk-write-test-${process.pid}`);
  try {
    accessSync(folder, constants.W_OK);
    writeFileSync(probe, '');
  } catch {
    throw new ApiError('invalid_input', 'the folder is not writable', field);
  } finally {
    rmSync(probe, { force: true });
  }
}
