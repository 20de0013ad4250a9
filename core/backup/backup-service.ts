import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ApiError } from '../base/errors';
import { isAutomaticKind } from './backup-kinds';
import { databaseStem, newestFirst, parseBackupName, type BackupKind, type ParsedBackupName } from './backup-names';
import { assertUsableFolder, defaultBackupFolder } from './backup-folder';
import { removeLeftovers } from './leftovers';
import { automaticBackupsToDelete, automaticKind, type RotationCounts } from './rotation';
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
  /** Called just before the chosen backup is copied in (after the safety copy): read what must outlive the restore. */
  beforeRestore?: () => Promise<void>;
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
  /** The start and daily backup: labelled by the rotation slot it opens, then the folder's automatic backups are rotated. */
  automatic(): Promise<BackupInfo>;
  restore(name: string, dryRun: boolean): Promise<BackupRestore>;
  /** One of this database's backups in the configured folder, as listed; `not_found` naming `file` otherwise. */
  find(name: string): Promise<BackupInfo>;
  /** Deletes one listed backup (checked as `find` does). Only a person does this; rotation deletes automatic ones itself. */
  remove(name: string): Promise<void>;
  /** Clears what backups killed mid-write left in the configured and the default folder (leftovers.ts). At start, before any backup. */
  removeLeftovers(): Promise<string[]>;
}

const ALL_PAGES = 0x7fffffff;
/** How often a restore takes its safety copy again when something was saved while the last one was being verified. */
const SAFETY_COPY_TRIES = 3;

const sqliteCode = (err: unknown) => (err as { code?: unknown })?.code;

/** Changes so far: this connection's row changes and other connections' commits. Equal twice means nothing was written in between. */
const writesSoFar = (sqlite: Database.Database) =>
  `${sqlite.prepare('select total_changes()').pluck().get()}/${sqlite.pragma('data_version', { simple: true })}`;

class WrittenDuringRestore extends Error {}

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

  const info = (dir: string, b: ParsedBackupName): BackupInfo => ({
    name: b.name,
    at: b.at,
    kind: b.kind,
    automatic: isAutomaticKind(b.kind),
    size: statSync(join(dir, b.name)).size,
    verified: true,
  });

  const write = async (dir: string, kind: BackupKind, copied?: (counts: Record<string, number>) => void) => {
    // Only the default folder is made; a configured one that is missing (an unplugged drive) fails the backup instead.
    if (dir === defaultBackupFolder(source.file)) mkdirSync(dir, { recursive: true });
    return takeBackup(source.sqlite, { folder: dir, stem, at: source.now(), kind, copied });
  };

  const asApiError = (err: unknown): never => {
    if (err instanceof ApiError) throw err;
    throw new ApiError('unavailable', err instanceof Error ? err.message : String(err));
  };

  /** A backup of this database in the folder, by the name listBackups gave; never a path or a stray file. */
  const listed = async (name: string) => {
    const dir = await folder();
    const parsed = parseBackupName(name);
    if (!parsed || parsed.stem !== stem || !existsSync(join(dir, name))) {
      throw new ApiError('not_found', 'no such backup of this database in the backup folder', 'file');
    }
    return { dir, parsed };
  };

  /**
   * The restore's safety copy, holding every contact saved until the restore begins: taken again when
   * something was written while it was being verified (the desk goes on meanwhile). Also returns what
   * had been written when it was copied, for the restore to check once more at its very start, and the
   * contacts it holds: the ones the restore replaces.
   */
  const safetyCopy = async (dir: string) => {
    for (let attempt = 1; ; attempt++) {
      let atCopy = '';
      let contacts = 0;
      const copy = await write(dir, 'prerestore', (counts) => {
        atCopy = writesSoFar(source.sqlite);
        contacts = counts.contacts ?? 0;
      });
      if (writesSoFar(source.sqlite) === atCopy) return { copy, atCopy, contacts };
      if (attempt === SAFETY_COPY_TRIES) {
        throw new ApiError(
          'unavailable',
          'nothing was restored: contacts or changes kept being saved while the current state was backed up; try again when the desk is quiet',
        );
      }
    }
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
      return { folder: dir, rotation: await rotation(), backups, totalSize: backups.reduce((sum, b) => sum + b.size, 0) };
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
      for (const old of automaticBackupsToDelete(parsedIn(dir), await rotation())) rmSync(join(dir, old.name), { force: true });
      return backup;
    },
    async find(name) {
      const { dir, parsed } = await listed(name);
      return info(dir, parsed);
    },
    async remove(name) {
      const { dir } = await listed(name);
      try {
        rmSync(join(dir, name));
      } catch (err) {
        // Deleted by someone else in the meantime: as if it had never been listed.
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new ApiError('not_found', 'no such backup of this database in the backup folder', 'file');
        throw err;
      }
    },
    async removeLeftovers() {
      const folders = new Set([await folder(), defaultBackupFolder(source.file)]);
      return [...folders].flatMap((dir) => removeLeftovers(dir, stem));
    },
    async restore(name, dryRun) {
      const { dir, parsed } = await listed(name);
      const chosen = join(dir, name);
      let counts: Record<string, number>;
      try {
        counts = await verifyBackupFile(chosen);
      } catch (err) {
        throw new ApiError('conflict', `the backup is damaged and was not restored: ${(err as Error).message}`, 'file');
      }
      const restored = info(dir, parsed);
      if (dryRun) return { dryRun, restored, safetyBackup: null, contactsBefore: countRows(source.sqlite).contacts ?? 0, contactsAfter: counts.contacts ?? 0 };

      const {
        copy: safetyBackup,
        atCopy,
        contacts: contactsBefore,
      } = await safetyCopy(dir).catch((err: unknown) => {
        if (err instanceof ApiError) throw err;
        throw new ApiError('unavailable', `nothing was restored, because the current state could not be backed up first: ${(err as Error).message}`);
      });
      // The backup API in reverse: the chosen file is copied page by page into the live file, in one step
      // that holds the write lock, through SQLite's own locking. The live connection stays open (the
      // transports keep their objects) and simply reads the new pages; the file is never swapped under it.
      // From better-sqlite3's first (empty) step on, the live file's write lock is held, so nothing can be
      // saved any more; what was saved before that, after the safety copy, stops the restore there.
      // Only reads: a write after the safety copy still stops the restore at its first step.
      await source.beforeRestore?.();
      const backupDb = new Database(chosen, { readonly: true, fileMustExist: true });
      try {
        await backupDb.backup(source.file, {
          progress: () => {
            if (writesSoFar(source.sqlite) !== atCopy) throw new WrittenDuringRestore();
            return ALL_PAGES;
          },
        });
      } catch (err) {
        if (err instanceof WrittenDuringRestore) {
          throw new ApiError('unavailable', `nothing was restored: something was saved as the restore began, after ${safetyBackup.name} was taken; try again`);
        }
        const busy = sqliteCode(err) === 'SQLITE_BUSY' || sqliteCode(err) === 'SQLITE_LOCKED';
        throw new ApiError('unavailable', busy ? 'the database is busy; nothing was restored, try again' : `nothing was restored: ${(err as Error).message}`);
      } finally {
        backupDb.close();
      }
      await source.afterRestore();
      const contactsAfter = countRows(source.sqlite).contacts ?? 0;
      if (contactsAfter !== (counts.contacts ?? 0)) {
        throw new ApiError(
          'internal',
          `the restored database holds ${contactsAfter} contacts instead of ${counts.contacts}; the state before is in ${safetyBackup.name}`,
        );
      }
      return { dryRun, restored, safetyBackup, contactsBefore, contactsAfter };
    },
  };
}
