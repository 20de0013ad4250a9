import { ApiError } from '../base/errors';
import type { BackupService } from './backup-service';

/**
 * On PostgreSQL the app holds no file to copy: the database server is backed up by its own tools
 * (`pg_dump`, base backups), run by IT. Listing shows nothing; taking, restoring or deleting one says so clearly.
 */
export function serverSideBackups(label: string): BackupService {
  const refuse = (): never => {
    throw new ApiError(
      'unavailable',
      `this app runs on the PostgreSQL database ${label}: back it up on the database server (pg_dump); the app's own backups are for SQLite files`,
    );
  };
  return {
    folder: async () => '',
    list: async () => ({ folder: '', rotation: { daily: 0, weekly: 0, monthly: 0 }, backups: [], totalSize: 0, databaseServer: label }),
    backupNow: async () => refuse(),
    backupAs: async () => refuse(),
    automatic: async () => refuse(),
    restore: async () => refuse(),
    find: async () => refuse(),
    remove: async () => refuse(),
    removeLeftovers: async () => [],
  };
}
