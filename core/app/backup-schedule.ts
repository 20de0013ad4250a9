import type { BackupService } from '../backup/backup-service';

export const BACKUP_INTERVAL_MS = 24 * 60 * 60_000;

export interface BackupSchedule {
  stop(): void;
  /** Settles when the backup under way (if any) has finished; for a clean shutdown and for tests. */
  idle(): Promise<void>;
}

/**
 * The automatic backups while the app runs: one now (after opening, before the shells serve) and one
 * every day. A failed automatic backup is reported and never stops the desk; the timer is unref'd so it
 * never keeps a closing process alive.
 */
export async function startBackupSchedule(
  backups: BackupService,
  {
    intervalMs = BACKUP_INTERVAL_MS,
    report = (err: unknown) => console.error('Automatic backup failed:', err),
  }: { intervalMs?: number; report?: (err: unknown) => void } = {},
): Promise<BackupSchedule> {
  let running: Promise<void> = Promise.resolve();
  // Never two at once: a slow backup (a large file, a slow stick) simply delays the next.
  const run = () => (running = running.then(() => backups.automatic()).then(() => undefined, report));
  await run();
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer), idle: () => running };
}
