import type { BackupInfo } from './take-backup';
import type { RotationCounts } from './rotation';

export type { BackupInfo } from './take-backup';

export interface BackupList {
  /** The folder the automatic backups go to (the setting, or the default beside the database). */
  folder: string;
  rotation: RotationCounts;
  /** This database's backups in that folder, newest first. */
  backups: BackupInfo[];
  /** Bytes of all of them together: what the folder holds for this database. */
  totalSize: number;
  /** Set when the app runs on PostgreSQL (the masked URL): the server is backed up there, not by the app. */
  databaseServer?: string;
}

export interface BackupRestore {
  dryRun: boolean;
  /** The backup that was (or would be) restored. */
  restored: BackupInfo;
  /** The backup of the state before the restore; null in a dry run. */
  safetyBackup: BackupInfo | null;
  /** Contacts (voided included) before and after. */
  contactsBefore: number;
  contactsAfter: number;
}
