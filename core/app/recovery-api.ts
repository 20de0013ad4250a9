import { existsSync, readdirSync, renameSync } from 'node:fs';
import Database from 'better-sqlite3';
import { basename, join } from 'node:path';
import type { Handlers } from '../api/contract';
import type { Api } from '../api/dispatch';
import { ApiError } from '../base/errors';
import { methodNames } from '../base/method-names';
import { databaseStem, newestFirst, parseBackupName, type ParsedBackupName } from '../backup/backup-names';
import { defaultBackupFolder } from '../backup/backup-folder';
import { verifyBackupFile } from '../backup/verify-backup';
import type { ManagementGate } from '../management/management-gate';
import { NO_CHANGES } from '../live/change-feed';
import type { StartupProblem } from './startup-check';
import type { Recovery, StartupState } from './startup-state';

export const PROBLEM_MESSAGES: Record<StartupProblem, string> = {
  damaged: 'The database is damaged. Nothing was written to it. Restore the newest good backup.',
  locked: 'The database is locked by another program (another Kontaktdesk?). Close it and start Kontaktdesk again. Nothing was written.',
  readonly: 'The database file or its folder is read-only. Make it writable and start Kontaktdesk again. Nothing was written.',
};

/** The configured backup folder, if the damaged file still lets it be read; the default folder always. */
function backupFolders(file: string): string[] {
  const folders = [defaultBackupFolder(file)];
  try {
    const reader = new Database(file, { readonly: true, fileMustExist: true });
    try {
      const configured = reader.prepare("select value from settings where key = 'backupFolder'").pluck().get();
      if (typeof configured === 'string' && configured !== '') folders.unshift(configured);
    } finally {
      reader.close();
    }
  } catch {
    // Too damaged to read the setting: the default folder is still searched.
  }
  return folders;
}

/** The newest backup of this database that passes integrity_check now, with its folder (checked in a worker: the recovery screen stays answered). */
export async function newestGoodBackup(file: string): Promise<{ folder: string; backup: ParsedBackupName } | null> {
  const stem = databaseStem(file);
  const candidates = backupFolders(file).flatMap((folder) =>
    existsSync(folder)
      ? readdirSync(folder)
          .map(parseBackupName)
          .filter((b): b is ParsedBackupName => b !== null && b.stem === stem)
          .map((backup) => ({ folder, backup }))
      : [],
  );
  candidates.sort((a, b) => newestFirst(a.backup, b.backup));
  for (const candidate of candidates) {
    try {
      await verifyBackupFile(join(candidate.folder, candidate.backup.name));
      return candidate;
    } catch {
      // A damaged backup is skipped; an older one may be good.
    }
  }
  return null;
}

/**
 * Sets the damaged file (with its -wal and -shm) aside under a new name, unchanged, and writes the
 * newest good backup to the database's path through the backup API. The caller then opens it normally.
 */
export async function restoreNewestGoodBackup(file: string, now: number): Promise<Recovery> {
  const good = await newestGoodBackup(file);
  if (!good) throw new ApiError('not_found', 'there is no good backup of this database to restore');
  const stamp = new Date(now).toISOString().replace(/[:.]/g, '');
  const damagedCopy = `${basename(file)}.damaged-${stamp}`;
  for (const suffix of ['-wal', '-shm', '']) {
    if (existsSync(file + suffix)) renameSync(file + suffix, join(file, '..', damagedCopy + suffix));
  }
  const source = new Database(join(good.folder, good.backup.name), { readonly: true, fileMustExist: true });
  try {
    await source.backup(file, { progress: () => 0x7fffffff });
  } finally {
    source.close();
  }
  return { restored: { name: good.backup.name, at: good.backup.at }, damagedCopy };
}

/**
 * What the transports serve while the database cannot be used: every method answers `unavailable`
 * with the reason, except getStartupState, and recoverFromBackup when the file is damaged.
 */
export function createRecoveryApi(problem: StartupProblem, detail: string, file: string, recover: () => Promise<Recovery>): Api {
  const refuse = async () => {
    throw new ApiError('unavailable', PROBLEM_MESSAGES[problem]);
  };
  const handlers = Object.fromEntries(methodNames.map((m) => [m, refuse])) as unknown as Handlers;
  handlers.getStartupState = async (): Promise<StartupState> => {
    const good = problem === 'damaged' ? await newestGoodBackup(file) : null;
    return { state: problem, detail, ...(problem === 'damaged' ? { newestGoodBackup: good && { name: good.backup.name, at: good.backup.at } } : {}) };
  };
  if (problem === 'damaged') handlers.recoverFromBackup = recover;
  const gate: ManagementGate = {
    check: refuse,
    isOpen: async () => false,
    keepOpen: async () => {},
    open: refuse,
    close: async () => {},
    assertMayTry: refuse,
    recordAttempt: async () => {},
    retryAfterSeconds: async () => 0,
  };
  return { handlers, gate, changes: NO_CHANGES };
}
