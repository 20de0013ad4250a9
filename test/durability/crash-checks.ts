import Database from 'better-sqlite3';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseBackupName, type ParsedBackupName } from '../../core/backup/backup-names';

/** What a file holds after a kill: SQLite's own verdict and the request ids of its contacts (not voided). */
export interface FileState {
  integrity: string;
  foreignKeyProblems: number;
  /** Request ids of the contacts that stand (not voided); empty before the schema exists. */
  requestIds: Set<string>;
  contactCount: number;
}

/** Opens the file as the app would after the crash (read-write, so a hot journal or WAL is recovered first). */
export function readState(file: string, { readonly = false } = {}): FileState {
  // Killed before the first start made the file: nothing there, nothing lost.
  if (!existsSync(file)) return { integrity: 'ok', foreignKeyProblems: 0, requestIds: new Set(), contactCount: 0 };
  const sqlite = new Database(file, { readonly, fileMustExist: true });
  try {
    const integrity = String(sqlite.pragma('integrity_check', { simple: true }));
    const hasContacts = sqlite.prepare("select 1 from sqlite_master where type = 'table' and name = 'contacts'").get() !== undefined;
    if (!hasContacts) return { integrity, foreignKeyProblems: 0, requestIds: new Set(), contactCount: 0 };
    const foreignKeyProblems = (sqlite.pragma('foreign_key_check') as unknown[]).length;
    const requestIds = new Set(
      sqlite.prepare('select request_id from contacts where void_reason is null and request_id is not null').pluck().all() as string[],
    );
    const contactCount = Number(sqlite.prepare('select count(*) from contacts').pluck().get());
    return { integrity, foreignKeyProblems, requestIds, contactCount };
  } finally {
    sqlite.close();
  }
}

/** The backups listBackups would list: this database's, by name, in its folder. */
export function listedBackups(folder: string, stem = 'kontaktdesk'): ParsedBackupName[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .map(parseBackupName)
    .filter((b): b is ParsedBackupName => b !== null && b.stem === stem);
}

/**
 * integrity_check of every listed backup, each file read once for as long as it stays the same (name,
 * size, time): a backup is never written again once it has its name. Returns one line per bad one.
 */
export function backupChecker(folder: string) {
  const checked = new Map<string, string>();
  let count = 0;
  return {
    check(): string[] {
      const problems: string[] = [];
      for (const backup of listedBackups(folder)) {
        const path = join(folder, backup.name);
        const stat = statSync(path);
        const key = `${stat.size}/${stat.mtimeMs}`;
        if (checked.get(backup.name) === key) continue;
        count++;
        const integrity = readState(path, { readonly: true }).integrity;
        if (integrity !== 'ok') problems.push(`the listed backup ${backup.name} fails integrity_check: ${integrity}`);
        checked.set(backup.name, key);
      }
      return problems;
    },
    get count() {
      return count;
    },
  };
}

/** The backups a killed write left (`<name>.partial`, `-journal` …), by the backup they belonged to. */
export function leftoverBackups(folder: string): string[] {
  if (!existsSync(folder)) return [];
  const names = readdirSync(folder)
    .map((n) => /^(.+\.sqlite)\.partial(?:-journal|-wal|-shm)?$/.exec(n)?.[1])
    .filter((n): n is string => n !== undefined);
  return [...new Set(names)];
}
