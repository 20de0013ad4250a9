import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ApiError } from '../api/errors';
import { databaseStem, newestFirst, parseBackupName, type BackupKind, type ParsedBackupName } from './backup-names';
import { assertUsableFolder, defaultBackupFolder } from './backup-folder';
import { automaticKind, backupsToDelete, type RotationCounts } from './rotation';
import { takeBackup, type BackupInfo } from './take-backup';
import { countRows, verifyBackupFile } from './verify-backup';
import type { BackupList, BackupRestore } from './backup-types';

/** What the backup service needs of the open database; plain, so it works before the core exists (pre-migration backups). */
export interface BackupSource {
  sqlite: Database.Database;
  file: string;
  now: () => number;
  /** The configured folder ('' for the default) and rotation, read when needed so a changed setting applies at once. */
  settings: () => Promise<{ backupFolder: string; backupKeepDaily: number; backupKeepWeekly: number; backupKeepMonthly: number }>;
  /** Called after the live database was replaced: migrate an older backup, rebuild what is derived, drop caches. */
  afterRestore: () => Promise<void>;
}

export interface BackupService {
  folder(): Promise<string>;
  list(): Promise<BackupList>;
  /** A verified backup now: into the configured folder (kind `manual`), or into `folder` (e.g. a USB stick), which is never rotated. */
  backupNow(folder?: string): Promise<BackupInfo>;
  /** A backup of a given kind into the configured folder, not rotated (before a migration or a restore). */
  backupAs(kind: BackupKind): Promise<BackupInfo>;
  /** The start and daily backup: labelled by the rotation slot it opens, then the folder is rotated. */
  automatic(): Promise<BackupInfo>;
  restore(name: string, dryRun: boolean): Promise<BackupRestore>;
}

const ALL_PAGES = 0x7fffffff;

const sqliteCode = (err: unknown) => (err as { code?: unknown })?.code;

export function createBackupService(source: BackupSource): BackupService {
  const stem = databaseStem(source.file);

  const folder = async () => {
    const { backupFolder } = await source.settings();
    return backupFolder === '' ? defaultBackupFolder(source.file) : backupFolder;
  };

  const rotation = async (): Promise<RotationCounts> => {
    const s = await source.settings();
    return { daily: s.backupKeepDaily, weekly: s.backupKeepWeekly, monthly: s.backupKeepMonthly };
  };

  const parsedIn = (dir: string): ParsedBackupName[] => {
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
      .map(parseBackupName)
      .filter((b): b is ParsedBackupName => b !== null && b.stem === stem);
  };

  const info = (dir: string, b: ParsedBackupName): BackupInfo => ({ name: b.name, at: b.at, kind: b.kind, size: statSync(join(dir, b.name)).size, verified: true });

  const write = async (dir: string, kind: BackupKind) => {
    // Only the default folder is made; a configured one that is missing (an unplugged drive) fails the backup instead.
    if (dir === defaultBackupFolder(source.file)) mkdirSync(dir, { recursive: true });
    return takeBackup(source.sqlite, { folder: dir, stem, at: source.now(), kind });
  };

  const asApiError = (err: unknown): never => {
    if (err instanceof ApiError) throw err;
    throw new ApiError('unavailable', err instanceof Error ? err.message : String(err));
  };

  return {
    folder,
    async list() {
      const dir = await folder();
      // Names carry whole seconds; within one second (a safety backup right after a manual one) the file written last comes first.
      const written = (b: ParsedBackupName) => statSync(join(dir, b.name)).mtimeMs;
      const backups = parsedIn(dir)
        .sort((a, b) => newestFirst(a, b) || written(b) - written(a))
        .map((b) => info(dir, b));
      return { folder: dir, rotation: await rotation(), backups };
    },
    async backupNow(chosen) {
      if (chosen !== undefined) assertUsableFolder(chosen, 'folder');
      return write(chosen ?? (await folder()), 'manual').catch(asApiError);
    },
    async backupAs(kind) {
      return write(await folder(), kind);
    },
    async automatic() {
      const dir = await folder();
      const at = source.now();
      const backup = await write(dir, automaticKind(at, parsedIn(dir)));
      for (const old of backupsToDelete(parsedIn(dir), await rotation())) rmSync(join(dir, old.name), { force: true });
      return backup;
    },
    async restore(name, dryRun) {
      const dir = await folder();
      const parsed = parseBackupName(name);
      if (!parsed || parsed.stem !== stem || !existsSync(join(dir, name))) {
        throw new ApiError('not_found', 'no such backup of this database in the backup folder', 'file');
      }
      const chosen = join(dir, name);
      let counts: Record<string, number>;
      try {
        counts = verifyBackupFile(chosen);
      } catch (err) {
        throw new ApiError('conflict', `the backup is damaged and was not restored: ${(err as Error).message}`, 'file');
      }
      const contactsBefore = countRows(source.sqlite).contacts ?? 0;
      const restored = info(dir, parsed);
      if (dryRun) return { dryRun, restored, safetyBackup: null, contactsBefore, contactsAfter: counts.contacts ?? 0 };

      const safetyBackup = await write(dir, 'prerestore').catch((err: unknown) => {
        throw new ApiError('unavailable', `nothing was restored, because the current state could not be backed up first: ${(err as Error).message}`);
      });
      // The backup API in reverse: the chosen file is copied page by page into the live file, in one step
      // that holds the write lock, through SQLite's own locking. The live connection stays open (the
      // transports keep their objects) and simply reads the new pages; the file is never swapped under it.
      const backupDb = new Database(chosen, { readonly: true, fileMustExist: true });
      try {
        await backupDb.backup(source.file, { progress: () => ALL_PAGES });
      } catch (err) {
        const busy = sqliteCode(err) === 'SQLITE_BUSY' || sqliteCode(err) === 'SQLITE_LOCKED';
        throw new ApiError('unavailable', busy ? 'the database is busy; nothing was restored, try again' : `nothing was restored: ${(err as Error).message}`);
      } finally {
        backupDb.close();
      }
      await source.afterRestore();
      const contactsAfter = countRows(source.sqlite).contacts ?? 0;
      if (contactsAfter !== (counts.contacts ?? 0)) {
        throw new ApiError('internal', `the restored database holds ${contactsAfter} contacts instead of ${counts.contacts}; the state before is in ${safetyBackup.name}`);
      }
      return { dryRun, restored, safetyBackup, contactsBefore, contactsAfter };
    },
  };
}

