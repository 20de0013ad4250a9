import { isAutomaticKind, type AutomaticKind } from './backup-kinds';
import { newestFirst, type ParsedBackupName } from './backup-names';

export interface RotationCounts {
  daily: number;
  weekly: number;
  monthly: number;
}

export const DEFAULT_ROTATION: RotationCounts = { daily: 7, weekly: 4, monthly: 12 };

const dayKey = (at: number) => new Date(at).toISOString().slice(0, 10);
const monthKey = (at: number) => new Date(at).toISOString().slice(0, 7);
/** ISO week, so a week starts on Monday as at the desk. */
function weekKey(at: number): string {
  const d = new Date(at);
  const day = (d.getUTCDay() + 6) % 7; // Monday 0
  const thursday = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - day + 3);
  const year = new Date(thursday).getUTCFullYear();
  const week = Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * 86_400_000)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/**
 * Grandfather-father-son, as restic's `forget --keep-daily/weekly/monthly` does it: walking from the
 * newest backup back, the newest backup of each of the last `daily` days that have a backup is kept,
 * likewise for ISO weeks and calendar months (all in UTC, as the file names are). One file may fill
 * a day, a week and a month slot at once; it is kept once. Everything else is returned for deletion.
 * The newest backup is always kept.
 */
export function backupsToDelete<T extends Pick<ParsedBackupName, 'at' | 'seq'>>(backups: readonly T[], keep: RotationCounts): T[] {
  const sorted = [...backups].sort(newestFirst);
  const kept = new Set<T>(sorted.slice(0, 1));
  const fill = (key: (at: number) => string, count: number) => {
    const seen = new Set<string>();
    for (const backup of sorted) {
      const k = key(backup.at);
      if (seen.has(k)) continue;
      if (seen.size >= count) break;
      seen.add(k);
      kept.add(backup);
    }
  };
  fill(dayKey, keep.daily);
  fill(weekKey, keep.weekly);
  fill(monthKey, keep.monthly);
  return sorted.filter((b) => !kept.has(b));
}

/**
 * What the start and daily backup's rotation deletes: only automatic backups, by the rule above over
 * the automatic ones alone. Manual, before-migration and before-restore copies are never returned and
 * never take a slot (a manual backup today does not make today's automatic one redundant).
 */
export function automaticBackupsToDelete<T extends Pick<ParsedBackupName, 'at' | 'seq' | 'kind'>>(backups: readonly T[], keep: RotationCounts): T[] {
  return backupsToDelete(
    backups.filter((b) => isAutomaticKind(b.kind)),
    keep,
  );
}

/** The label of an automatic backup: the largest slot it opens among the automatic backups already there. */
export function automaticKind(at: number, existing: readonly Pick<ParsedBackupName, 'at' | 'kind'>[]): AutomaticKind {
  const automatic = existing.filter((b) => isAutomaticKind(b.kind));
  if (!automatic.some((b) => monthKey(b.at) === monthKey(at))) return 'monthly';
  if (!automatic.some((b) => weekKey(b.at) === weekKey(at))) return 'weekly';
  return 'daily';
}
