import { basename } from 'node:path';

import { BACKUP_KINDS, type BackupKind } from './backup-kinds';

export { BACKUP_KINDS, type BackupKind };

const NAME = new RegExp(`^(.+)-(\\d{4})-(\\d{2})-(\\d{2})T(\\d{2})(\\d{2})(\\d{2})Z-(${BACKUP_KINDS.join('|')})(?:-(\\d+))?\\.sqlite$`);

/** `kontaktdesk.sqlite` → `kontaktdesk`, `kontaktdesk-demo.sqlite` → `kontaktdesk-demo`: backups say which database they hold. */
export const databaseStem = (databaseFile: string) => basename(databaseFile).replace(/\.sqlite$/, '');

/**
 * A sortable, self-describing name in UTC: `kontaktdesk-2026-11-25T053012Z-daily.sqlite`.
 * `seq` separates two backups written within the same second.
 */
export function backupName(stem: string, at: number, kind: BackupKind, seq = 0): string {
  const iso = new Date(at).toISOString(); // 2026-11-25T05:30:12.345Z
  const stamp = `${iso.slice(0, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
  return `${stem}-${stamp}-${kind}${seq > 0 ? `-${seq}` : ''}.sqlite`;
}

export interface ParsedBackupName {
  name: string;
  stem: string;
  /** Epoch ms (whole seconds). */
  at: number;
  kind: BackupKind;
  /** Orders backups written within the same second. */
  seq: number;
}

/** Null for anything that is not one of our backups, so a stray file in the folder is never listed, rotated or restored. */
/** Newest first; within one second, the later-written (higher seq) first. */
export const newestFirst = (a: Pick<ParsedBackupName, 'at' | 'seq'>, b: Pick<ParsedBackupName, 'at' | 'seq'>) => b.at - a.at || b.seq - a.seq;

export function parseBackupName(name: string): ParsedBackupName | null {
  const m = NAME.exec(name);
  if (!m) return null;
  const [, stem, y, mo, d, h, mi, s, kind, seq] = m;
  const at = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (Number.isNaN(at)) return null;
  return { name, stem: stem!, at, kind: kind as BackupKind, seq: Number(seq ?? 0) };
}
