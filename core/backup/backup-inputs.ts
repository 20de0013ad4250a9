import { z } from 'zod';
import { dryRunSchema } from '../base/primitive-schemas';
import { BACKUP_KINDS } from './backup-kinds';

export const BACKUP_KEEP_MAX = { daily: 60, weekly: 52, monthly: 120 } as const;

/** Absolute on POSIX (`/media/usb`) and on Windows (`E:\\`, `\\\\server\\share`); whether it exists is checked by the handler. */
export const backupFolderSchema = z
  .string()
  .min(1, 'give an absolute folder path')
  .max(1024)
  .refine((p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\'), 'give an absolute folder path')
  .refine((p) => !p.includes('\0'), 'the path contains a NUL character');

/** A backup's file name as listBackups gives it; never a path, so nothing outside the backup folder can be named. */
export const backupFileNameSchema = z
  .string()
  .max(200)
  .regex(
    new RegExp(`^[A-Za-z0-9_-]+-\\d{4}-\\d{2}-\\d{2}T\\d{6}Z-(${BACKUP_KINDS.join('|')})(-\\d+)?\\.sqlite$`),
    'a backup file name as listBackups gives it',
  );

/** To the configured folder, or to `folder` (e.g. a USB stick), which is never rotated. */
export const backupNowSchema = z.strictObject({ folder: backupFolderSchema.optional() });
export const restoreBackupSchema = z.strictObject({ file: backupFileNameSchema, dryRun: dryRunSchema });
export const deleteBackupSchema = z.strictObject({ file: backupFileNameSchema });
export type DeleteBackupInput = z.output<typeof deleteBackupSchema>;
